import { BaseCommand, paragraphs } from '@idc/cli-kit'
import { editIniFile, loadConfigFiles } from '@idc/core'
import { Flags } from '@oclif/core'
import { answersFromFlags, applyPlan, DEFAULT_SCOPES, OUTPUTS, planConfigure } from '../lib/configure/plan.js'
import { askAnswers } from '../lib/configure/prompts.js'

export interface ConfigureJson {
  configFile: string
  ssoSession: { name: string; values: Record<string, string> }
  profile?: { name: string; values: Record<string, string> } | undefined
}

export default class Configure extends BaseCommand<typeof Configure> {
  static override summary = 'Write an [sso-session] and a [profile] into the AWS config file.'
  static override description =
    paragraphs(`Writes the same sections and keys as \`aws configure sso\`: [sso-session NAME] with sso_start_url,
sso_region and sso_registration_scopes, and [profile NAME] with sso_session, sso_account_id,
sso_role_name, region and output. The AWS CLI v2 and the AWS SDKs read the result. Keys of
existing sections are updated in place; every other line of the file keeps its bytes, and the
file is written once, atomically, at the end (Ctrl-C before that changes nothing).

It asks before it changes the account or role of an existing profile. Given a legacy profile
(sso_start_url in the profile) and --sso-session, it moves the profile to that sso-session (which
gets the profile's start URL and region), so its sign-in can be refreshed.

On a terminal it asks for what the flags leave out: the session, then signs you in (reusing a
valid cached sign-in, else as \`login\` does), lists your accounts and roles to pick from, and
asks for the profile name, client region and output format. With --non-interactive, --json, or
without a terminal, nothing is asked: give the values as flags (an existing sso-session supplies
its start URL, region and scopes). No sign-in happens then.`)

  static override examples = [
    {
      description: 'Step by step, picking the account and role from lists',
      command: '<%= config.bin %> <%= command.id %>',
    },
    {
      description: 'Scripted (no prompts, no sign-in)',
      command:
        '<%= config.bin %> <%= command.id %> --non-interactive --sso-session corp --start-url https://my-org.awsapps.com/start --sso-region us-east-1 --profile dev --account-id 111122223333 --role-name Developer --region eu-west-1 --output json',
    },
    {
      description: 'Add a profile to an sso-session that is already configured',
      command:
        '<%= config.bin %> <%= command.id %> --non-interactive --sso-session corp --profile prod --account-id 444455556666 --role-name ReadOnly',
    },
    {
      description: 'Only the sso-session (then `login --sso-session corp`)',
      command:
        '<%= config.bin %> <%= command.id %> --non-interactive --sso-session corp --start-url https://my-org.awsapps.com/start --sso-region us-east-1',
    },
  ]

  static override flags = {
    'sso-session': Flags.string({ description: 'The [sso-session] name.', helpValue: '<name>' }),
    'start-url': Flags.string({
      description: 'The AWS access portal URL.',
      helpValue: '<url>',
    }),
    'sso-region': Flags.string({ description: 'The region of IAM Identity Center.', helpValue: '<region>' }),
    scopes: Flags.string({
      description: `Registration scopes, comma-separated (default ${DEFAULT_SCOPES}).`,
      helpValue: '<scopes>',
    }),
    profile: Flags.string({
      description: 'The profile to write (none: only the sso-session).',
      helpGroup: 'GLOBAL',
      helpValue: '<name>',
    }),
    'account-id': Flags.string({ description: "The profile's account ID.", helpValue: '<id>' }),
    'role-name': Flags.string({
      description: "The profile's role (permission set) name.",
      helpValue: '<name>',
    }),
    region: Flags.string({
      description: "The profile's default client region.",
      helpGroup: 'GLOBAL',
      helpValue: '<region>',
    }),
    output: Flags.string({
      description: "The profile's default output format for the AWS CLI.",
      options: [...OUTPUTS],
    }),
    'non-interactive': Flags.boolean({
      description:
        'Never prompt or sign in; fail when a required value is missing (implied without a terminal).',
      default: false,
    }),
    'use-device-code': Flags.boolean({
      description: 'When signing in, use the device code flow instead of the browser (PKCE).',
      default: false,
    }),
    browser: Flags.boolean({
      description: 'When signing in, open the browser (--no-browser: only print the URL).',
      default: true,
      allowNo: true,
    }),
  }

  async run(): Promise<ConfigureJson> {
    const flags = this.flags
    const interactive =
      !flags['non-interactive'] &&
      !this.jsonEnabled() &&
      Boolean(process.stdin.isTTY) &&
      Boolean(process.stdout.isTTY)
    const files = await loadConfigFiles({ env: process.env })
    const answers = interactive
      ? await askAnswers({ files, flags, ui: this.ui, context: () => this.context() })
      : await answersFromFlags(files, flags, this.config.bin)
    const plan = planConfigure(files, answers)
    const configFile = files.config.path
    await editIniFile(configFile, (text) => applyPlan(text, plan))

    const { profile } = plan
    this.ui.info(
      `Wrote [sso-session ${plan.session.name}]${profile ? ` and [profile ${profile.name}]` : ''} to ${configFile}.`,
    )
    if (profile && plan.repointed) {
      this.ui.info(
        `[profile ${profile.name}] now uses account ${profile.values['sso_account_id']}, role ${profile.values['sso_role_name']} (was ${plan.repointed.accountId ?? '(none)'}, ${plan.repointed.roleName ?? '(none)'}).`,
      )
    }
    if (profile && plan.removed.length > 0) {
      this.ui.info(
        `Removed ${plan.removed.join(', ')} from [profile ${profile.name}] (the sso-session has them).`,
      )
    }
    const bin = this.config.bin
    // On a terminal configure has just signed in: the next step is to use the profile.
    this.ui.info(
      profile
        ? interactive
          ? `Next: ${bin} creds --profile ${profile.name} (or aws ... --profile ${profile.name}).`
          : `Next: ${bin} login --profile ${profile.name}, then ${bin} creds --profile ${profile.name} (or aws ... --profile ${profile.name}).`
        : `Next: ${bin} login --sso-session ${plan.session.name}, then ${bin} populate --sso-session ${plan.session.name}.`,
    )
    return { configFile, ssoSession: plan.session, profile }
  }
}

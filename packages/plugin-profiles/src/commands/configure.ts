import { BaseCommand, paragraphs } from '@idc/cli-kit'
import { configPaths, IdcError, listAccounts, listRoles, writeSection } from '@idc/core'
import { Flags } from '@oclif/core'

export interface ConfigureJson {
  configFile: string
  ssoSession: { name: string; values: Record<string, string> }
  profile?: { name: string; values: Record<string, string> } | undefined
}

interface Answers {
  session: string
  startUrl: string
  ssoRegion: string
  scopes: string
  profile?: string | undefined
  accountId?: string | undefined
  roleName?: string | undefined
  region?: string | undefined
  output?: string | undefined
}

const DEFAULT_SCOPES = 'sso:account:access'

export default class Configure extends BaseCommand<typeof Configure> {
  static override summary = 'Write an [sso-session] and a [profile] into the AWS config file.'
  static override description =
    paragraphs(`Interactive on a terminal (prompts for what the flags do not give); scriptable with flags and
--non-interactive. Writes the same keys as \`aws configure sso\`, so the AWS CLI and the SDKs read
the result; every other line of the file stays as it was. Account and role are offered from
the portal when you are already signed in to the session.`)

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    {
      description: 'Scripted',
      command:
        '<%= config.bin %> <%= command.id %> --non-interactive --sso-session corp --start-url https://my-org.awsapps.com/start --sso-region us-east-1 --profile dev --account-id 111122223333 --role-name Developer --region eu-west-1',
    },
  ]

  static override flags = {
    'sso-session': Flags.string({ description: 'The [sso-session] name.', helpValue: '<name>' }),
    'start-url': Flags.string({ description: 'The AWS access portal URL.', helpValue: '<url>' }),
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
      description: "The profile's default region.",
      helpGroup: 'GLOBAL',
      helpValue: '<region>',
    }),
    output: Flags.string({
      description: "The profile's default output format for the AWS CLI.",
      options: ['json', 'yaml', 'yaml-stream', 'text', 'table'],
    }),
    'non-interactive': Flags.boolean({
      description: 'Never prompt; fail when a required value is missing (implied without a terminal).',
      default: false,
    }),
  }

  async run(): Promise<ConfigureJson> {
    const flags = this.flags
    const interactive = !flags['non-interactive'] && !this.jsonEnabled() && Boolean(process.stdin.isTTY)
    const answers = interactive ? await this.ask() : this.fromFlags()
    const { configFile } = configPaths(process.env)

    const sessionValues: Record<string, string> = {
      sso_start_url: answers.startUrl,
      sso_region: answers.ssoRegion,
      sso_registration_scopes: answers.scopes,
    }
    await writeSection(
      configFile,
      { file: 'config', type: 'sso-session', name: answers.session },
      sessionValues,
    )
    let profile: ConfigureJson['profile']
    if (answers.profile) {
      const values: Record<string, string> = { sso_session: answers.session }
      if (answers.accountId) values['sso_account_id'] = answers.accountId
      if (answers.roleName) values['sso_role_name'] = answers.roleName
      if (answers.region) values['region'] = answers.region
      if (answers.output) values['output'] = answers.output
      await writeSection(configFile, { file: 'config', type: 'profile', name: answers.profile }, values)
      profile = { name: answers.profile, values }
    }
    this.ui.info(
      `Wrote [sso-session ${answers.session}]${profile ? ` and [profile ${profile.name}]` : ''} to ${configFile}.`,
    )
    this.ui.info(
      `Next: ${this.config.bin} login ${profile ? `--profile ${profile.name}` : `--sso-session ${answers.session}`}`,
    )
    return { configFile, ssoSession: { name: answers.session, values: sessionValues }, profile }
  }

  private fromFlags(): Answers {
    const f = this.flags
    const missing = (['sso-session', 'start-url', 'sso-region'] as const).filter((k) => !f[k])
    if (missing.length > 0) {
      throw new IdcError('invalid-argument', `Missing ${missing.map((m) => `--${m}`).join(', ')}.`, {
        hint: 'Give them as flags, or run `aws-idc configure` on a terminal to be asked.',
      })
    }
    if (f.profile && (!f['account-id'] || !f['role-name'])) {
      throw new IdcError('invalid-argument', '--profile needs --account-id and --role-name.', {
        hint: 'List them with `aws-idc accounts` and `aws-idc roles` after signing in.',
      })
    }
    return {
      session: f['sso-session']!,
      startUrl: f['start-url']!,
      ssoRegion: f['sso-region']!,
      scopes: f.scopes ?? DEFAULT_SCOPES,
      profile: f.profile,
      accountId: f['account-id'],
      roleName: f['role-name'],
      region: f.region,
      output: f.output,
    }
  }

  /** Prompts (lazily loaded: @inquirer/prompts costs start-up time) for whatever the flags left out. */
  private async ask(): Promise<Answers> {
    const { input, select } = await import('@inquirer/prompts')
    const f = this.flags
    const required = (v: string) => (v.trim() ? true : 'Required.')
    const session = f['sso-session'] ?? (await input({ message: 'SSO session name', validate: required }))
    const startUrl =
      f['start-url'] ?? (await input({ message: 'Start URL (AWS access portal)', validate: required }))
    const ssoRegion =
      f['sso-region'] ?? (await input({ message: 'IAM Identity Center region', validate: required }))
    const scopes = f.scopes ?? (await input({ message: 'Registration scopes', default: DEFAULT_SCOPES }))
    const profile =
      f.profile ?? ((await input({ message: 'Profile name (empty: none)' })).trim() || undefined)
    if (!profile) return { session, startUrl, ssoRegion, scopes }

    const request = { from: 'values' as const, startUrl, ssoRegion, sessionName: session }
    const ctx = this.context()
    let accountId = f['account-id']
    if (!accountId) {
      const accounts = await listAccounts(request, ctx).catch(() => undefined)
      accountId = accounts?.length
        ? await select({
            message: 'Account',
            choices: accounts.map((a) => ({
              name: `${a.accountName ?? ''} (${a.accountId})`,
              value: a.accountId,
            })),
          })
        : await input({ message: 'Account ID (sign in first to pick from a list)', validate: required })
    }
    let roleName = f['role-name']
    if (!roleName) {
      const roles = await listRoles(request, accountId, ctx).catch(() => undefined)
      roleName = roles?.length
        ? await select({
            message: 'Role',
            choices: roles.map((r) => ({ name: r.roleName, value: r.roleName })),
          })
        : await input({ message: 'Role name', validate: required })
    }
    const region =
      f.region ?? ((await input({ message: 'Default client region (empty: none)' })).trim() || undefined)
    const output =
      f.output ?? ((await input({ message: 'Default output format', default: 'json' })).trim() || undefined)
    return { session, startUrl, ssoRegion, scopes, profile, accountId, roleName, region, output }
  }
}

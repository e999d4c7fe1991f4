import { BaseCommand, paragraphs } from '@idc/cli-kit'
import {
  configPaths,
  deleteSection,
  getProfile,
  listAccountsAndRoles,
  listProfiles,
  loadConfigFiles,
  writeSection,
} from '@idc/core'
import { Flags } from '@oclif/core'
import { DEFAULT_TEMPLATE, type ExistingProfile, planDiff, planPopulate } from '../lib/populate-plan.js'

export interface PopulateJson {
  configFile: string
  dryRun: boolean
  added: string[]
  updated: string[]
  removed: string[]
  unchanged: string[]
}

export default class Populate extends BaseCommand<typeof Populate> {
  static override summary = 'Write a profile for every account and role of an sso-session.'
  static override description =
    paragraphs(`Lists every account and role you can access (one sign-in, the cached token) and writes a
[profile] for each into the AWS config file, named by --template from {account_name},
{account_id}, {role_name} and {session}. Existing profiles with the same name are updated;
everything else in the file stays byte for byte. --prune removes profiles of this sso-session
whose account or role you can no longer access. --dry-run prints the changes as a diff.`)

  static override examples = [
    '<%= config.bin %> <%= command.id %> --sso-session corp --dry-run',
    "<%= config.bin %> <%= command.id %> --sso-session corp --template '{account_id}-{role_name}' --region eu-west-1",
    '<%= config.bin %> <%= command.id %> --sso-session corp --prune',
  ]

  static override flags = {
    'sso-session': Flags.string({
      description: 'The [sso-session] whose accounts and roles to write.',
      required: true,
      helpValue: '<name>',
    }),
    template: Flags.string({
      description: 'Profile name template: {account_name}, {account_id}, {role_name}, {session}.',
      default: DEFAULT_TEMPLATE,
    }),
    'dry-run': Flags.boolean({
      description: 'Print the changes as a diff and write nothing.',
      default: false,
    }),
    prune: Flags.boolean({
      description: 'Remove profiles of this sso-session whose account or role no longer exists.',
      default: false,
    }),
    region: Flags.string({
      description: 'Set `region` in every written profile.',
      helpGroup: 'GLOBAL',
      helpValue: '<region>',
    }),
  }

  async run(): Promise<PopulateJson> {
    const flags = this.flags
    const ctx = this.context()
    const session = flags['sso-session']
    const wait = this.ui.wait('Listing accounts and roles')
    const accounts = await listAccountsAndRoles({ from: 'sso-session', sessionName: session }, ctx)
    wait.stop()

    const files = await loadConfigFiles({ env: ctx.env })
    const existing: ExistingProfile[] = listProfiles(files).map((name) => {
      const p = getProfile(files, name)
      const v = (key: string) => p?.get(key)?.value
      return {
        name,
        values: {
          sso_session: v('sso_session'),
          sso_account_id: v('sso_account_id'),
          sso_role_name: v('sso_role_name'),
          region: v('region'),
        },
      }
    })
    const plan = planPopulate({
      session,
      accounts,
      existing,
      template: flags.template,
      region: flags.region,
      prune: flags.prune,
    })
    const { configFile } = configPaths(ctx.env)
    const diff = planDiff(plan)
    if (flags['dry-run']) {
      if (!this.jsonEnabled()) process.stdout.write(diff.length > 0 ? `${diff.join('\n')}\n` : '')
      this.ui.info(diff.length > 0 ? `Dry run: nothing written to ${configFile}.` : 'Nothing to change.')
    } else {
      for (const { name, values } of [...plan.add, ...plan.update]) {
        await writeSection(configFile, { file: 'config', type: 'profile', name }, definedValues(values))
      }
      for (const { name } of plan.remove) {
        await deleteSection(configFile, { file: 'config', type: 'profile', name })
      }
      for (const line of diff) this.ui.info(line)
      this.ui.info(
        `${configFile}: ${plan.add.length} added, ${plan.update.length} updated, ${plan.remove.length} removed, ${plan.unchanged.length} unchanged.`,
      )
    }
    return {
      configFile,
      dryRun: flags['dry-run'],
      added: plan.add.map((p) => p.name),
      updated: plan.update.map((p) => p.name),
      removed: plan.remove.map((p) => p.name),
      unchanged: plan.unchanged,
    }
  }
}

function definedValues(values: object): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string') out[k] = v
  return out
}

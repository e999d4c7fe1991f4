import { setMaxListeners } from 'node:events'
import { autoLoginFlag, BaseCommand, paragraphs, retryProgress } from '@idc/cli-kit'
import {
  type ConfigFiles,
  checkRegionArgument,
  DEFAULT_LISTING_CONCURRENCY,
  editIniFile,
  getProfile,
  getToken,
  IdcError,
  listAccountsAndRoles,
  listProfiles,
  listSsoSessions,
  loadConfigFiles,
  removeSection,
  resolveTarget,
  type SectionRef,
  sectionsIn,
  sectionsInText,
} from '@idc/core'
import { Flags } from '@oclif/core'
import { appendSections, setValues } from '../lib/config-edit.js'
import {
  checkTemplate,
  DEFAULT_TEMPLATE,
  type ExistingProfile,
  MARKER_KEY,
  type ProfileValues,
  planDiff,
  planPopulate,
} from '../lib/populate-plan.js'

/** The cap of the listing's adaptive window (core's default: 1,000 accounts at 20 ms a call need ~64). */
export const DEFAULT_CONCURRENCY = DEFAULT_LISTING_CONCURRENCY

export interface PopulateJson {
  configFile: string
  dryRun: boolean
  sso_session: string
  /** Accounts and roles listed from the portal. */
  accounts: number
  roles: number
  added: string[]
  changed: string[]
  removed: string[]
  unchanged: string[]
  /** Names the template gives that belong to someone else (not written by populate for this session). */
  skipped: { name: string; reason: string }[]
}

export default class Populate extends BaseCommand<typeof Populate> {
  static override summary = 'Write a profile for every account and role of an sso-session.'
  static override description =
    paragraphs(`Lists every account and role you can access (with the cached sign-in of the sso-session; run
login first) and writes a [profile] for each into the AWS config file, named by --template from
{account_name}, {account_id}, {role_name} and {session} (other characters become "-").

Every profile it writes carries \`${MARKER_KEY} = <sso-session>\` (the AWS CLI and the SDKs ignore
the key). Only such profiles are ever changed or removed: a profile you wrote yourself with the
same name is left alone and reported. --prune removes this sso-session's populated profiles that
the run no longer produces (role no longer assigned, or renamed by a new --template). Everything
else in the file stays byte for byte, and the file is written once, atomically.

--dry-run prints the changes as a diff (+ added, ~ changed, - removed, ! left alone) on stdout and
writes nothing. Names are transliterated to ASCII ("Ünïcode" -> "Unicode") and listed in natural
order ("8" before "53"). Without --sso-session it uses the only one configured.`)

  static override examples = [
    '<%= config.bin %> <%= command.id %> --sso-session corp --dry-run',
    "<%= config.bin %> <%= command.id %> --sso-session corp --template '{account_id}-{role_name}' --region eu-west-1",
    '<%= config.bin %> <%= command.id %> --sso-session corp --prune',
    '<%= config.bin %> <%= command.id %> --sso-session corp --json',
  ]

  static override flags = {
    'sso-session': Flags.string({
      description: 'The [sso-session] whose accounts and roles to write (default: the only one configured).',
      helpValue: '<name>',
    }),
    ...autoLoginFlag,
    template: Flags.string({
      description: 'Profile name template: {account_name}, {account_id}, {role_name}, {session}.',
      default: DEFAULT_TEMPLATE,
    }),
    'dry-run': Flags.boolean({
      description: 'Print the changes as a diff and write nothing.',
      default: false,
    }),
    prune: Flags.boolean({
      description: "Remove this sso-session's populated profiles that the run no longer produces.",
      default: false,
    }),
    region: Flags.string({
      description: 'Set `region` (the client region) in every written profile.',
      helpGroup: 'GLOBAL',
      helpValue: '<region>',
    }),
    concurrency: Flags.integer({
      description: 'The most ListAccountRoles calls in flight at once (fewer while the service throttles).',
      default: DEFAULT_CONCURRENCY,
      min: 1,
      max: 100,
      helpValue: '<n>',
    }),
  }

  async run(): Promise<PopulateJson> {
    const flags = this.flags
    const ctx = this.context()
    checkTemplate(flags.template)
    if (flags.region !== undefined) await checkRegionArgument(flags.region, '--region')
    const session = flags['sso-session'] ?? (await this.onlySession(ctx.env))
    // Configuration and sign-in problems surface before the progress line.
    const request = { from: 'sso-session', sessionName: session } as const
    const target = await resolveTarget(request, ctx)
    await this.withSignIn(request, () => getToken(target, this.context()))
    const label = `Listing the accounts and roles of sso-session ${session}`
    const wait = this.ui.wait(label)
    const started = Date.now()
    // Every call in play (twice the cap: some wait out a throttling backoff) listens to the signal.
    setMaxListeners(flags.concurrency * 2 + 10, ctx.signal)
    const accounts = await listAccountsAndRoles(target, {
      ...ctx,
      concurrency: flags.concurrency,
      pageSize: 100,
      retry: retryProgress(wait, label),
    })
    const roleCount = accounts.reduce((n, a) => n + a.roles.length, 0)
    wait.stop(
      `${accounts.length} accounts, ${roleCount} roles (${((Date.now() - started) / 1000).toFixed(1)} s).`,
    )

    const files = await loadConfigFiles({ env: ctx.env })
    const plan = planPopulate({
      session,
      accounts,
      existing: existingProfiles(files),
      template: flags.template,
      region: flags.region,
      prune: flags.prune,
    })
    const configFile = files.config.path
    const diff = planDiff(plan)
    const human = !this.jsonEnabled()
    if (human && diff.length > 0) process.stdout.write(`${diff.join('\n')}\n`)
    const counts = `${plan.add.length} added, ${plan.update.length} changed, ${plan.remove.length} removed, ${plan.unchanged.length} unchanged, ${plan.skipped.length} left alone`
    if (flags['dry-run']) {
      // The result of a dry run is data: stdout, with the diff.
      if (human) process.stdout.write(`Dry run, nothing written to ${configFile}: ${counts}.\n`)
    } else {
      // One read-modify-write of the file (temp file + rename), however many profiles change.
      const { changed } = await editIniFile(configFile, (text) => {
        let out = text
        for (const { name, changes } of plan.update) {
          const values = Object.fromEntries(changes.map((c) => [c.key, c.after]))
          out = setValues(out, profileRef(name), values)
        }
        for (const { name } of plan.remove) out = removeSection(out, profileRef(name))
        // The plan was made before the file's lock was taken: a profile another process (a second
        // populate) added meanwhile is updated in place rather than appended twice.
        const present = sectionsInText(out, configFile, 'profile')
        const fresh = plan.add.filter(({ name }) => !present.has(name))
        for (const { name, values } of plan.add) {
          if (present.has(name)) out = setValues(out, profileRef(name), definedValues(values))
        }
        return appendSections(
          out,
          fresh.map(({ name, values }) => ({ ref: profileRef(name), values: definedValues(values) })),
        )
      })
      this.ui.info(`${changed ? 'Updated' : 'Nothing to change in'} ${configFile}: ${counts}.`)
    }
    if (plan.skipped.length > 0) {
      this.ui.warn(
        `${plan.skipped.length} profile${plan.skipped.length === 1 ? '' : 's'} left alone (see the "!" lines); rename them or use --template.`,
      )
    }
    return {
      configFile,
      dryRun: flags['dry-run'],
      sso_session: session,
      accounts: accounts.length,
      roles: roleCount,
      added: plan.add.map((p) => p.name),
      changed: plan.update.map((p) => p.name),
      removed: plan.remove.map((p) => p.name),
      unchanged: plan.unchanged,
      skipped: plan.skipped,
    }
  }

  /** Without --sso-session: the one configured, else a list to pick from. */
  private async onlySession(env: Readonly<Record<string, string | undefined>>): Promise<string> {
    const sessions = listSsoSessions(await loadConfigFiles({ env }))
    if (sessions.length === 1) return sessions[0]!
    const bin = this.config.bin
    throw new IdcError(
      'invalid-argument',
      sessions.length === 0
        ? 'No [sso-session] is configured.'
        : `Which sso-session? ${sessions.length} are configured.`,
      {
        hint:
          sessions.length === 0
            ? `Add one with \`${bin} configure --sso-session NAME\`.`
            : `Add --sso-session, e.g. \`${bin} populate --sso-session ${sessions[0]}\` (${sessions.join(', ')}).`,
      },
    )
  }
}

function profileRef(name: string): SectionRef {
  return { file: 'config', type: 'profile', name }
}

function definedValues(values: ProfileValues): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string') out[k] = v
  return out
}

/** Every profile of both files with the keys populate manages; `editable` false when it must not be touched. */
function existingProfiles(files: ConfigFiles): ExistingProfile[] {
  const inConfig = sectionsIn(files.config, 'profile')
  const inCredentials = sectionsIn(files.credentials, 'profile')
  return listProfiles(files).map((name) => {
    const values: ProfileValues = {}
    let readable = true
    const profile = getProfile(files, name)
    for (const key of ['sso_session', 'sso_account_id', 'sso_role_name', 'region', MARKER_KEY] as const) {
      const v = profile?.peek(key)
      if (v !== undefined) values[key] = v
      else if (profile?.disagreement(key)) readable = false // the AWS CLI and the JS SDK read it differently
    }
    return { name, values, editable: inConfig.get(name) === 'both' && !inCredentials.has(name) && readable }
  })
}

import { stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { BaseCommand, describeExpiry, formatDuration, paragraphs } from '@idc/cli-kit'
import {
  type ConfigFiles,
  type ConfigSection,
  getProfile,
  getSsoSession,
  hasSsoConfiguration,
  IdcError,
  isSsoCredentialProfile,
  listProfiles,
  listSessions,
  listSsoSessions,
  loadConfigFiles,
  type ResolvedTarget,
  resolveCredentials,
  resolveTarget,
  type SectionReaders,
  type SessionInfo,
  sectionsIn,
} from '@idc/core'
import { Flags } from '@oclif/core'
import { measureClockSkew, oidcUrl } from '../lib/clock.js'

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'info'

export interface CheckJson {
  name: 'config' | 'profile' | 'token' | 'region' | 'cache' | 'clock' | 'endpoints'
  /** What the check is about: a profile name, `sso-session X`, a start URL, a file or an origin. */
  subject?: string | undefined
  status: CheckStatus
  message: string
  hint?: string | undefined
}

export interface DoctorJson {
  ok: boolean
  checks: CheckJson[]
}

const ENDPOINT_VARIABLES = [
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_SSO',
  'AWS_ENDPOINT_URL_SSO_OIDC',
  'AWS_ENDPOINT_URL_STS',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
] as const

/** Clock skew AWS rejects (SigV4: 5 minutes), and where a warning starts. */
const SKEW_FAIL_MS = 300_000
const SKEW_WARN_MS = 60_000

export default class Doctor extends BaseCommand<typeof Doctor> {
  static override summary = 'Check config, sign-in tokens, clock, regions and endpoint overrides.'
  static override description = paragraphs(`One line per check, read-only (nothing is refreshed or written):
- config: the config and credentials files parse, and the AWS CLI and the JS SDK see the same sections;
- profile: every SSO profile resolves (start URL, region, account and role; sso-session exists);
- region: a profile's sso_region agrees with its sso-session's, and a cached token was issued in the configured sso_region;
- token: the cached sign-in of each sso-session (or legacy start URL): expiry and whether it can be refreshed;
- cache: ~/.aws/sso/cache is private;
- clock: the local clock against the Date header of the IAM Identity Center (OIDC) endpoint;
- endpoints: the endpoint overrides in effect (environment and config).

Checks every SSO profile and sso-session, or only the one named by --profile (or AWS_PROFILE) or
--sso-session. Exits 1 when a check fails; warnings do not fail.`)

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --profile dev',
    '<%= config.bin %> <%= command.id %> --sso-session corp --json',
  ]

  static override flags = {
    'sso-session': Flags.string({
      description: 'Check only this [sso-session] and its profiles.',
      helpGroup: 'TARGET',
      helpValue: '<name>',
    }),
  }

  async run(): Promise<DoctorJson> {
    const ctx = this.context()
    const env = ctx.env
    const checks: CheckJson[] = []
    const add = (check: CheckJson) => {
      checks.push(check)
      const subject = check.subject ? `${check.subject}: ` : ''
      this.ui.info(`${check.status.padEnd(4)}  ${check.name.padEnd(9)}  ${subject}${check.message}`)
      if (check.hint && check.status !== 'ok' && check.status !== 'info') {
        this.ui.info(`${' '.repeat(17)}hint: ${check.hint}`)
      }
    }
    const failure = (name: CheckJson['name'], subject: string | undefined, error: unknown): CheckJson => ({
      name,
      subject,
      status: 'fail',
      message: error instanceof Error ? error.message : String(error),
      hint: IdcError.is(error) ? error.hint : undefined,
    })

    // config: both files, both readings.
    let files: ConfigFiles | undefined
    try {
      files = await loadConfigFiles({ env })
      add(configCheck(files))
    } catch (error) {
      add(failure('config', undefined, error))
    }

    // profile + region: every SSO profile of the selection resolves as the AWS CLI would.
    const targets: ResolvedTarget[] = []
    const tokenKeys = new Map<string, { what: string; ssoRegion?: string; login: string }>()
    if (files) {
      const { profiles, sessions } = this.selection(files)
      for (const name of sessions) {
        const session = getSsoSession(files, name)
        if (!session) {
          add({
            name: 'config',
            subject: `sso-session ${name}`,
            status: 'fail',
            message: `The specified sso-session does not exist: "${name}".`,
            hint: `Add it with \`${this.config.bin} configure --sso-session ${name}\`.`,
          })
          continue
        }
        tokenKeys.set(name, {
          what: `sso-session ${name}`,
          ssoRegion: session.peek('sso_region'),
          login: `${this.config.bin} login --sso-session ${name}`,
        })
        try {
          targets.push(await resolveTarget({ from: 'sso-session', sessionName: name }, ctx))
        } catch (error) {
          add(failure('config', `sso-session ${name}`, error))
        }
      }
      for (const name of profiles) {
        const profile = getProfile(files, name)
        const mismatch = profile ? regionMismatch(files, profile) : undefined
        if (mismatch) add({ name: 'region', subject: name, ...mismatch })
        try {
          const credentialProfile = profile !== undefined && safeIs(isSsoCredentialProfile, profile)
          const target = credentialProfile
            ? await resolveCredentials({ from: 'profile', profile: name }, ctx)
            : await resolveTarget({ from: 'profile', profile: name }, ctx)
          targets.push(target)
          const where =
            target.kind === 'session' ? `sso-session ${target.sessionName}` : `legacy, ${target.startUrl}`
          add({
            name: 'profile',
            subject: name,
            status: 'ok',
            message: credentialProfile
              ? `${where}, account ${target.accountId}, role ${target.roleName}`
              : `${where} (sign-in only: no sso_account_id / sso_role_name)`,
          })
          const key = target.kind === 'session' ? target.sessionName! : target.startUrl
          if (!tokenKeys.has(key)) {
            tokenKeys.set(key, {
              what: target.kind === 'session' ? `sso-session ${key}` : key,
              ssoRegion: target.ssoRegion,
              login: `${this.config.bin} login --profile ${name}`,
            })
          }
        } catch (error) {
          // A region mismatch is already its own failed check.
          if (!(mismatch && IdcError.is(error) && error.code === 'config-inconsistent')) {
            add(failure('profile', name, error))
          }
        }
      }
      if (profiles.length === 0 && sessions.length === 0) {
        add({
          name: 'profile',
          status: 'info',
          message: 'no SSO profiles or sso-sessions configured',
          hint: `Add one with \`${this.config.bin} configure\`.`,
        })
      }
    }

    // token + region: the cache as it is (never refreshed here).
    if (tokenKeys.size > 0) {
      let cached: SessionInfo[] = []
      try {
        cached = await listSessions(ctx)
      } catch (error) {
        add(failure('token', undefined, error))
      }
      for (const [key, use] of tokenKeys) {
        const info = cached.find((s) => s.key === key)
        add(tokenCheck(use.what, info, use.login))
        if (info?.region && use.ssoRegion && info.region !== use.ssoRegion) {
          add({
            name: 'region',
            subject: use.what,
            status: 'fail',
            message: `the cached token (${info.file}) was issued in ${info.region}, but sso_region is ${use.ssoRegion}`,
            hint: `Fix sso_region, then sign in again (\`${use.login} --force\`): a token works only in the region that issued it.`,
          })
        }
      }
    }

    add(await cacheCheck(env))

    // clock: one request per IAM Identity Center origin in use.
    const origins = [...new Set(targets.map((t) => oidcUrl(t.ssoRegion, t.endpoints.ssoOidc)))]
    for (const url of origins) add(await clockCheck(url))

    add(endpointsCheck(env, targets))

    const result: DoctorJson = { ok: !checks.some((c) => c.status === 'fail'), checks }
    if (!result.ok) {
      this.ui.info(`${checks.filter((c) => c.status === 'fail').length} check(s) failed.`)
      if (this.jsonEnabled()) this.logJson(result)
      this.exit(1)
    }
    return result
  }

  /** Which profiles and sso-sessions to check: the one asked for, else every SSO one. */
  private selection(files: ConfigFiles): { profiles: string[]; sessions: string[] } {
    const session = this.flags['sso-session']
    const profileOf = (name: string) => getProfile(files, name)
    if (session) {
      const profiles = listProfiles(files).filter((name) => {
        const p = profileOf(name)
        return p !== undefined && p.peek('sso_session') === session
      })
      return { profiles, sessions: [session] }
    }
    const profile = this.flags.profile
    if (profile) {
      const p = profileOf(profile)
      const own = p ? p.peek('sso_session') : undefined
      return { profiles: [profile], sessions: own && getSsoSession(files, own) ? [own] : [] }
    }
    const profiles = listProfiles(files).filter((name) => {
      const p = profileOf(name)
      return p !== undefined && safeIs(hasSsoConfiguration, p)
    })
    return { profiles, sessions: listSsoSessions(files) }
  }
}

function safeIs(test: (p: ConfigSection) => boolean, p: ConfigSection): boolean {
  try {
    return test(p)
  } catch {
    return true // a key read differently by the two tools: let the resolve check report it
  }
}

function configCheck(files: ConfigFiles): CheckJson {
  const { config } = files
  const profiles = sectionsIn(config, 'profile')
  const sessions = sectionsIn(config, 'sso-session')
  const only = (sections: Map<string, SectionReaders>, type: string, readers: SectionReaders, tool: string) =>
    [...sections].filter(([, r]) => r === readers).map(([n]) => `${type} ${n} (${tool} only)`)
  const differences = [
    ...only(profiles, 'profile', 'aws-cli', 'AWS CLI'),
    ...only(profiles, 'profile', 'js-sdk', 'JS SDK'),
    ...only(sessions, 'sso-session', 'aws-cli', 'AWS CLI'),
    ...only(sessions, 'sso-session', 'js-sdk', 'JS SDK'),
  ]
  const awsCli = (sections: Map<string, SectionReaders>) =>
    [...sections.values()].filter((r) => r !== 'js-sdk').length
  if (!config.exists) {
    return {
      name: 'config',
      subject: config.path,
      status: 'info',
      message: 'does not exist yet',
      hint: 'Create it with `aws-idc configure`.',
    }
  }
  const counts = `${plural(awsCli(profiles), 'profile')}, ${plural(awsCli(sessions), 'sso-session')}`
  if (differences.length > 0) {
    return {
      name: 'config',
      subject: config.path,
      status: 'warn',
      message: `${counts}; read by only one of the AWS CLI and the JS SDK: ${differences.join(', ')}`,
      hint: 'Use section names of letters, digits and _ - . @ + % : / only (no spaces or quotes).',
    }
  }
  return {
    name: 'config',
    subject: config.path,
    status: 'ok',
    message: `${counts}; the AWS CLI and the JS SDK read it alike`,
  }
}

/** A profile whose sso_region differs from its session's: botocore refuses it, the JS SDK silently uses the session's. */
function regionMismatch(
  files: ConfigFiles,
  profile: ConfigSection,
): Pick<CheckJson, 'status' | 'message' | 'hint'> | undefined {
  const sessionName = profile.peek('sso_session')
  const own = profile.peek('sso_region')
  if (!sessionName || !own) return undefined
  const session = getSsoSession(files, sessionName)
  const theirs = session ? session.peek('sso_region') : undefined
  if (!theirs || theirs === own) return undefined
  return {
    status: 'fail',
    message: `sso_region ${own} in the profile, but ${theirs} in [sso-session ${sessionName}]: the AWS CLI refuses the profile, the JS SDK uses ${theirs}`,
    hint: `Remove sso_region from ${profile.label} (the sso-session sets it).`,
  }
}

function tokenCheck(what: string, info: SessionInfo | undefined, login: string): CheckJson {
  const base = { name: 'token' as const, subject: what }
  if (!info) {
    return { ...base, status: 'warn', message: 'not signed in (no cached token)', hint: `Run \`${login}\`.` }
  }
  if (info.problem || !info.expiresAt) {
    return {
      ...base,
      status: 'warn',
      message: `${info.file}: ${info.problem ?? 'no expiry'}`,
      hint: `Sign in again: \`${login} --force\`.`,
    }
  }
  const expiry = `expires ${describeExpiry(info.expiresAt)} (${info.expiresAt.toISOString()})`
  if (!info.expired) {
    return {
      ...base,
      status: 'ok',
      message: `signed in, ${expiry}, ${info.refreshable ? 'refreshable' : 'not refreshable (sign in again when it expires)'}`,
    }
  }
  if (info.refreshable) {
    return {
      ...base,
      status: 'ok',
      message: `access token ${expiry.replace('expires ', '')}; refreshable: the next command refreshes it`,
    }
  }
  return {
    ...base,
    status: 'warn',
    message: `${expiry.replace('expires ', 'expired: ')}, not refreshable`,
    hint: `Run \`${login}\`.`,
  }
}

/** ~/.aws/sso/cache exists and is private (0700, as the AWS CLI creates it). */
async function cacheCheck(env: Readonly<Record<string, string | undefined>>): Promise<CheckJson> {
  const home = env['HOME'] || env['USERPROFILE'] || homedir()
  const dir = join(home, '.aws', 'sso', 'cache')
  try {
    const s = await stat(dir)
    if (process.platform !== 'win32' && (s.mode & 0o077) !== 0) {
      return {
        name: 'cache',
        subject: dir,
        status: 'warn',
        message: `readable by other users (mode ${(s.mode & 0o777).toString(8)})`,
        hint: `chmod 700 ${dir}`,
      }
    }
    return { name: 'cache', subject: dir, status: 'ok', message: 'private' }
  } catch {
    return { name: 'cache', subject: dir, status: 'info', message: 'does not exist yet (created at sign-in)' }
  }
}

async function clockCheck(url: string): Promise<CheckJson> {
  try {
    const skew = await measureClockSkew(url)
    if (skew === undefined) return { name: 'clock', subject: url, status: 'info', message: 'no Date header' }
    const abs = Math.abs(skew)
    return {
      name: 'clock',
      subject: url,
      status: abs > SKEW_FAIL_MS ? 'fail' : abs > SKEW_WARN_MS ? 'warn' : 'ok',
      message:
        abs < 2000
          ? 'in sync'
          : `local clock ${formatDuration(abs)} ${skew > 0 ? 'ahead of' : 'behind'} the service`,
      hint: 'Sync the system clock (e.g. enable NTP); AWS rejects requests more than 5 minutes off.',
    }
  } catch (error) {
    return {
      name: 'clock',
      subject: url,
      status: 'warn',
      message: `could not reach it: ${(error as Error).message}`,
      hint: 'Check the network, a proxy, or the endpoint override.',
    }
  }
}

function endpointsCheck(
  env: Readonly<Record<string, string | undefined>>,
  targets: ResolvedTarget[],
): CheckJson {
  const fromEnv = ENDPOINT_VARIABLES.filter((v) => env[v]).map((v) => `${v}=${env[v]}`)
  const fromConfig = new Set<string>()
  const envSso = env['AWS_ENDPOINT_URL_SSO'] || env['AWS_ENDPOINT_URL']
  const envOidc = env['AWS_ENDPOINT_URL_SSO_OIDC'] || env['AWS_ENDPOINT_URL']
  for (const t of targets) {
    const who = t.profileName
      ? `profile ${t.profileName}`
      : t.sessionName
        ? `sso-session ${t.sessionName}`
        : ''
    if (t.endpoints.sso && t.endpoints.sso !== envSso) fromConfig.add(`${who} sso: ${t.endpoints.sso}`)
    if (t.endpoints.ssoOidc && t.endpoints.ssoOidc !== envOidc)
      fromConfig.add(`${who} sso-oidc: ${t.endpoints.ssoOidc}`)
  }
  const all = [...fromEnv, ...fromConfig]
  return {
    name: 'endpoints',
    status: 'info',
    message:
      all.length > 0
        ? `overrides in effect: ${all.join(', ')}`
        : 'none: the AWS endpoints of each sso_region',
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

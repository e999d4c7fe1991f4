/**
 * What `configure` writes, decided without I/O: the answers (from flags or prompts) checked with
 * @idc/core's rules, turned into the keys of [sso-session NAME] and [profile NAME].
 */
import {
  type ConfigFiles,
  type ConfigSection,
  checkAccountIdArgument,
  checkRegionArgument,
  checkScopesArgument,
  checkSectionName,
  checkStartUrlArgument,
  getProfile,
  getSsoSession,
  IdcError,
  type SectionRef,
} from '@idc/core'
import { setValues } from '../config-edit.js'

export const DEFAULT_SCOPES = 'sso:account:access'
export const OUTPUTS = ['json', 'yaml', 'yaml-stream', 'text', 'table'] as const

export interface Answers {
  session: string
  startUrl: string
  ssoRegion: string
  /** undefined: leave an existing session without the key. */
  scopes?: string | undefined
  profile?: string | undefined
  accountId?: string | undefined
  roleName?: string | undefined
  region?: string | undefined
  output?: string | undefined
}

/** What an existing config already says about the session and profile (prompt defaults, flag fallbacks). */
export interface Existing {
  /** The [sso-session] exists. */
  exists: boolean
  session: { startUrl?: string; ssoRegion?: string; scopes?: string }
  /** The profile's keys (a key both tools read differently counts as absent). */
  profile: Record<string, string | undefined>
}

const PROFILE_KEYS = [
  'sso_session',
  'sso_start_url',
  'sso_region',
  'sso_registration_scopes',
  'sso_account_id',
  'sso_role_name',
  'region',
  'output',
] as const

/** Keys of a legacy profile that the sso-session takes over when `configure` gives it an sso_session. */
const LEGACY_KEYS = ['sso_start_url', 'sso_region', 'sso_registration_scopes'] as const

export function existingValues(files: ConfigFiles, session: string, profile: string | undefined): Existing {
  const s = getSsoSession(files, session)
  const p = profile ? getProfile(files, profile) : undefined
  const values: Record<string, string | undefined> = {}
  for (const key of PROFILE_KEYS) values[key] = read(p, key)
  const startUrl = read(s, 'sso_start_url')
  const ssoRegion = read(s, 'sso_region')
  const scopes = read(s, 'sso_registration_scopes')
  return {
    exists: s !== undefined,
    session: {
      ...(startUrl ? { startUrl } : {}),
      ...(ssoRegion ? { ssoRegion } : {}),
      ...(scopes !== undefined ? { scopes } : {}),
    },
    profile: values,
  }
}

function read(section: ConfigSection | undefined, key: string): string | undefined {
  try {
    return section?.get(key)?.value
  } catch {
    return undefined
  }
}

/** The section-name rule of @idc/core's writer, checked before anything is asked or signed in. */
export function checkName(name: string, what: 'sso-session' | 'profile'): string {
  checkSectionName({ file: 'config', type: what, name })
  return name
}

export interface ConfigureFlags {
  'sso-session'?: string | undefined
  'start-url'?: string | undefined
  'sso-region'?: string | undefined
  scopes?: string | undefined
  profile?: string | undefined
  'account-id'?: string | undefined
  'role-name'?: string | undefined
  region?: string | undefined
  output?: string | undefined
}

/**
 * The answers when nothing is asked: the flags, with an existing sso-session (or, to migrate a
 * legacy profile, the profile's own sso_start_url / sso_region) supplying what they leave out.
 */
export async function answersFromFlags(files: ConfigFiles, f: ConfigureFlags, bin: string): Promise<Answers> {
  const session = f['sso-session']
  if (!session) {
    throw new IdcError('invalid-argument', 'Missing --sso-session.', {
      hint: `Give the values as flags (see \`${bin} configure --help\`), or run \`${bin} configure\` on a terminal to be asked.`,
    })
  }
  checkName(session, 'sso-session')
  const existing = existingValues(files, session, f.profile)
  const startUrl = f['start-url'] ?? existing.session.startUrl ?? existing.profile['sso_start_url']
  const ssoRegion = f['sso-region'] ?? existing.session.ssoRegion ?? existing.profile['sso_region']
  const missing = [startUrl ? undefined : '--start-url', ssoRegion ? undefined : '--sso-region'].filter(
    (m): m is string => m !== undefined,
  )
  if (missing.length > 0) {
    throw new IdcError('invalid-argument', `Missing ${missing.join(', ')}.`, {
      hint: `The [sso-session ${session}] is not configured yet: give ${missing.join(' and ')}, or run \`${bin} configure\` on a terminal to be asked.`,
    })
  }
  const accountId = f['account-id'] ?? existing.profile['sso_account_id']
  const roleName = f['role-name'] ?? existing.profile['sso_role_name']
  if (f.profile && (!accountId || !roleName)) {
    throw new IdcError('invalid-argument', '--profile needs --account-id and --role-name.', {
      hint: `List them with \`${bin} accounts\` and \`${bin} roles\` after signing in, or run \`${bin} configure\` on a terminal to pick them.`,
    })
  }
  const scopes = f.scopes ?? (existing.exists ? existing.session.scopes : DEFAULT_SCOPES)
  return {
    session,
    startUrl: checkStartUrlArgument(startUrl!, f['start-url'] ? '--start-url' : 'the start URL'),
    ssoRegion: await checkRegionArgument(ssoRegion!, f['sso-region'] ? '--sso-region' : 'the SSO region'),
    scopes: scopes === undefined ? undefined : checkScopesArgument(scopes),
    profile: f.profile === undefined ? undefined : checkName(f.profile, 'profile'),
    accountId: f.profile && accountId ? checkAccountIdArgument(accountId) : undefined,
    roleName: f.profile ? roleName : undefined,
    region: f.region === undefined ? undefined : await checkRegionArgument(f.region, '--region'),
    output: f.output,
  }
}

export interface ConfigurePlan {
  session: { name: string; values: Record<string, string> }
  profile?: { name: string; values: Record<string, string> } | undefined
  /** Keys removed from the profile: the sso-session has them now (legacy keys, or ones that disagree). */
  removed: string[]
  /** The profile pointed at another account or role before. */
  repointed?: { accountId?: string | undefined; roleName?: string | undefined } | undefined
}

export function planConfigure(files: ConfigFiles, answers: Answers): ConfigurePlan {
  const sessionValues: Record<string, string> = {
    sso_start_url: answers.startUrl,
    sso_region: answers.ssoRegion,
    ...(answers.scopes !== undefined ? { sso_registration_scopes: answers.scopes } : {}),
  }
  const plan: ConfigurePlan = { session: { name: answers.session, values: sessionValues }, removed: [] }
  if (!answers.profile) return plan
  const values: Record<string, string> = { sso_session: answers.session }
  if (answers.accountId) values['sso_account_id'] = answers.accountId
  if (answers.roleName) values['sso_role_name'] = answers.roleName
  if (answers.region) values['region'] = answers.region
  if (answers.output) values['output'] = answers.output
  const before = existingValues(files, answers.session, answers.profile).profile
  // With sso_session set, the AWS CLI refuses a profile whose own copies disagree with the session
  // ("inconsistent between profile and sso-session"); a legacy profile moving to an sso-session
  // gives all of them up (the session holds them now).
  const migrating = before['sso_session'] === undefined
  plan.removed = LEGACY_KEYS.filter(
    (k) => before[k] !== undefined && (migrating || before[k] !== sessionValues[k]),
  )
  plan.profile = { name: answers.profile, values }
  plan.repointed = repointOf(before, answers)
  return plan
}

/** The account and role an existing profile has that the answers change (undefined: none). */
export function repointOf(
  before: Record<string, string | undefined>,
  answers: Pick<Answers, 'accountId' | 'roleName'>,
): ConfigurePlan['repointed'] {
  const account = before['sso_account_id']
  const role = before['sso_role_name']
  const changesAccount =
    account !== undefined && answers.accountId !== undefined && account !== answers.accountId
  const changesRole = role !== undefined && answers.roleName !== undefined && role !== answers.roleName
  if (!changesAccount && !changesRole) return undefined
  return { accountId: account, roleName: role }
}

/** The config file's text with the plan applied (every other byte kept). */
export function applyPlan(text: string, plan: ConfigurePlan): string {
  let out = setValues(text, sessionRef(plan.session.name), plan.session.values)
  if (plan.profile) out = setValues(out, profileRef(plan.profile.name), plan.profile.values, plan.removed)
  return out
}

function sessionRef(name: string): SectionRef {
  return { file: 'config', type: 'sso-session', name }
}

function profileRef(name: string): SectionRef {
  return { file: 'config', type: 'profile', name }
}

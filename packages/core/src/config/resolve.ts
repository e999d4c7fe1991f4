import { type ConfigFiles, getProfile, getSsoSession, listProfiles, listSsoSessions } from './config-files.js'
import type { ConfigSection, Setting } from './config-section.js'
import { resolveEndpoints, resolveServiceEndpoint, STS } from './endpoints.js'
import { selectProfileName } from './paths.js'
import {
  inconsistent,
  isString,
  missingAccountOrRole,
  missingLoginValues,
  missingRequired,
  notSso,
  profileNotFound,
  sessionNotFound,
} from './resolve-errors.js'
import { resolveSdkSettings } from './sdk-settings.js'
import { hasSsoConfiguration } from './sso-profile.js'
import { resolveTimeouts } from './timeouts.js'
import type { CredentialsTarget, Env, ResolvedTarget, TargetRequest } from './types.js'
import {
  checkAccountId,
  checkNonEmpty,
  checkRegion,
  checkStartUrl,
  parseScopes,
  type ValueOrigin,
} from './validate-values.js'

export interface ResolveOptions {
  env: Env
}

/**
 * What `aws sso login` needs: start URL and SSO region (account and role are passed through when
 * the profile has them). Like the AWS CLI, a profile with `sso_session` takes both from the session.
 */
export function resolveLoginTarget(
  files: ConfigFiles,
  request: TargetRequest,
  options: ResolveOptions,
): ResolvedTarget {
  return resolve(files, request, options.env, false)
}

/**
 * What fetching role credentials needs: start URL, SSO region, account and role. Validated as
 * botocore's SSOProvider does (missing sso-session, profile/session mismatch, missing keys in its
 * order), with messages that contain botocore's text and name the file, section and key.
 */
export function resolveCredentialsTarget(
  files: ConfigFiles,
  request: TargetRequest,
  options: ResolveOptions,
): CredentialsTarget {
  return resolve(files, request, options.env, true) as CredentialsTarget
}

const SSO_KEYS = ['sso_session', 'sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name'] as const
/** botocore's order for the "missing required configuration" list. */
const REQUIRED_ORDER = ['sso_role_name', 'sso_account_id', 'sso_start_url', 'sso_region'] as const

function resolve(files: ConfigFiles, request: TargetRequest, env: Env, credentials: boolean): ResolvedTarget {
  if (request.from === 'values') {
    const { accountId, roleName } = request
    if (credentials) {
      const missing = missingAccountOrRole(accountId, roleName, undefined)
      if (missing) throw missing
    }
    const sessionName =
      request.sessionName === undefined
        ? undefined
        : checkNonEmpty(request.sessionName, argumentOrigin('session name'), 'a session name')
    return assemble(files, env, {
      kind: sessionName ? 'session' : 'legacy',
      sessionName,
      startUrl: { argument: request.startUrl, what: 'start URL' },
      ssoRegion: { argument: request.ssoRegion, what: 'SSO region' },
      accountId: argument(accountId, 'account ID'),
      roleName: argument(roleName, 'role name'),
      checkRole: true,
      registrationScopes: request.registrationScopes?.map((s) => s.trim()).filter((s) => s !== ''),
      endpointProfile: undefined,
    })
  }
  if (request.from === 'sso-session') {
    const session = requireSession(files, request.sessionName, undefined)
    return fromSession(files, env, session, request.sessionName, undefined, request, credentials)
  }
  const { name, profile } = requireProfile(files, request.profile, env)
  if (!credentials) {
    const sessionRef = profile.get('sso_session')
    if (sessionRef) {
      const session = requireSession(files, sessionRef.value, sessionRef)
      return fromSession(files, env, session, sessionRef.value, { name, profile }, request, false)
    }
    if (!hasSsoConfiguration(profile)) throw notSso(name, profile)
    const [startUrl, ssoRegion] = requireLoginValues(profile, `aws-idc configure --profile ${name}`)
    return assemble(files, env, {
      kind: 'legacy',
      profileName: name,
      startUrl,
      ssoRegion,
      accountId: argument(request.accountId, 'account ID') ?? profile.get('sso_account_id'),
      roleName: argument(request.roleName, 'role name') ?? profile.get('sso_role_name'),
      checkRole: false,
      region: profile.get('region')?.value,
      endpointProfile: profile,
      section: profile.label,
    })
  }
  if (!hasSsoConfiguration(profile) && !(request.accountId && request.roleName)) throw notSso(name, profile)

  // Merge as botocore does: profile values, then every key of the referenced session.
  const merged = new Map<string, Setting>()
  for (const key of SSO_KEYS) {
    const setting = profile.get(key)
    if (setting) merged.set(key, setting)
  }
  const sessionRef = merged.get('sso_session')
  let session: ConfigSection | undefined
  if (sessionRef) {
    session = requireSession(files, sessionRef.value, sessionRef)
    for (const key of session.keys()) {
      const fromSession = session.get(key)
      if (!fromSession) continue
      const fromProfile = profile.keys().includes(key) ? profile.get(key) : undefined
      if (fromProfile && fromProfile.value !== fromSession.value)
        throw inconsistent(key, fromProfile, fromSession)
      merged.set(key, fromSession)
    }
  }
  // Account and role given directly win; they are checked as arguments, not as config settings.
  const account = argument(request.accountId, 'account ID') ?? merged.get('sso_account_id')
  const role = argument(request.roleName, 'role name') ?? merged.get('sso_role_name')
  const present: Record<string, unknown> = {
    sso_role_name: role,
    sso_account_id: account,
    sso_start_url: merged.get('sso_start_url'),
    sso_region: merged.get('sso_region'),
  }
  const missing = REQUIRED_ORDER.filter((key) => !present[key])
  if (missing.length > 0) throw missingRequired(name, profile, session, sessionRef?.value, missing)

  const scopes = sessionRef ? merged.get('sso_registration_scopes') : undefined
  return assemble(files, env, {
    kind: sessionRef ? 'session' : 'legacy',
    profileName: name,
    sessionName: sessionRef?.value,
    startUrl: merged.get('sso_start_url')!,
    ssoRegion: merged.get('sso_region')!,
    accountId: account,
    roleName: role,
    checkRole: true,
    registrationScopes: scopes ? parseScopes(scopes.value) : undefined,
    region: profile.get('region')?.value,
    endpointProfile: profile,
    section: profile.label,
  })
}

/** Start URL and region come from the session section only (as `aws sso login`). */
function fromSession(
  files: ConfigFiles,
  env: Env,
  session: ConfigSection,
  sessionName: string,
  profile: { name: string; profile: ConfigSection } | undefined,
  request: TargetRequest,
  credentials: boolean,
): ResolvedTarget {
  const [startUrl, ssoRegion] = requireLoginValues(session, 'aws-idc configure')
  const accountId = argument(request.accountId, 'account ID') ?? profile?.profile.get('sso_account_id')
  const roleName = argument(request.roleName, 'role name') ?? profile?.profile.get('sso_role_name')
  if (credentials) {
    const missing = missingAccountOrRole(
      accountId && textOf(accountId),
      roleName && textOf(roleName),
      sessionName,
    )
    if (missing) throw missing
  }
  const scopes = session.get('sso_registration_scopes')
  return assemble(files, env, {
    kind: 'session',
    profileName: profile?.name,
    sessionName,
    startUrl,
    ssoRegion,
    accountId,
    roleName,
    checkRole: credentials,
    registrationScopes: scopes ? parseScopes(scopes.value) : undefined,
    region: profile?.profile.get('region')?.value,
    endpointProfile: profile?.profile,
    section: profile?.profile.label ?? session.label,
  })
}

/** A value and where it came from: a config setting, or an argument (flag, API option) named `what`. */
type Given = Setting | { argument: string; what: string }

interface TargetParts {
  kind: ResolvedTarget['kind']
  profileName?: string | undefined
  sessionName?: string | undefined
  startUrl: Given
  ssoRegion: Given
  accountId?: Given | undefined
  roleName?: Given | undefined
  /** Validate account and role: for credentials, and always when given as arguments with plain values. */
  checkRole: boolean
  registrationScopes?: string[] | undefined
  region?: string | undefined
  /** The profile whose endpoint settings apply; undefined: the active one (AWS_PROFILE / default). */
  endpointProfile: ConfigSection | undefined
  /** The section the values came from; undefined for values given directly. */
  section?: string | undefined
}

/** The one place a resolved target is put together and its values validated. */
function assemble(files: ConfigFiles, env: Env, p: TargetParts): ResolvedTarget {
  const endpointProfile = p.endpointProfile ?? getProfile(files, selectProfileName(undefined, env))
  const role = p.roleName
  return {
    kind: p.kind,
    profileName: p.profileName,
    sessionName: p.sessionName,
    startUrl: checkStartUrl(textOf(p.startUrl), originOf(p.startUrl, 'sso_start_url')),
    ssoRegion: checkRegion(textOf(p.ssoRegion), originOf(p.ssoRegion, 'sso_region')),
    accountId:
      p.accountId && p.checkRole
        ? checkAccountId(textOf(p.accountId), originOf(p.accountId, 'sso_account_id'))
        : p.accountId && textOf(p.accountId),
    roleName:
      role && p.checkRole && 'argument' in role
        ? checkNonEmpty(role.argument, argumentOrigin(role.what), 'a role (permission set) name')
        : role && textOf(role),
    registrationScopes: p.registrationScopes,
    region: p.region,
    endpoints: resolveEndpoints(files, endpointProfile, env),
    sdk: resolveSdkSettings(endpointProfile, env),
    stsEndpoint: resolveServiceEndpoint(STS, files, endpointProfile, env),
    timeouts: resolveTimeouts(endpointProfile, env),
    source: { configFile: files.config.path, ...(p.section ? { section: p.section } : {}) },
  }
}

function argument(value: string | undefined, what: string): Given | undefined {
  return value === undefined ? undefined : { argument: value, what }
}

function textOf(given: Given): string {
  return 'argument' in given ? given.argument : given.value
}

function originOf(given: Given, key: string): ValueOrigin {
  if ('argument' in given) return argumentOrigin(given.what)
  return {
    what: `${key} in ${given.section} of ${given.file} (line ${given.line})`,
    fix: `Set ${key} on line ${given.line} of ${given.file}`,
    code: 'config-invalid',
    details: { file: given.file, section: given.section, key },
  }
}

function argumentOrigin(what: string): ValueOrigin {
  return { what: `the ${what}`, fix: `Set the ${what}`, code: 'invalid-argument' }
}

function requireLoginValues(section: ConfigSection, configure: string): [Setting, Setting] {
  const startUrl = section.get('sso_start_url')
  const ssoRegion = section.get('sso_region')
  const missing = [startUrl ? undefined : 'sso_start_url', ssoRegion ? undefined : 'sso_region'].filter(
    isString,
  )
  if (missing.length > 0) throw missingLoginValues(section, missing, configure)
  return [startUrl!, ssoRegion!]
}

function requireProfile(
  files: ConfigFiles,
  explicit: string | undefined,
  env: Env,
): { name: string; profile: ConfigSection } {
  const name = selectProfileName(explicit, env)
  const profile = getProfile(files, name)
  if (profile) return { name, profile }
  throw profileNotFound(files, name, explicit, env, listProfiles(files))
}

function requireSession(files: ConfigFiles, name: string, ref: Setting | undefined): ConfigSection {
  const session = getSsoSession(files, name)
  if (session) return session
  throw sessionNotFound(files, name, ref, listSsoSessions(files))
}

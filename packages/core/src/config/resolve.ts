import { IdcError } from '../errors.js'
import { closestNames } from '../rules/suggest.js'
import { type ConfigFiles, getProfile, getSsoSession, listProfiles, listSsoSessions } from './config-files.js'
import type { ConfigSection, Setting } from './config-section.js'
import { resolveEndpoints } from './endpoints.js'
import { selectProfileName } from './paths.js'
import { hasSsoConfiguration } from './sso-profile.js'
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
  /** Account and role given directly (e.g. flags): they win over the profile's values. */
  accountId?: string | undefined
  roleName?: string | undefined
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
  if (request.from === 'values') return fromValues(files, request, options, false)
  if (request.from === 'sso-session') {
    const session = requireSession(files, request.sessionName, undefined)
    return sessionOnlyTarget(files, session, request.sessionName, undefined, options)
  }
  const { name, profile } = requireProfile(files, request.profile, options.env)
  const sessionRef = profile.get('sso_session')
  if (sessionRef) {
    const session = requireSession(files, sessionRef.value, sessionRef)
    return sessionOnlyTarget(files, session, sessionRef.value, { name, profile }, options)
  }
  if (!hasSsoConfiguration(profile)) throw notSso(name, profile)
  const startUrl = profile.get('sso_start_url')
  const ssoRegion = profile.get('sso_region')
  const missing = [startUrl ? undefined : 'sso_start_url', ssoRegion ? undefined : 'sso_region'].filter(
    isString,
  )
  if (missing.length > 0) {
    throw new IdcError(
      'config-invalid',
      `Missing the following required SSO configuration values: ${missing.join(', ')}. (${profile.label} in ${profile.file})`,
      {
        hint: `Run \`aws-idc configure --profile ${name}\`, or add ${missing.join(' and ')} to ${profile.label} in ${profile.file}.`,
        details: { file: profile.file, section: profile.label, missing },
      },
    )
  }
  return {
    kind: 'legacy',
    profileName: name,
    startUrl: checkStartUrl(startUrl!.value, settingOrigin(startUrl!, 'sso_start_url')),
    ssoRegion: checkRegion(ssoRegion!.value, settingOrigin(ssoRegion!, 'sso_region')),
    accountId: options.accountId ?? profile.get('sso_account_id')?.value,
    roleName: options.roleName ?? profile.get('sso_role_name')?.value,
    region: profile.get('region')?.value,
    endpoints: resolveEndpoints(files, profile, options.env),
    source: { configFile: files.config.path, section: profile.label },
  }
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
  if (request.from === 'values') return fromValues(files, request, options, true) as CredentialsTarget
  if (request.from === 'sso-session') {
    const session = requireSession(files, request.sessionName, undefined)
    const target = sessionOnlyTarget(files, session, request.sessionName, undefined, options)
    const missing = [
      target.roleName ? undefined : 'role name',
      target.accountId ? undefined : 'account ID',
    ].filter(isString)
    if (missing.length > 0) {
      throw new IdcError(
        'invalid-argument',
        `The sso-session "${request.sessionName}" has no account or role: the ${missing.join(' and ')} must be given.`,
        {
          hint: 'Pass the account ID and role name, or use a profile that has sso_account_id and sso_role_name.',
        },
      )
    }
    return withAccountAndRole(target)
  }
  const { name, profile } = requireProfile(files, request.profile, options.env)
  if (!hasSsoConfiguration(profile) && !(options.accountId && options.roleName)) throw notSso(name, profile)

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
  const account = options.accountId ?? merged.get('sso_account_id')
  const role = options.roleName ?? merged.get('sso_role_name')
  const startUrl = merged.get('sso_start_url')
  const ssoRegion = merged.get('sso_region')
  const present: Record<string, unknown> = {
    sso_role_name: role,
    sso_account_id: account,
    sso_start_url: startUrl,
    sso_region: ssoRegion,
  }
  const missing = REQUIRED_ORDER.filter((key) => !present[key])
  if (missing.length > 0) throw missingRequired(name, profile, session, sessionRef?.value, missing)

  const scopes = sessionRef ? merged.get('sso_registration_scopes') : undefined
  const target: ResolvedTarget = {
    kind: sessionRef ? 'session' : 'legacy',
    profileName: name,
    sessionName: sessionRef?.value,
    startUrl: checkStartUrl(startUrl!.value, settingOrigin(startUrl!, 'sso_start_url')),
    ssoRegion: checkRegion(ssoRegion!.value, settingOrigin(ssoRegion!, 'sso_region')),
    accountId:
      typeof account === 'string'
        ? checkAccountId(account, argumentOrigin('account ID'))
        : checkAccountId(account!.value, settingOrigin(account!, 'sso_account_id')),
    roleName:
      typeof role === 'string'
        ? checkNonEmpty(role, argumentOrigin('role name'), 'a role (permission set) name')
        : role!.value,
    registrationScopes: scopes ? parseScopes(scopes.value) : undefined,
    region: profile.get('region')?.value,
    endpoints: resolveEndpoints(files, profile, options.env),
    source: { configFile: files.config.path, section: profile.label },
  }
  return target as CredentialsTarget
}

const SSO_KEYS = ['sso_session', 'sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name'] as const
/** botocore's order for the "missing required configuration" list. */
const REQUIRED_ORDER = ['sso_role_name', 'sso_account_id', 'sso_start_url', 'sso_region'] as const

function requireProfile(
  files: ConfigFiles,
  explicit: string | undefined,
  env: Env,
): { name: string; profile: ConfigSection } {
  const name = selectProfileName(explicit, env)
  const profile = getProfile(files, name)
  if (profile) return { name, profile }
  const how = explicit ? '' : env.AWS_PROFILE ? ' (selected by AWS_PROFILE)' : ' (the default profile)'
  const known = listProfiles(files)
  // Only names that can sign in are worth suggesting; with hundreds of profiles, only the closest few.
  const ssoNames = known.filter((n) => {
    const p = getProfile(files, n)
    try {
      return p !== undefined && hasSsoConfiguration(p)
    } catch {
      return true // read differently by the two tools: still a name the user may have meant
    }
  })
  const close = closestNames(name, ssoNames)
  const listing = `\`aws configure list-profiles\` lists all ${known.length} profile${known.length === 1 ? '' : 's'}`
  throw new IdcError(
    'profile-not-found',
    `The config profile (${name})${how} could not be found in ${files.config.path} or ${files.credentials.path}.`,
    {
      hint:
        close.length > 0
          ? `Did you mean ${close.map((n) => `--profile ${n}`).join(' or ')}? ${listing}.`
          : known.length > 0
            ? `Create it with \`aws-idc configure --profile ${name}\`; ${listing}.`
            : `Run \`aws-idc configure --profile ${name}\` to create it.`,
      details: { profile: name, configFile: files.config.path, credentialsFile: files.credentials.path },
    },
  )
}

function requireSession(files: ConfigFiles, name: string, ref: Setting | undefined): ConfigSection {
  const session = getSsoSession(files, name)
  if (session) return session
  const where = ref
    ? ` (sso_session in ${ref.section} of ${ref.file}, line ${ref.line})`
    : ` (no [sso-session ${name}] in ${files.config.path})`
  const known = listSsoSessions(files)
  throw new IdcError('session-not-found', `The specified sso-session does not exist: "${name}"${where}.`, {
    hint:
      `Run \`aws-idc configure\` or add an [sso-session ${name}] section to ${files.config.path}` +
      (ref ? `, or correct sso_session in ${ref.section}` : '') +
      (known.length > 0 ? ` (existing sessions: ${known.join(', ')}).` : '.'),
    details: {
      session: name,
      file: files.config.path,
      ...(ref ? { section: ref.section, key: 'sso_session' } : {}),
    },
  })
}

/** Login from a session: start URL and region come from the session section only (as `aws sso login`). */
function sessionOnlyTarget(
  files: ConfigFiles,
  session: ConfigSection,
  sessionName: string,
  profile: { name: string; profile: ConfigSection } | undefined,
  options: ResolveOptions,
): ResolvedTarget {
  const startUrl = session.get('sso_start_url')
  const ssoRegion = session.get('sso_region')
  const missing = [startUrl ? undefined : 'sso_start_url', ssoRegion ? undefined : 'sso_region'].filter(
    isString,
  )
  if (missing.length > 0) {
    throw new IdcError(
      'config-invalid',
      `Missing the following required SSO configuration values: ${missing.join(', ')}. (${session.label} in ${session.file})`,
      {
        hint: `Run \`aws-idc configure\` or add ${missing.join(' and ')} to ${session.label} in ${session.file}.`,
        details: { file: session.file, section: session.label, missing },
      },
    )
  }
  const scopes = session.get('sso_registration_scopes')
  // The endpoint settings come from the active profile: the given one, else AWS_PROFILE / default.
  const active = profile?.profile ?? getProfile(files, selectProfileName(undefined, options.env))
  return {
    kind: 'session',
    profileName: profile?.name,
    sessionName,
    startUrl: checkStartUrl(startUrl!.value, settingOrigin(startUrl!, 'sso_start_url')),
    ssoRegion: checkRegion(ssoRegion!.value, settingOrigin(ssoRegion!, 'sso_region')),
    accountId: options.accountId ?? profile?.profile.get('sso_account_id')?.value,
    roleName: options.roleName ?? profile?.profile.get('sso_role_name')?.value,
    registrationScopes: scopes ? parseScopes(scopes.value) : undefined,
    region: profile?.profile.get('region')?.value,
    endpoints: resolveEndpoints(files, active, options.env),
    source: { configFile: files.config.path, section: profile?.profile.label ?? session.label },
  }
}

function fromValues(
  files: ConfigFiles,
  request: Extract<TargetRequest, { from: 'values' }>,
  options: ResolveOptions,
  needRole: boolean,
): ResolvedTarget {
  const accountId = options.accountId ?? request.accountId
  const roleName = options.roleName ?? request.roleName
  if (needRole && (!accountId || !roleName)) {
    const missing = [roleName ? undefined : 'role name', accountId ? undefined : 'account ID'].filter(
      isString,
    )
    throw new IdcError('invalid-argument', `Missing the ${missing.join(' and ')} for the role credentials.`, {
      hint: 'Pass the account ID and the role (permission set) name together with the start URL and SSO region.',
    })
  }
  const sessionName =
    request.sessionName === undefined
      ? undefined
      : checkNonEmpty(request.sessionName, argumentOrigin('session name'), 'a session name')
  const active = getProfile(files, selectProfileName(undefined, options.env))
  return {
    kind: sessionName ? 'session' : 'legacy',
    sessionName,
    startUrl: checkStartUrl(request.startUrl, argumentOrigin('start URL')),
    ssoRegion: checkRegion(request.ssoRegion, argumentOrigin('SSO region')),
    accountId: accountId === undefined ? undefined : checkAccountId(accountId, argumentOrigin('account ID')),
    roleName:
      roleName === undefined
        ? undefined
        : checkNonEmpty(roleName, argumentOrigin('role name'), 'a role (permission set) name'),
    registrationScopes: request.registrationScopes?.map((s) => s.trim()).filter((s) => s !== ''),
    endpoints: resolveEndpoints(files, active, options.env),
    source: { configFile: files.config.path },
  }
}

function withAccountAndRole(target: ResolvedTarget): CredentialsTarget {
  return {
    ...target,
    accountId: checkAccountId(target.accountId!, argumentOrigin('account ID')),
    roleName: checkNonEmpty(target.roleName!, argumentOrigin('role name'), 'a role (permission set) name'),
  }
}

function notSso(name: string, profile: ConfigSection): IdcError {
  return new IdcError(
    'not-sso-profile',
    `Profile ${name} is not configured with SSO credentials: ${profile.label} in ${profile.file} has none of sso_session, sso_start_url, sso_region, sso_account_id, sso_role_name.`,
    {
      hint: `Run \`aws-idc configure --profile ${name}\`, or choose a profile that uses IAM Identity Center.`,
      details: { profile: name, file: profile.file, section: profile.label },
    },
  )
}

function inconsistent(key: string, fromProfile: Setting, fromSession: Setting): IdcError {
  return new IdcError(
    'config-inconsistent',
    `The value for ${key} is inconsistent between profile (${fromProfile.value}) and sso-session (${fromSession.value}). (${key} in ${fromProfile.section} line ${fromProfile.line} and ${fromSession.section} line ${fromSession.line} of ${fromSession.file})`,
    {
      hint: `Remove ${key} from ${fromProfile.section} in ${fromProfile.file} (the sso-session's value is used), or make both the same.`,
      details: {
        key,
        file: fromSession.file,
        profileSection: fromProfile.section,
        sessionSection: fromSession.section,
      },
    },
  )
}

function missingRequired(
  name: string,
  profile: ConfigSection,
  session: ConfigSection | undefined,
  sessionName: string | undefined,
  missing: readonly string[],
): IdcError {
  const inSession: string[] = session
    ? missing.filter((k) => k === 'sso_start_url' || k === 'sso_region')
    : []
  const inProfile = missing.filter((k) => !inSession.includes(k))
  const places = [
    inProfile.length > 0 ? `${inProfile.join(' and ')} to ${profile.label}` : undefined,
    inSession.length > 0 ? `${inSession.join(' and ')} to ${session!.label}` : undefined,
  ].filter(isString)
  const where = session ? `${profile.label} with [sso-session ${sessionName}]` : profile.label
  return new IdcError(
    'config-invalid',
    `The profile "${name}" is configured to use SSO but is missing required configuration: ${missing.join(', ')} (${where} in ${profile.file}).`,
    {
      hint: `Run \`aws-idc configure --profile ${name}\` or add ${places.join(' and ')} in ${profile.file}.`,
      details: { profile: name, file: profile.file, section: profile.label, missing },
    },
  )
}

function settingOrigin(setting: Setting, key: string): ValueOrigin {
  return {
    what: `${key} in ${setting.section} of ${setting.file} (line ${setting.line})`,
    fix: `Set ${key} on line ${setting.line} of ${setting.file}`,
    code: 'config-invalid',
    details: { file: setting.file, section: setting.section, key },
  }
}

function argumentOrigin(what: string): ValueOrigin {
  return { what: `the ${what}`, fix: `Set the ${what}`, code: 'invalid-argument' }
}

function isString(value: string | undefined): value is string {
  return value !== undefined
}

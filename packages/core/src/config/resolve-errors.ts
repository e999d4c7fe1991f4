import { IdcError } from '../errors.js'
import { closestNames } from '../rules/suggest.js'
import { type ConfigFiles, getProfile } from './config-files.js'
import type { ConfigSection, Setting } from './config-section.js'
import { hasSsoConfiguration } from './sso-profile.js'
import type { Env } from './types.js'

/*
 * The errors target resolution throws: botocore's texts (docs/reference.md#validation-messages)
 * plus the file, section, key and line, and a hint that says what to run or change.
 */

export function profileNotFound(
  files: ConfigFiles,
  name: string,
  explicit: string | undefined,
  env: Env,
  known: readonly string[],
): IdcError {
  const how = explicit ? '' : env.AWS_PROFILE ? ' (selected by AWS_PROFILE)' : ' (the default profile)'
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
  return new IdcError(
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

export function sessionNotFound(
  files: ConfigFiles,
  name: string,
  ref: Setting | undefined,
  known: readonly string[],
): IdcError {
  const where = ref
    ? ` (sso_session in ${ref.section} of ${ref.file}, line ${ref.line})`
    : ` (no [sso-session ${name}] in ${files.config.path})`
  return new IdcError('session-not-found', `The specified sso-session does not exist: "${name}"${where}.`, {
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

/** `aws sso login`'s "Missing the following required SSO configuration values" for a profile or session. */
export function missingLoginValues(
  section: ConfigSection,
  missing: readonly string[],
  configure: string,
): IdcError {
  return new IdcError(
    'config-invalid',
    `Missing the following required SSO configuration values: ${missing.join(', ')}. (${section.label} in ${section.file})`,
    {
      hint: `Run \`${configure}\` or add ${missing.join(' and ')} to ${section.label} in ${section.file}.`,
      details: { file: section.file, section: section.label, missing },
    },
  )
}

/** Account or role absent where they must be given directly (an sso-session or plain values). */
export function missingAccountOrRole(
  accountId: string | undefined,
  roleName: string | undefined,
  sessionName: string | undefined,
): IdcError | undefined {
  const missing = [roleName ? undefined : 'role name', accountId ? undefined : 'account ID'].filter(isString)
  if (missing.length === 0) return undefined
  if (sessionName !== undefined) {
    return new IdcError(
      'invalid-argument',
      `The sso-session "${sessionName}" has no account or role: the ${missing.join(' and ')} must be given.`,
      {
        hint: 'Pass the account ID and role name, or use a profile that has sso_account_id and sso_role_name.',
      },
    )
  }
  return new IdcError('invalid-argument', `Missing the ${missing.join(' and ')} for the role credentials.`, {
    hint: 'Pass the account ID and the role (permission set) name together with the start URL and SSO region.',
  })
}

export function notSso(name: string, profile: ConfigSection): IdcError {
  return new IdcError(
    'not-sso-profile',
    `Profile ${name} is not configured with SSO credentials: ${profile.label} in ${profile.file} has none of sso_session, sso_start_url, sso_region, sso_account_id, sso_role_name.`,
    {
      hint: `Run \`aws-idc configure --profile ${name}\`, or choose a profile that uses IAM Identity Center.`,
      details: { profile: name, file: profile.file, section: profile.label },
    },
  )
}

export function inconsistent(key: string, fromProfile: Setting, fromSession: Setting): IdcError {
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

export function missingRequired(
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

export function isString(value: string | undefined): value is string {
  return value !== undefined
}

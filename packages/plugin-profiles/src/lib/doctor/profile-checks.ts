import { refreshAdvice } from '@idc/cli-kit'
import {
  type ConfigFiles,
  type ConfigSection,
  getProfile,
  getSsoSession,
  hasSsoConfiguration,
  isShadowedSsoProfile,
  listProfiles,
  listSsoSessions,
} from '@idc/core'
import { safeGet, safeIs } from './safe.js'
import type { CheckJson } from './types.js'

/** Which profiles and sso-sessions to check: the one asked for, else every SSO one. */
export function selection(
  files: ConfigFiles,
  options: { session?: string | undefined; profile?: string | undefined },
): { profiles: string[]; sessions: string[] } {
  const ssoSessionOf = (name: string) => {
    const p = getProfile(files, name)
    return p ? safeGet(p, 'sso_session') : undefined
  }
  if (options.session) {
    return {
      profiles: listProfiles(files).filter((name) => ssoSessionOf(name) === options.session),
      sessions: [options.session],
    }
  }
  if (options.profile) {
    const own = ssoSessionOf(options.profile)
    return { profiles: [options.profile], sessions: own && getSsoSession(files, own) ? [own] : [] }
  }
  const profiles = listProfiles(files).filter((name) => {
    const p = getProfile(files, name)
    return p !== undefined && safeIs(hasSsoConfiguration, p)
  })
  return { profiles, sessions: listSsoSessions(files) }
}

/** region: a profile's sso_region that differs from its session's (botocore refuses it, the JS SDK uses the session's). */
export function regionMismatchCheck(
  files: ConfigFiles,
  name: string,
  profile: ConfigSection,
): CheckJson | undefined {
  const sessionName = safeGet(profile, 'sso_session')
  const own = safeGet(profile, 'sso_region')
  if (!sessionName || !own) return undefined
  const session = getSsoSession(files, sessionName)
  const theirs = session ? safeGet(session, 'sso_region') : undefined
  if (!theirs || theirs === own) return undefined
  return {
    name: 'region',
    subject: name,
    status: 'fail',
    message: `sso_region ${own} in the profile, but ${theirs} in [sso-session ${sessionName}]: the AWS CLI refuses the profile, the JS SDK uses ${theirs}`,
    hint: `Remove sso_region from ${profile.label} (the sso-session sets it).`,
  }
}

/**
 * refresh: sign-ins that can never be refreshed (a legacy profile; an sso-session without
 * sso_registration_scopes): 8-hour tokens without a refresh token, so a new sign-in every day.
 */
export function refreshCheck(
  subject: { kind: 'session' | 'legacy'; sessionName?: string | undefined; profileName?: string | undefined },
  bin: string,
): CheckJson {
  const advice = refreshAdvice(subject, bin)
  return {
    name: 'refresh',
    subject: subject.kind === 'legacy' ? subject.profileName : `sso-session ${subject.sessionName}`,
    status: 'warn',
    message: `sign-ins cannot be refreshed: ${advice.problem}`,
    hint: advice.fix,
  }
}

/**
 * shadow: a [profile] of the credentials file with static keys and the name of an SSO profile of
 * the config file. The AWS CLI and the SDKs take the static keys first, and fail once they expire.
 */
export function shadowCheck(files: ConfigFiles, name: string, bin: string): CheckJson | undefined {
  if (!isShadowedSsoProfile(files, name)) return undefined
  const file = files.credentials.path
  return {
    name: 'shadow',
    subject: name,
    status: 'fail',
    message: `[${name}] in ${file} has static keys, which the AWS CLI and the SDKs use instead of this SSO profile (and fail once they expire)`,
    hint: `Remove [${name}] from ${file}; for static keys use another name, e.g. \`${bin} creds --profile ${name} --write-profile ${name}-static\`.`,
  }
}

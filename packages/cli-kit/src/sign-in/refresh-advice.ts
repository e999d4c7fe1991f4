/**
 * Why a session cannot be refreshed, and the command that fixes it. Without a refresh token a
 * sign-in ends when its access token does (8 hours by default): IAM Identity Center issues refresh
 * tokens only to registrations with the `sso:account:access` scope, which a legacy profile (no
 * sso_session) and an [sso-session] without sso_registration_scopes never ask for.
 */
export interface RefreshSubject {
  kind: 'session' | 'legacy'
  sessionName?: string | undefined
  profileName?: string | undefined
}

export function refreshAdvice(subject: RefreshSubject, bin = 'aws-idc'): { problem: string; fix: string } {
  if (subject.kind === 'legacy') {
    const profile = subject.profileName ?? 'NAME'
    return {
      problem: 'a legacy profile (sso_start_url in the profile, no sso_session) never gets a refresh token',
      fix: `Move it to an sso-session with sso:account:access: \`${bin} configure --non-interactive --profile ${profile} --sso-session ${profile}\`, then \`${bin} login --profile ${profile}\`.`,
    }
  }
  const session = subject.sessionName ?? 'NAME'
  return {
    problem: `[sso-session ${session}] has no sso_registration_scopes, so it gets no refresh token`,
    fix: `Add the scope: \`${bin} configure --non-interactive --sso-session ${session} --scopes sso:account:access\`, then \`${bin} login --sso-session ${session} --force\`.`,
  }
}

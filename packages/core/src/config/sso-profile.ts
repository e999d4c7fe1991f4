import type { ConfigSection } from './config-section.js'

/** botocore's SSOProvider uses a profile for SSO credentials when it has sso_account_id or sso_role_name. */
export function isSsoCredentialProfile(profile: ConfigSection): boolean {
  return profile.has('sso_account_id') || profile.has('sso_role_name')
}

/** The JS SDK's `isSsoProfile`: any of the five SSO keys (the profile then either works for SSO or fails). */
export function hasSsoConfiguration(profile: ConfigSection): boolean {
  return ['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'].some((key) =>
    profile.has(key),
  )
}

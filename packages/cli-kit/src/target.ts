import { IdcError, type TargetRequest } from '@idc/core'

export type { TargetRequest }

export interface TargetFlagValues {
  profile?: string | undefined
  region?: string | undefined
  'sso-session'?: string | undefined
  'start-url'?: string | undefined
  'sso-region'?: string | undefined
  'account-id'?: string | undefined
  'role-name'?: string | undefined
  scopes?: string | undefined
}

export interface TargetRequestOptions {
  /** `login --start-url URL --region R`: treat `--region` as the IAM Identity Center region. */
  regionIsSsoRegion?: boolean | undefined
}

/**
 * Turns the target flags into a request. Precedence: `--start-url` (plain values, cached under
 * `--sso-session` when given), then `--sso-session`, then `--profile` / AWS_PROFILE / default.
 * `--account-id` / `--role-name` travel in the request whatever its kind (on a profile or session they
 * override its sso_account_id / sso_role_name).
 */
export function targetRequest(flags: TargetFlagValues, options: TargetRequestOptions = {}): TargetRequest {
  const role = {
    ...(flags['account-id'] !== undefined ? { accountId: flags['account-id'] } : {}),
    ...(flags['role-name'] !== undefined ? { roleName: flags['role-name'] } : {}),
  }
  const startUrl = flags['start-url']
  if (startUrl !== undefined) {
    const ssoRegion = flags['sso-region'] ?? (options.regionIsSsoRegion ? flags.region : undefined)
    if (!ssoRegion) {
      throw new IdcError('invalid-argument', '--start-url needs the IAM Identity Center region.', {
        hint: options.regionIsSsoRegion
          ? 'Add --region <region> (or --sso-region), e.g. --region us-east-1.'
          : 'Add --sso-region <region>, e.g. --sso-region us-east-1.',
      })
    }
    const scopes = flags.scopes
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    return {
      from: 'values',
      startUrl,
      ssoRegion,
      ...role,
      sessionName: flags['sso-session'],
      ...(scopes && scopes.length > 0 ? { registrationScopes: scopes } : {}),
    }
  }
  if (flags['sso-region'] !== undefined) {
    throw new IdcError('invalid-argument', '--sso-region is only used with --start-url.', {
      hint: 'Add --start-url <url>, or set sso_region in the profile or sso-session instead.',
    })
  }
  const session = flags['sso-session']
  if (session !== undefined) return { from: 'sso-session', sessionName: session, ...role }
  return { from: 'profile', profile: flags.profile, ...role }
}

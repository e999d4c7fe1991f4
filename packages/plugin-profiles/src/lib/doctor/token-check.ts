import { describeExpiry } from '@idc/cli-kit'
import type { SessionInfo } from '@idc/core'
import type { CheckJson } from './types.js'

/** What a cached sign-in is checked for, and the command that signs in to it (a hint that works). */
export interface TokenUse {
  what: string
  ssoRegion?: string | undefined
  login: string
}

/** token: the cached sign-in as it is (never refreshed here). */
export function tokenCheck(use: TokenUse, info: SessionInfo | undefined): CheckJson {
  const base = { name: 'token' as const, subject: use.what }
  if (!info) {
    return {
      ...base,
      status: 'warn',
      message: 'not signed in (no cached token)',
      hint: `Run \`${use.login}\`.`,
    }
  }
  if (info.problem || !info.expiresAt) {
    return {
      ...base,
      status: 'warn',
      message: `${info.file}: ${info.problem ?? 'no expiry'}`,
      hint: `Sign in again: \`${use.login} --force\`.`,
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
    hint: `Run \`${use.login}\`.`,
  }
}

/** region: a cached token issued in another region than the configured sso_region. */
export function tokenRegionCheck(use: TokenUse, info: SessionInfo | undefined): CheckJson | undefined {
  if (!info?.region || !use.ssoRegion || info.region === use.ssoRegion) return undefined
  return {
    name: 'region',
    subject: use.what,
    status: 'fail',
    message: `the cached token (${info.file}) was issued in ${info.region}, but sso_region is ${use.ssoRegion}`,
    hint: `Fix sso_region, then sign in again (\`${use.login} --force\`): a token works only in the region that issued it.`,
  }
}

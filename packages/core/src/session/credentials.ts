import { refreshOnce } from '../cache/refresh-once.js'
import {
  type CachedRoleCredentials,
  isRoleCacheReusable,
  readRoleCache,
  writeRoleCache,
} from '../cache/role-cache.js'
import type { CredentialsTarget, TargetRequest } from '../config/types.js'
import { getRoleCredentials } from '../portal/portal.js'
import { createPortalClient } from '../sdk/clients.js'
import { roleCacheFileFor } from '../warm.js'
import { loginCommandFor, nowOf } from './context.js'
import { resolveCredentials } from './resolve.js'
import { getToken } from './token.js'
import type { CredentialsResult, SessionContext } from './types.js'

export interface GetCredentialsOptions extends SessionContext {
  /** Ignore the role cache and call GetRoleCredentials. */
  forceRefresh?: boolean | undefined
  /**
   * Reuse cached role credentials only while more than this is left (default and minimum: 15 min,
   * the AWS CLI's rule), so a caller that refreshes earlier gets new credentials, not the same ones.
   */
  refreshWindowMs?: number | undefined
  /**
   * The caller (the warm path) has just found the role cache unusable for this target: fetch under
   * the lock without reading the cache once more first.
   */
  cacheStale?: boolean | undefined
}

/**
 * Role credentials for a profile, sso-session + account + role, or plain values (or a target
 * already resolved, e.g. by the warm path). A role cache entry with >= 15 minutes left (shared with
 * the AWS CLI v2) is used as is, read once; otherwise one process per machine fetches, the rest
 * wait and re-read.
 */
export async function getCredentials(
  request: TargetRequest | CredentialsTarget,
  options: GetCredentialsOptions = {},
): Promise<CredentialsResult> {
  const target = 'from' in request ? await resolveCredentials(request, options) : request
  return getCredentialsForTarget(target, options)
}

export async function getCredentialsForTarget(
  target: CredentialsTarget,
  ctx: GetCredentialsOptions = {},
): Promise<CredentialsResult> {
  const file = roleCacheFileFor(target, ctx)
  const fresh = (c: CachedRoleCredentials) => isRoleCacheReusable(c, nowOf(ctx), ctx.refreshWindowMs)
  let forced = ctx.forceRefresh === true
  // refreshOnce's first read is the warm read: a fresh entry is returned without the lock.
  const { value, refreshed } = await refreshOnce<CachedRoleCredentials>({
    file,
    knownStale: forced || ctx.cacheStale === true,
    read: () => readRoleCache(file),
    // A forced refresh fetches once even when another process left a fresh entry.
    isFresh: (c) => !forced && fresh(c),
    refresh: async () => {
      forced = false
      const token = await getToken(target, ctx)
      const client = await createPortalClient({
        region: target.ssoRegion,
        endpoint: target.endpoints.sso,
        clientConfig: ctx.clientConfig,
      })
      const credentials = await getRoleCredentials(
        {
          client,
          accessToken: token.accessToken,
          region: target.ssoRegion,
          tokenFile: token.file,
          signal: ctx.signal,
          retry: ctx.retry,
          loginCommand: loginCommandFor(target, ctx),
        },
        target.accountId,
        target.roleName,
      )
      await writeRoleCache(file, credentials)
      ctx.debug?.(`fetched role credentials for ${target.accountId}/${target.roleName} into ${file}`)
      return credentials as CachedRoleCredentials
    },
  })
  return {
    credentials: { ...value, accountId: target.accountId },
    source: refreshed ? 'portal' : 'cache',
    target,
  }
}

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
import { readWarmCredentials, roleCacheFileFor } from '../warm.js'
import { loginCommandFor, nowOf, targetArgsFor } from './context.js'
import { type ResolveTargetOptions, resolveCredentials } from './resolve.js'
import { getToken } from './token.js'
import type { CredentialsResult, SessionContext } from './types.js'

export interface GetCredentialsOptions extends SessionContext, ResolveTargetOptions {
  /** Ignore the role cache and call GetRoleCredentials. */
  forceRefresh?: boolean | undefined
  /**
   * Reuse cached role credentials only while more than this is left (default and minimum: 15 min,
   * the AWS CLI's rule), so a caller that refreshes earlier gets new credentials, not the same ones.
   */
  refreshWindowMs?: number | undefined
}

/**
 * Role credentials for a profile, sso-session + account + role, or plain values. The warm path
 * (role cache with >= 15 minutes left, shared with the AWS CLI v2) reads two small files and loads
 * no AWS SDK module; otherwise one process per machine fetches, the rest wait and re-read.
 */
export async function getCredentials(
  request: TargetRequest | CredentialsTarget,
  options: GetCredentialsOptions = {},
): Promise<CredentialsResult> {
  const target =
    'from' in request
      ? await resolveCredentials(request, options, {
          accountId: options.accountId,
          roleName: options.roleName,
        })
      : request
  return getCredentialsForTarget(target, options)
}

export async function getCredentialsForTarget(
  target: CredentialsTarget,
  ctx: GetCredentialsOptions = {},
): Promise<CredentialsResult> {
  const file = roleCacheFileFor(target, ctx)
  const fresh = (c: CachedRoleCredentials) => isRoleCacheReusable(c, nowOf(ctx), ctx.refreshWindowMs)
  if (!ctx.forceRefresh) {
    const warm = await readWarmCredentials(target, ctx)
    if (warm) return warm
  }
  let forced = ctx.forceRefresh === true
  const { value, refreshed } = await refreshOnce<CachedRoleCredentials>({
    file,
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
          targetArgs: targetArgsFor(target),
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

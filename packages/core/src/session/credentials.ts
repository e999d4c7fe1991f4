import { refreshOnce } from '../cache/refresh-once.js'
import {
  type CachedRoleCredentials,
  isRoleCacheReusable,
  type RoleCacheKey,
  readRoleCache,
  roleCacheFilePath,
  writeRoleCache,
} from '../cache/role-cache.js'
import type { CredentialsTarget, TargetRequest } from '../config/types.js'
import { getRoleCredentials } from '../portal/portal.js'
import { createPortalClient } from '../sdk/clients.js'
import { homeOf, loginCommandFor, nowOf } from './context.js'
import { type ResolveTargetOptions, resolveCredentials } from './resolve.js'
import { getToken } from './token.js'
import type { CredentialsResult, SessionContext } from './types.js'

export interface GetCredentialsOptions extends SessionContext, ResolveTargetOptions {
  /** Ignore the role cache and call GetRoleCredentials. */
  forceRefresh?: boolean | undefined
}

export function roleCacheKeyOf(target: CredentialsTarget): RoleCacheKey {
  return target.kind === 'session' && target.sessionName
    ? { accountId: target.accountId, roleName: target.roleName, sessionName: target.sessionName }
    : { accountId: target.accountId, roleName: target.roleName, startUrl: target.startUrl }
}

export function roleCacheFileFor(target: CredentialsTarget, ctx: SessionContext): string {
  return roleCacheFilePath(homeOf(ctx), roleCacheKeyOf(target))
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
  const fresh = (c: CachedRoleCredentials) => isRoleCacheReusable(c, nowOf(ctx))
  if (!ctx.forceRefresh) {
    const cached = await readRoleCache(file)
    if (cached && fresh(cached))
      return { credentials: { ...cached, accountId: target.accountId }, source: 'cache', target }
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

import { refreshOnce } from '../cache/refresh-once.js'
import {
  type CachedRoleCredentials,
  isRoleCacheReusable,
  readRoleCache,
  writeRoleCache,
} from '../cache/role-cache.js'
import { resolveRoleChain } from '../config/chain.js'
import { loadConfigFiles } from '../config/config-files.js'
import { resolveCredentialsTarget } from '../config/resolve.js'
import type { CredentialsTarget, TargetRequest } from '../config/types.js'
import { getRoleCredentials } from '../portal/portal.js'
import { createPortalClient } from '../sdk/clients.js'
import { clockSkewError, lastServerClockSkew, MAX_CLOCK_SKEW_MS } from '../sdk/server-clock.js'
import { getChainedCredentials } from '../sts/chain-credentials.js'
import { roleCacheFileFor } from '../warm.js'
import { envOf, loginCommandFor, nowOf, serviceTargetFor, targetArgsFor } from './context.js'
import { withAccountId } from './portal-ops.js'
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
  given: TargetRequest | CredentialsTarget,
  options: GetCredentialsOptions = {},
): Promise<CredentialsResult> {
  if (!('from' in given)) return getCredentialsForTarget(given, options)
  // An account given by name is looked up first (one ListAccounts); an ID costs nothing.
  const request = await withAccountId(given, options)
  if (request.from !== 'profile')
    return getCredentialsForTarget(await resolveCredentials(request, options), options)
  // One read of the config: a chained-role profile (role_arn + source_profile) is AssumeRole on top
  // of its SSO profile; any other profile resolves to its target in the same files.
  const env = envOf(options)
  const files = await loadConfigFiles({ env, homedir: options.homedir })
  const chain = resolveRoleChain(files, request, env)
  if (!chain) return getCredentialsForTarget(resolveCredentialsTarget(files, request, { env }), options)
  const { forceRefresh: _force, ...rest } = options
  return getChainedCredentials(chain, options, (source) =>
    getCredentialsForTarget(source, {
      ...rest,
      loginCommand: options.loginCommand ?? loginCommandFor(source, options),
    }),
  )
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
      const client = await createPortalClient(serviceTargetFor(target, 'sso', ctx))
      const credentials = await getRoleCredentials(
        {
          client,
          accessToken: token.accessToken,
          region: target.ssoRegion,
          tokenFile: token.file,
          signal: ctx.signal,
          loginCommand: loginCommandFor(target, ctx),
          targetArgs: targetArgsFor(target),
        },
        target.accountId,
        target.roleName,
      )
      if (credentials.expiration) checkClock(credentials.expiration, nowOf(ctx))
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

/**
 * Credentials that look expired (or about to) the moment they arrive mean the local clock is
 * wrong, not the credentials: compared with the service's Date header, say so, instead of
 * printing "expired" and fetching again on every call. Below the skew AWS allows, the 15-minute
 * reuse window absorbs it.
 */
function checkClock(expiration: Date, now: Date): void {
  if (isRoleCacheReusable({ expiration }, now)) return
  const seen = lastServerClockSkew()
  if (!seen || Math.abs(seen.skewMs) < MAX_CLOCK_SKEW_MS) return
  if (!isRoleCacheReusable({ expiration }, new Date(now.getTime() - seen.skewMs))) return
  throw clockSkewError(
    seen.skewMs,
    `IAM Identity Center (${seen.host})`,
    `credentials valid until ${expiration.toISOString()} look expired here`,
    { details: { host: seen.host, expiration: expiration.toISOString() } },
  )
}

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
import { IdcError } from '../errors.js'
import { getRoleCredentials } from '../portal/portal.js'
import { createPortalClient } from '../sdk/clients.js'
import { lastServerClockSkew } from '../sdk/server-clock.js'
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
  const chain = resolveRoleChain(files, request.profile, {
    env,
    accountId: request.accountId,
    roleName: request.roleName,
  })
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

/** Skew above this is reported; below, the 15-minute reuse window absorbs it. */
const CLOCK_SKEW_LIMIT_MS = 5 * 60 * 1000

/**
 * Credentials that look expired (or about to) the moment they arrive mean the local clock is
 * wrong, not the credentials: compared with the service's Date header, say so, instead of
 * printing "expired" and fetching again on every call.
 */
function checkClock(expiration: Date, now: Date): void {
  if (isRoleCacheReusable({ expiration }, now)) return
  const seen = lastServerClockSkew()
  if (!seen || Math.abs(seen.skewMs) < CLOCK_SKEW_LIMIT_MS) return
  if (!isRoleCacheReusable({ expiration }, new Date(now.getTime() - seen.skewMs))) return
  const ahead = seen.skewMs > 0
  throw new IdcError(
    'clock-skew',
    `The local clock is ${formatSkew(Math.abs(seen.skewMs))} ${ahead ? 'ahead of' : 'behind'} IAM Identity Center (${seen.host}, by its Date header): credentials valid until ${expiration.toISOString()} look expired here.`,
    {
      hint: 'Set the system clock right (turn on automatic time / NTP), then run the command again; `aws-idc doctor` checks it.',
      details: { skewMs: seen.skewMs, host: seen.host, expiration: expiration.toISOString() },
    },
  )
}

function formatSkew(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return h > 0 ? `${h}h ${m}m` : `${m}m`
}

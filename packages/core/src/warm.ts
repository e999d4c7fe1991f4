/**
 * The warm credential path on its own: profile → role cache (shared with the AWS CLI v2) → credentials,
 * or `undefined` when anything more is needed (sign-in, refresh, fetch). `credential_process` runs
 * before every AWS call, so this module imports only the config reader and the role cache — no
 * SDK, no lock library, no HTTP — and is exported as `@idc/core/warm` for callers that bundle it.
 */
import {
  isRoleCacheReusable,
  type RoleCacheKey,
  readRoleCache,
  roleCacheFilePath,
} from './cache/role-cache.js'
import { resolveRoleChain } from './config/chain.js'
import { loadConfigFiles } from './config/config-files.js'
import { resolveCredentialsTarget } from './config/resolve.js'
import type { CredentialsTarget, Env, TargetRequest } from './config/types.js'
import { envOf, homeOf, nowOf } from './session/context.js'
import type { CredentialsResult } from './session/types.js'
import { readWarmChained } from './sts/chain-warm.js'

export interface WarmOptions {
  env?: Env | undefined
  homedir?: string | undefined
  now?: (() => number) | undefined
  accountId?: string | undefined
  roleName?: string | undefined
  refreshWindowMs?: number | undefined
}

/** The AWS CLI v2's role cache key for a target (PROTOCOL §7): session name, else the start URL. */
export function roleCacheKeyOf(target: CredentialsTarget): RoleCacheKey {
  return target.kind === 'session' && target.sessionName
    ? { accountId: target.accountId, roleName: target.roleName, sessionName: target.sessionName }
    : { accountId: target.accountId, roleName: target.roleName, startUrl: target.startUrl }
}

export function roleCacheFileFor(target: CredentialsTarget, opts: WarmOptions): string {
  return roleCacheFilePath(homeOf(opts), roleCacheKeyOf(target))
}

/** Resolves the target (configuration errors throw IdcError as usual) without touching the network. */
export async function resolveWarmTarget(
  request: TargetRequest,
  opts: WarmOptions = {},
): Promise<CredentialsTarget> {
  const env = envOf(opts)
  const files = await loadConfigFiles({ env, homedir: opts.homedir })
  return resolveCredentialsTarget(files, request, { env, accountId: opts.accountId, roleName: opts.roleName })
}

/** Cached role credentials with more than the refresh window left, else undefined. */
export async function readWarmCredentials(
  target: CredentialsTarget,
  opts: WarmOptions = {},
): Promise<CredentialsResult | undefined> {
  const cached = await readRoleCache(roleCacheFileFor(target, opts))
  if (!cached || !isRoleCacheReusable(cached, nowOf(opts), opts.refreshWindowMs)) return undefined
  return { credentials: { ...cached, accountId: target.accountId }, source: 'cache', target }
}

/** `resolveWarmTarget` + `readWarmCredentials`; a chained-role profile is served from its assume-role cache. */
export async function getWarmCredentials(
  request: TargetRequest,
  opts: WarmOptions = {},
): Promise<CredentialsResult | undefined> {
  if (request.from === 'profile') {
    const env = envOf(opts)
    const files = await loadConfigFiles({ env, homedir: opts.homedir })
    const chain = resolveRoleChain(files, request.profile, {
      env,
      accountId: opts.accountId,
      roleName: opts.roleName,
    })
    if (chain) return readWarmChained(chain, opts)
    return readWarmCredentials(
      resolveCredentialsTarget(files, request, { env, accountId: opts.accountId, roleName: opts.roleName }),
      opts,
    )
  }
  return readWarmCredentials(await resolveWarmTarget(request, opts), opts)
}

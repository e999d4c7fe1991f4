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
import { isAccountIdForm } from './config/validate-values.js'
import { envOf, homeOf, nowOf } from './session/context.js'
import { resolveCredentials } from './session/resolve.js'
import type { CredentialsResult } from './session/types.js'
import { readWarmChained } from './sts/chain-warm.js'

export interface WarmOptions {
  env?: Env | undefined
  homedir?: string | undefined
  now?: (() => number) | undefined
  refreshWindowMs?: number | undefined
}

/**
 * What the warm path found: the credentials from the role cache, or `undefined` with the target it
 * resolved, which the cold path continues from (`getCredentials(target, { cacheStale: true })`)
 * instead of reading the config again. A chained-role profile has no such target (its credentials
 * come from AssumeRole on top of its source profile): the cold path starts from the request then.
 */
export interface WarmLookup {
  target: CredentialsTarget | undefined
  result: CredentialsResult | undefined
}

/** The AWS CLI v2's role cache key for a target (docs/reference.md#role-cache): session name, else the start URL. */
export function roleCacheKeyOf(target: CredentialsTarget): RoleCacheKey {
  return target.kind === 'session' && target.sessionName
    ? { accountId: target.accountId, roleName: target.roleName, sessionName: target.sessionName }
    : { accountId: target.accountId, roleName: target.roleName, startUrl: target.startUrl }
}

export function roleCacheFileFor(target: CredentialsTarget, opts: WarmOptions): string {
  return roleCacheFilePath(homeOf(opts), roleCacheKeyOf(target))
}

/** Resolves the target (configuration errors throw IdcError as usual) without touching the network. */
export function resolveWarmTarget(
  request: TargetRequest,
  opts: WarmOptions = {},
): Promise<CredentialsTarget> {
  return resolveCredentials(request, opts)
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

/**
 * `resolveWarmTarget` + `readWarmCredentials`, keeping the target for the cold path; a chained-role
 * profile is served from its assume-role cache (the AWS CLI's), still without the SDK.
 */
export async function lookupWarm(request: TargetRequest, opts: WarmOptions = {}): Promise<WarmLookup> {
  // An account given by name (`--account-id staging`) needs a listing: the cold path's.
  if (request.accountId !== undefined && !isAccountIdForm(request.accountId))
    return { target: undefined, result: undefined }
  if (request.from !== 'profile') {
    const target = await resolveWarmTarget(request, opts)
    return { target, result: await readWarmCredentials(target, opts) }
  }
  const env = envOf(opts)
  const files = await loadConfigFiles({ env, homedir: opts.homedir })
  const chain = resolveRoleChain(files, request, env)
  if (chain) return { target: undefined, result: await readWarmChained(chain, opts) }
  const target = resolveCredentialsTarget(files, request, { env })
  return { target, result: await readWarmCredentials(target, opts) }
}

/** `lookupWarm`'s credentials alone. */
export async function getWarmCredentials(
  request: TargetRequest,
  opts: WarmOptions = {},
): Promise<CredentialsResult | undefined> {
  return (await lookupWarm(request, opts)).result
}

/** The warm path of a chained-role profile: the assume-role cache only (no SDK, no network, no lock). */
import { isRoleCacheReusable } from '../cache/role-cache.js'
import type { RoleChain } from '../config/chain.js'
import { homeOf, nowOf } from '../session/context.js'
import type { CredentialsResult, SessionContext } from '../session/types.js'
import { assumeRoleCacheFile, readAssumeRoleCache } from './assume-role-cache.js'
import { chainedResult } from './chain-result.js'

export async function readWarmChained(
  chain: RoleChain,
  opts: SessionContext & { refreshWindowMs?: number | undefined },
): Promise<CredentialsResult | undefined> {
  const cached = await readAssumeRoleCache(assumeRoleCacheFile(homeOf(opts), chain.links[0]!))
  if (!cached || !isRoleCacheReusable(cached, nowOf(opts), opts.refreshWindowMs)) return undefined
  return chainedResult(chain, cached, 'cache')
}

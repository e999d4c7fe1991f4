/** How a chained profile's credentials are reported: shared by the warm path and the full one (no SDK). */
import type { CachedRoleCredentials } from '../cache/role-cache.js'
import { parseRoleArn, type RoleChain } from '../config/chain.js'
import type { CredentialsTarget } from '../config/types.js'
import type { CredentialsResult } from '../session/types.js'

/** The target a chained result reports: the assumed role's account and name, the chain's profile and region. */
export function chainedTarget(chain: RoleChain): CredentialsTarget {
  const { accountId, roleName } = parseRoleArn(chain.links[0]!.roleArn)
  return { ...chain.source, profileName: chain.profileName, accountId, roleName, region: chain.region }
}

export function chainedResult(
  chain: RoleChain,
  credentials: CachedRoleCredentials,
  source: CredentialsResult['source'],
): CredentialsResult {
  const target = chainedTarget(chain)
  return {
    credentials: { ...credentials, accountId: credentials.accountId ?? target.accountId },
    source,
    target,
    chain: {
      roleArn: chain.links[0]!.roleArn,
      profiles: chain.links.map((l) => l.profileName),
      sourceProfile: chain.source.profileName ?? '',
    },
  }
}

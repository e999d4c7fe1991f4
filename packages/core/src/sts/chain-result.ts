/** How a chained profile's credentials are reported: shared by the warm path and the full one (no SDK). */
import type { CachedRoleCredentials } from '../cache/role-cache.js'
import { parseRoleArn, type RoleChain } from '../config/chain.js'
import type { CredentialsTarget } from '../config/types.js'
import type { CredentialsResult } from '../session/types.js'

/**
 * The target a chained result reports: the assumed role's account and name, the chain's profile,
 * region, STS endpoint and SDK settings.
 */
export function chainedTarget(chain: RoleChain): CredentialsTarget {
  const { accountId, roleName } = parseRoleArn(chain.links[0]!.roleArn)
  return {
    ...chain.source,
    profileName: chain.profileName,
    accountId,
    roleName,
    region: chain.region,
    // STS calls with the chain's credentials (whoami) go where its AssumeRole calls go.
    stsEndpoint: chain.stsEndpoint,
    sdk: chain.stsSettings,
  }
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

/**
 * Credentials for a chained-role profile: each link's AssumeRole result comes from the AWS CLI's
 * assume-role cache when at least 15 minutes are left (botocore's window), otherwise the link's
 * source credentials (the link below, or the IAM Identity Center profile at the bottom) sign a new
 * AssumeRole, whose result is cached. One process per machine refreshes a link; the rest wait.
 */
import { writeFileAtomic } from '../cache/atomic-write.js'
import { refreshOnce } from '../cache/refresh-once.js'
import { type CachedRoleCredentials, isRoleCacheReusable } from '../cache/role-cache.js'
import type { RoleChain } from '../config/chain.js'
import type { CredentialsTarget } from '../config/types.js'
import { homeOf, nowOf } from '../session/context.js'
import type { CredentialsResult, SessionContext } from '../session/types.js'
import { assumeRoleCacheContents, assumeRoleCacheFile, readAssumeRoleCache } from './assume-role-cache.js'
import { chainedResult } from './chain-result.js'

export interface ChainedCredentialsOptions extends SessionContext {
  /** Ignore the cached result of the profile asked for (its sources may still come from caches). */
  forceRefresh?: boolean | undefined
  refreshWindowMs?: number | undefined
}

/** Role credentials of the IAM Identity Center profile at the bottom of a chain. */
export type SourceCredentials = (target: CredentialsTarget) => Promise<CredentialsResult>

export async function getChainedCredentials(
  chain: RoleChain,
  ctx: ChainedCredentialsOptions,
  sourceCredentials: SourceCredentials,
): Promise<CredentialsResult> {
  const home = homeOf(ctx)
  const reusable = (c: CachedRoleCredentials) => isRoleCacheReusable(c, nowOf(ctx), ctx.refreshWindowMs)
  const region = chain.region ?? chain.source.ssoRegion
  let fetched = false

  const linkCredentials = async (index: number, force: boolean): Promise<CachedRoleCredentials> => {
    const link = chain.links[index]!
    const file = assumeRoleCacheFile(home, link)
    let forced = force
    const { value } = await refreshOnce<CachedRoleCredentials>({
      file,
      read: () => readAssumeRoleCache(file),
      isFresh: (c) => !forced && reusable(c),
      refresh: async () => {
        forced = false
        const below = chain.links[index + 1]
        let source: CachedRoleCredentials
        let sourceDescription: string
        if (below) {
          source = await linkCredentials(index + 1, false)
          sourceDescription = `the credentials of profile ${below.profileName} (${below.roleArn})`
        } else {
          const sso = await sourceCredentials(chain.source)
          source = sso.credentials as CachedRoleCredentials
          sourceDescription = `the IAM Identity Center role ${chain.source.roleName} in account ${chain.source.accountId} (profile ${chain.source.profileName})`
        }
        // The SDK is loaded only when a call is needed.
        const { assumeRole } = await import('./assume-role.js')
        const role = await assumeRole(link, source, {
          region,
          endpoint: chain.stsEndpoint,
          settings: chain.stsSettings,
          clientConfig: ctx.clientConfig,
          signal: ctx.signal,
          sourceDescription,
          defaultSessionName: `aws-idc-${Math.floor(nowOf(ctx).getTime() / 1000)}`,
        })
        await writeFileAtomic(file, assumeRoleCacheContents(role))
        fetched = true
        ctx.debug?.(`assumed ${link.roleArn} for profile ${link.profileName} into ${file}`)
        return role.credentials
      },
    })
    return value
  }

  const credentials = await linkCredentials(0, ctx.forceRefresh === true)
  return chainedResult(chain, credentials, fetched ? 'sts' : 'cache')
}

import { resolveRoleChain } from '../config/chain.js'
import { loadConfigFiles } from '../config/config-files.js'
import { resolveCredentialsTarget, resolveLoginTarget } from '../config/resolve.js'
import type { CredentialsTarget, ResolvedTarget, TargetRequest } from '../config/types.js'
import { envOf } from './context.js'
import type { SessionContext } from './types.js'

export interface ResolveTargetOptions {
  /** Account and role given directly (flags); they win over the profile's values. */
  accountId?: string | undefined
  roleName?: string | undefined
}

/** Resolves what signing in needs (start URL + SSO region), as `aws sso login` does. */
export async function resolveTarget(
  request: TargetRequest,
  ctx: SessionContext = {},
  options: ResolveTargetOptions = {},
): Promise<ResolvedTarget> {
  const env = envOf(ctx)
  const files = await loadConfigFiles({ env, homedir: ctx.homedir })
  // A chained-role profile signs in through the IAM Identity Center profile its chain starts from.
  const chain = request.from === 'profile' ? resolveRoleChain(files, request.profile, { env }) : undefined
  if (chain) return resolveLoginTarget(files, { from: 'profile', profile: chain.source.profileName }, { env })
  return resolveLoginTarget(files, request, { env, ...options })
}

/** Resolves a target that can fetch role credentials (account and role known), validated as botocore. */
export async function resolveCredentials(
  request: TargetRequest,
  ctx: SessionContext = {},
  options: ResolveTargetOptions = {},
): Promise<CredentialsTarget> {
  const env = envOf(ctx)
  const files = await loadConfigFiles({ env, homedir: ctx.homedir })
  return resolveCredentialsTarget(files, request, { env, ...options })
}

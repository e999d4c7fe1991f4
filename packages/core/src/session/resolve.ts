import { resolveRoleChain } from '../config/chain.js'
import { type ConfigFiles, loadConfigFiles } from '../config/config-files.js'
import { resolveCredentialsTarget, resolveLoginTarget } from '../config/resolve.js'
import type { CredentialsTarget, Env, ResolvedTarget, TargetRequest } from '../config/types.js'
import { envOf } from './context.js'
import type { SessionContext } from './types.js'

/*
 * Reads the shared files for `ctx` and resolves `request` in them. No SDK, no lock code: the warm
 * path (`@idc/core/warm`) resolves through here too.
 */

async function withFiles<T>(
  ctx: SessionContext,
  resolve: (files: ConfigFiles, options: { env: Env }) => T,
): Promise<T> {
  const env = envOf(ctx)
  return resolve(await loadConfigFiles({ env, homedir: ctx.homedir }), { env })
}

/** Resolves what signing in needs (start URL + SSO region), as `aws sso login` does. */
export function resolveTarget(request: TargetRequest, ctx: SessionContext = {}): Promise<ResolvedTarget> {
  return withFiles(ctx, (files, options) => {
    // A chained-role profile signs in through the IAM Identity Center profile its chain starts from.
    const chain =
      request.from === 'profile'
        ? resolveRoleChain(files, { profile: request.profile }, options.env)
        : undefined
    if (chain)
      return resolveLoginTarget(files, { from: 'profile', profile: chain.source.profileName }, options)
    return resolveLoginTarget(files, request, options)
  })
}

/** Resolves a target that can fetch role credentials (account and role known), validated as botocore. */
export function resolveCredentials(
  request: TargetRequest,
  ctx: SessionContext = {},
): Promise<CredentialsTarget> {
  return withFiles(ctx, (files, options) => resolveCredentialsTarget(files, request, options))
}

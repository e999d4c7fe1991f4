import { loadConfigFiles } from '../config/config-files.js'
import { resolveCredentialsTarget, resolveLoginTarget } from '../config/resolve.js'
import type { CredentialsTarget, ResolvedTarget, TargetRequest } from '../config/types.js'
import { envOf } from './context.js'
import type { SessionContext } from './types.js'

/** Resolves what signing in needs (start URL + SSO region), as `aws sso login` does. */
export async function resolveTarget(
  request: TargetRequest,
  ctx: SessionContext = {},
): Promise<ResolvedTarget> {
  const env = envOf(ctx)
  const files = await loadConfigFiles({ env, homedir: ctx.homedir })
  return resolveLoginTarget(files, request, { env })
}

/** Resolves a target that can fetch role credentials (account and role known), validated as botocore. */
export async function resolveCredentials(
  request: TargetRequest,
  ctx: SessionContext = {},
): Promise<CredentialsTarget> {
  const env = envOf(ctx)
  const files = await loadConfigFiles({ env, homedir: ctx.homedir })
  return resolveCredentialsTarget(files, request, { env })
}

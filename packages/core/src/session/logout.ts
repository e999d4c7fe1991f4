import { deleteRoleCache, listRoleCacheFiles, roleCacheFilePath } from '../cache/role-cache.js'
import { deleteToken, listTokens, readToken } from '../cache/token-cache.js'
import { getProfile, loadConfigFiles } from '../config/config-files.js'
import { resolveEndpoints } from '../config/endpoints.js'
import { selectProfileName } from '../config/paths.js'
import { resolveTimeouts } from '../config/timeouts.js'
import type { ResolvedTarget, TargetRequest } from '../config/types.js'
import { IdcError } from '../errors.js'
import { logout as portalLogout } from '../portal/portal.js'
import { createPortalClient } from '../sdk/clients.js'
import { indexTokenFiles, useOfTokenFile } from './config-index.js'
import { envOf, homeOf, serviceTargetFor } from './context.js'
import { resolveTarget } from './resolve.js'
import { tokenFileFor } from './token.js'
import type { LogoutResult, SessionContext } from './types.js'

/**
 * Signs out: the Logout API for each token (failures are warnings, as `aws sso logout` ignores
 * them), then the token files and the role caches they fed. Client registrations are kept.
 * `{ all: true }` does what `aws sso logout` does: every token and every SSO role cache.
 */
export async function logout(
  request: TargetRequest | ResolvedTarget | { all: true },
  ctx: SessionContext = {},
): Promise<LogoutResult> {
  const env = envOf(ctx)
  const home = homeOf(ctx)
  const files = await loadConfigFiles({ env, homedir: ctx.homedir })
  const result: LogoutResult = { tokens: [], roleCaches: [], warnings: [] }

  if ('all' in request) {
    let active: ReturnType<typeof getProfile>
    try {
      active = getProfile(files, selectProfileName(undefined, env))
    } catch {
      active = undefined
    }
    const endpoint = resolveEndpoints(files, active, env).sso
    const timeouts = resolveTimeouts(active, env)
    for (const entry of await listTokens(home)) {
      const accessToken = typeof entry.data.accessToken === 'string' ? entry.data.accessToken : undefined
      const region = typeof entry.data.region === 'string' ? entry.data.region : undefined
      if (accessToken && region)
        await signOut(accessToken, { ssoRegion: region, endpoints: { sso: endpoint }, timeouts }, ctx, result)
      if (await deleteToken(entry.path)) result.tokens.push(entry.path)
    }
    for (const path of await listRoleCacheFiles(home)) {
      if (await deleteRoleCache(path)) result.roleCaches.push(path)
    }
    return result
  }

  const target = 'from' in request ? await resolveTarget(request, ctx) : request
  const file = tokenFileFor(target, ctx)
  const read = await readToken(file)
  if (read.status === 'ok') await signOut(read.token.accessToken, target, ctx, result)
  if (await deleteToken(file)) result.tokens.push(file)
  const use = useOfTokenFile(indexTokenFiles(files), file)
  const keys = [...(use?.roleCaches ?? [])]
  if (target.accountId && target.roleName) {
    keys.push(
      target.kind === 'session' && target.sessionName
        ? { accountId: target.accountId, roleName: target.roleName, sessionName: target.sessionName }
        : { accountId: target.accountId, roleName: target.roleName, startUrl: target.startUrl },
    )
  }
  for (const key of keys) {
    const path = roleCacheFilePath(home, key)
    if (!result.roleCaches.includes(path) && (await deleteRoleCache(path))) result.roleCaches.push(path)
  }
  return result
}

async function signOut(
  accessToken: string,
  target: Pick<ResolvedTarget, 'ssoRegion' | 'endpoints' | 'timeouts'>,
  ctx: SessionContext,
  result: LogoutResult,
): Promise<void> {
  const region = target.ssoRegion
  try {
    const client = await createPortalClient(serviceTargetFor(target, 'sso', ctx))
    const error = await portalLogout({ client, accessToken, region, signal: ctx.signal })
    if (error)
      result.warnings.push(
        `The Logout call in ${region} failed (${error.message}); the local token was removed anyway.`,
      )
  } catch (error) {
    result.warnings.push(
      `The Logout call in ${region} failed (${IdcError.is(error) ? error.message : 'error'}); the local token was removed anyway.`,
    )
  }
}

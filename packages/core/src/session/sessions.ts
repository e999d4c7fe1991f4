import { refreshFailedBefore } from '../cache/refresh-failure.js'
import { canRefresh, listTokens } from '../cache/token-cache.js'
import { loadConfigFiles } from '../config/config-files.js'
import { indexTokenFiles, useOfTokenFile } from './config-index.js'
import { envOf, homeOf, nowOf } from './context.js'
import type { SessionContext, SessionInfo } from './types.js'

/** Every token in `~/.aws/sso/cache`, tied to its sso-session or start URL and the profiles using it. */
export async function listSessions(ctx: SessionContext = {}): Promise<SessionInfo[]> {
  const files = await loadConfigFiles({ env: envOf(ctx), homedir: ctx.homedir })
  const index = indexTokenFiles(files)
  const now = nowOf(ctx)
  const entries = await listTokens(homeOf(ctx))
  const failed = await Promise.all(entries.map((e) => refreshFailedBefore(e.path, e.token?.refreshToken)))
  return entries
    .map((entry, i): SessionInfo => {
      const use = useOfTokenFile(index, entry.path)
      const token = entry.token
      const startUrl = token?.startUrl ?? use?.startUrl
      const refreshFailed = failed[i] === true
      return {
        file: entry.path,
        key: use?.key,
        kind: use?.kind,
        startUrl,
        region: token?.region ?? use?.region,
        expiresAt: token?.expiresAt,
        expired: token ? token.expiresAt.getTime() <= now.getTime() : true,
        refreshable:
          token !== undefined && use?.kind !== 'legacy' && canRefresh(token, now) && !refreshFailed,
        ...(refreshFailed ? { refreshFailed } : {}),
        profiles: use?.profiles ?? [],
        problem: token ? undefined : 'the file has an accessToken but is not a valid token',
      }
    })
    .sort((a, b) => (a.key ?? a.startUrl ?? a.file).localeCompare(b.key ?? b.startUrl ?? b.file))
}

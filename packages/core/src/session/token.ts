import { clearRefreshFailure, markRefreshFailed } from '../cache/refresh-failure.js'
import { refreshOnce } from '../cache/refresh-once.js'
import {
  type CachedSsoToken,
  canRefresh,
  isUsable,
  needsRefresh,
  readToken,
  type SsoToken,
  tokenFilePath,
  writeToken,
} from '../cache/token-cache.js'
import type { ResolvedTarget } from '../config/types.js'
import { IdcError } from '../errors.js'
import { refreshAccessToken } from '../oidc/refresh.js'
import { grantExpiresAt } from '../oidc/token-grant.js'
import { createOidcClient } from '../sdk/clients.js'
import { describeTarget, homeOf, loginCommandFor, nowOf, tokenKeyOf } from './context.js'
import type { SessionContext, TokenResult } from './types.js'

export function tokenFileFor(target: ResolvedTarget, ctx: SessionContext): string {
  return tokenFilePath(homeOf(ctx), tokenKeyOf(target))
}

/** Reads the cached token for a target; a missing or damaged file is an IdcError telling how to sign in. */
export async function loadTargetToken(target: ResolvedTarget, ctx: SessionContext): Promise<CachedSsoToken> {
  const file = tokenFileFor(target, ctx)
  const read = await readToken(file)
  if (read.status === 'ok') return read.token
  const login = loginCommandFor(target, ctx)
  if (read.status === 'missing') {
    throw new IdcError('token-missing', `Not signed in to ${describeTarget(target)} (no token in ${file}).`, {
      hint: `Run \`${login}\` to sign in.`,
      details: { file },
    })
  }
  throw new IdcError(read.error.code, read.error.message, {
    hint: `Run \`${login}\` to sign in again; the damaged file will be replaced.`,
    cause: read.error,
    details: { file },
  })
}

/**
 * A valid access token for the target: the cached one while more than 15 minutes remain, else a
 * refresh (one per machine: single-flight in the process, a file lock across processes), falling
 * back to the cached token while it is still valid when the refresh fails (as botocore does).
 */
export async function getToken(target: ResolvedTarget, ctx: SessionContext = {}): Promise<TokenResult> {
  const file = tokenFileFor(target, ctx)
  const login = loginCommandFor(target, ctx)
  const token = await loadTargetToken(target, ctx)
  const now = nowOf(ctx)
  const refreshable = target.kind === 'session' && canRefresh(token, now)
  const result = (t: CachedSsoToken, refreshed: boolean): TokenResult => ({
    file,
    accessToken: t.accessToken,
    expiresAt: t.expiresAt,
    refreshed,
    refreshable,
  })
  if (!needsRefresh(token, now)) return result(token, false)
  if (!refreshable) {
    if (isUsable(token, now)) return result(token, false)
    throw expired(target, file, login, token, undefined)
  }

  let fallback: CachedSsoToken | undefined
  const { value, refreshed } = await refreshOnce<CachedSsoToken>({
    file,
    read: async () => {
      const r = await readToken(file)
      return r.status === 'ok' ? r.token : undefined
    },
    isFresh: (t) => !needsRefresh(t, nowOf(ctx)),
    refresh: async (stale) => {
      const current = stale ?? token
      if (!canRefresh(current, nowOf(ctx))) {
        if (!isUsable(current, nowOf(ctx))) throw expired(target, file, login, current, undefined)
        fallback = current
        return current
      }
      try {
        const client = await createOidcClient({
          region: target.ssoRegion,
          endpoint: target.endpoints.ssoOidc,
          clientConfig: ctx.clientConfig,
        })
        const grant = await refreshAccessToken({
          client,
          registration: { clientId: current.clientId ?? '', clientSecret: current.clientSecret ?? '' },
          refreshToken: current.refreshToken ?? '',
          region: target.ssoRegion,
          signal: ctx.signal,
          loginCommand: login,
        })
        const next: SsoToken = {
          // As botocore: start URL and region come from the configuration, not the old file.
          startUrl: target.startUrl,
          region: target.ssoRegion,
          accessToken: grant.accessToken,
          expiresAt: grantExpiresAt(grant),
          clientId: current.clientId,
          clientSecret: current.clientSecret,
          registrationExpiresAt: current.registrationExpiresAt,
          // A rotated refresh token must be written back; a response without one keeps the old one
          // (botocore drops it, which makes the next refresh impossible for no gain).
          refreshToken: grant.refreshToken ?? current.refreshToken,
        }
        await writeToken(file, next)
        await clearRefreshFailure(file)
        ctx.debug?.(`refreshed the SSO token in ${file}`)
        return next
      } catch (error) {
        if (IdcError.is(error) && error.code === 'aborted') throw error
        // Refused for good (not a network or throttling fault): `sessions` and `doctor` say so.
        if (IdcError.is(error) && (error.code === 'refresh-failed' || error.code === 'unauthorized')) {
          await markRefreshFailed(file, current.refreshToken ?? '', error.code)
        }
        if (isUsable(current, nowOf(ctx))) {
          ctx.debug?.(
            `token refresh failed (${IdcError.is(error) ? error.code : 'error'}); using the cached token`,
          )
          fallback = current
          return current
        }
        throw expired(target, file, login, current, error)
      }
    },
  })
  return result(value, refreshed && value !== fallback)
}

function expired(
  target: ResolvedTarget,
  file: string,
  login: string,
  token: CachedSsoToken,
  cause: unknown,
): IdcError {
  const why = cause
    ? 'and refreshing it failed'
    : target.kind === 'legacy'
      ? '(a profile without sso_session cannot refresh)'
      : 'and it cannot be refreshed'
  return new IdcError(
    'token-expired',
    `The SSO session for ${describeTarget(target)} expired at ${token.expiresAt.toISOString()} ${why}.`,
    { hint: `Run \`${login}\` to sign in again.`, cause, details: { file } },
  )
}

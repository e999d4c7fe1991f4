import { overwriteInPlace } from '../cache/atomic-write.js'
import { errorCode } from '../cache/json-file.js'
import { clearRefreshFailure, markRefreshFailed } from '../cache/refresh-failure.js'
import { refreshOnce } from '../cache/refresh-once.js'
import {
  type CachedSsoToken,
  canRefresh,
  isUsable,
  needsRefresh,
  readToken,
  type SsoToken,
  tokenFileContents,
  tokenFilePath,
  writeToken,
} from '../cache/token-cache.js'
import type { ResolvedTarget } from '../config/types.js'
import { IdcError } from '../errors.js'
import { refreshAccessToken } from '../oidc/refresh.js'
import { grantExpiresAt } from '../oidc/token-grant.js'
import { createOidcClient } from '../sdk/clients.js'
import { describeTarget, homeOf, loginCommandFor, nowOf, serviceTargetFor, tokenKeyOf } from './context.js'
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
      const pending = pendingWrites.get(file)
      if (pending && pending.expiresAt > current.expiresAt) {
        // A rotated token this process received but could not save: save it now, before anything.
        await saveRefreshed(file, pending, ctx)
        return pending
      }
      let next: SsoToken
      try {
        const client = await createOidcClient(serviceTargetFor(target, 'ssoOidc', ctx))
        const grantFor = (from: CachedSsoToken) =>
          refreshAccessToken({
            client,
            registration: { clientId: from.clientId ?? '', clientSecret: from.clientSecret ?? '' },
            refreshToken: from.refreshToken ?? '',
            region: target.ssoRegion,
            signal: ctx.signal,
            loginCommand: login,
          })
        let from = current
        let grant: Awaited<ReturnType<typeof refreshAccessToken>>
        try {
          grant = await grantFor(from)
        } catch (error) {
          // Another tool that takes no lock (the AWS CLI's botocore) may have refreshed meanwhile
          // and rotated the refresh token we sent: retry once with what the file holds now.
          const reread =
            IdcError.is(error) && error.code === 'refresh-failed' ? await readToken(file) : undefined
          if (reread?.status !== 'ok' || reread.token.refreshToken === from.refreshToken) throw error
          ctx.debug?.(
            'the refresh token was rejected; another tool rotated it, retrying with the one in the cache',
          )
          if (!needsRefresh(reread.token, nowOf(ctx))) return reread.token
          if (!canRefresh(reread.token, nowOf(ctx))) throw error
          from = reread.token
          grant = await grantFor(from)
        }
        next = {
          // As botocore: start URL and region come from the configuration, not the old file.
          startUrl: target.startUrl,
          region: target.ssoRegion,
          accessToken: grant.accessToken,
          expiresAt: grantExpiresAt(grant),
          clientId: from.clientId,
          clientSecret: from.clientSecret,
          registrationExpiresAt: from.registrationExpiresAt,
          // A rotated refresh token must be written back; a response without one keeps the old one
          // (botocore drops it, which makes the next refresh impossible for no gain).
          refreshToken: grant.refreshToken ?? from.refreshToken,
        }
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
        // A passing fault (network, throttling, a server error) says nothing about the session:
        // report it as what it is, never as "sign in again".
        if (IdcError.is(error) && TRANSIENT.has(error.code)) throw error
        throw expired(target, file, login, current, error)
      }
      // Written first, before anything else can fail: a rotated refresh token exists nowhere else.
      await saveRefreshed(file, next, ctx)
      await clearRefreshFailure(file)
      ctx.debug?.(`refreshed the SSO token in ${file}`)
      return next
    },
  })
  return result(value, refreshed && value !== fallback)
}

const TRANSIENT = new Set(['network-error', 'throttled', 'service-error', 'write-failed', 'lock-failed'])

/** Refreshed tokens this process could not save yet, by cache file (a long-lived process retries). */
const pendingWrites = new Map<string, SsoToken>()

/**
 * Saves a refreshed token, retrying briefly (a full disk may free up); on failure the token is kept
 * in memory, so the next refresh in this process saves it instead of spending the refresh token
 * again, and the error says what is wrong with the disk.
 */
async function saveRefreshed(file: string, token: SsoToken, ctx: SessionContext): Promise<void> {
  let last: unknown
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeToken(file, token)
      pendingWrites.delete(file)
      return
    } catch (error) {
      last = error
      ctx.debug?.(`saving the refreshed token failed (attempt ${attempt + 1}/3)`)
      if (attempt < 2) await new Promise((r) => setTimeout(r, 100 * 3 ** attempt))
    }
  }
  const reason = IdcError.is(last) && last.cause ? errorCode(last.cause) : undefined
  // A full disk has no room for a temp file, but the old token file's own blocks can hold the new
  // token: a process that ends now (the CLI) would otherwise take the rotated token with it.
  if (reason === 'ENOSPC' && (await overwriteInPlace(file, tokenFileContents(token)))) {
    pendingWrites.delete(file)
    ctx.debug?.(`the disk is full: saved the refreshed token over the old one in ${file}`)
    return
  }
  pendingWrites.set(file, token)
  throw new IdcError(
    'write-failed',
    `Cannot save the refreshed SSO token to ${file}${reason === 'ENOSPC' ? ': the disk is full' : reason ? ` (${reason})` : ''}.`,
    {
      hint:
        reason === 'ENOSPC'
          ? `Free some space on the disk holding ${file}, then run the command again.`
          : `Check that ${file} and its directory belong to you and are writable, then run the command again.`,
      cause: last,
      details: { file },
    },
  )
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

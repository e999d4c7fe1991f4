import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Clock } from '../clock.js'
import type { AppEnv } from '../context.js'

/**
 * A browser sign-in on the emulator's pages (not to be confused with an OIDC `Session`, which a
 * CreateToken grant starts). It lives only in memory, is bound to one fixture user and expires with
 * the emulator clock after the fixture's `sessionSeconds`.
 */
export interface BrowserSession {
  id: string
  userName: string
  /** Synchronizer token every state-changing form of this session must echo back. */
  csrfToken: string
  createdAt: number
  expiresAt: number
}

export class BrowserSessions {
  readonly #byId = new Map<string, BrowserSession>()

  constructor(
    private readonly clock: Clock,
    private readonly lifetimeMs: number,
  ) {}

  create(userName: string): BrowserSession {
    this.#prune()
    const now = this.clock.now()
    const session: BrowserSession = {
      id: randomBytes(32).toString('base64url'),
      userName,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: now,
      expiresAt: now + this.lifetimeMs,
    }
    this.#byId.set(session.id, session)
    return session
  }

  /** The live session with this id; an expired one is forgotten and reads as signed out. */
  get(id: string | undefined): BrowserSession | undefined {
    if (!id) return undefined
    const session = this.#byId.get(id)
    if (!session) return undefined
    if (this.clock.now() >= session.expiresAt) {
      this.#byId.delete(id)
      return undefined
    }
    return session
  }

  end(id: string): void {
    this.#byId.delete(id)
  }

  #prune(): void {
    const now = this.clock.now()
    for (const [id, s] of this.#byId) if (now >= s.expiresAt) this.#byId.delete(id)
  }
}

/**
 * Cookies are not isolated by port, so two emulators on 127.0.0.1 would overwrite each other's
 * sign-in; the port in the name keeps them apart.
 */
export function sessionCookieName(c: Context<AppEnv>): string {
  const port = new URL(c.req.url).port
  return port ? `idc_emulator_session_${port}` : 'idc_emulator_session'
}

export function readSession(c: Context<AppEnv>, sessions: BrowserSessions): BrowserSession | undefined {
  return sessions.get(getCookie(c, sessionCookieName(c)))
}

export function writeSessionCookie(c: Context<AppEnv>, session: BrowserSession, now: number): void {
  setCookie(c, sessionCookieName(c), session.id, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    // The server enforces expiry on the emulator clock; Max-Age only lets the browser forget it too.
    maxAge: Math.max(1, Math.ceil((session.expiresAt - now) / 1000)),
  })
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, sessionCookieName(c), { path: '/', httpOnly: true, sameSite: 'Lax' })
}

export function csrfMatches(session: BrowserSession, token: unknown): boolean {
  if (typeof token !== 'string') return false
  const a = Buffer.from(session.csrfToken)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

const DEFAULT_NEXT = '/start'

/**
 * Where to send the browser after sign-in: only a path on this origin. Anything else (absolute or
 * protocol-relative URLs, backslash tricks, control characters, paths that normalise to `//host`)
 * falls back to the portal home, so `next` can never be an open redirect.
 */
export function safeNext(next: string | undefined | null, origin: string): string {
  if (!next?.startsWith('/') || next.startsWith('//')) return DEFAULT_NEXT
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return DEFAULT_NEXT
  let url: URL
  try {
    url = new URL(next, origin)
  } catch {
    return DEFAULT_NEXT
  }
  if (url.origin !== origin) return DEFAULT_NEXT
  const path = url.pathname + url.search + url.hash
  return path.startsWith('//') ? DEFAULT_NEXT : path
}

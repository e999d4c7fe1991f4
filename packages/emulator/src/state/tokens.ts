import * as ids from '../ids.js'
import { OidcError } from '../wire/oidc-errors.js'
import { PortalError, UNAUTHORIZED_MESSAGE } from '../wire/portal-errors.js'
import type { RegisteredClient } from './clients.js'
import type { Grant, StateEnv } from './shared.js'

/** Scope that makes the service hand out refresh tokens (registered with sso:account:access). */
const REFRESH_SCOPE = 'sso:account:access'

/** A sign-in session: what a CreateToken grant starts and a refresh token extends. */
export interface Session {
  id: string
  userName: string
  clientId: string
  scopes: string[]
  expiresAt: number
  ended: boolean
}

interface AccessToken {
  token: string
  sessionId: string
  expiresAt: number
}

interface RefreshToken {
  token: string
  sessionId: string
  clientId: string
  valid: boolean
}

export interface TokenResult {
  accessToken: string
  tokenType: 'Bearer'
  expiresIn: number
  refreshToken?: string
}

export interface CreateTokenInput {
  clientId: string
  clientSecret: string
  grantType: string
  deviceCode?: string
  code?: string
  refreshToken?: string
  redirectUri?: string
  codeVerifier?: string
}

/** Sign-in sessions and the access and refresh tokens issued for them. */
export class Tokens {
  readonly #sessions = new Map<string, Session>()
  readonly #accessTokens = new Map<string, AccessToken>()
  readonly #refreshTokens = new Map<string, RefreshToken>()
  rotateRefreshTokens: boolean

  constructor(readonly env: StateEnv) {
    this.rotateRefreshTokens = env.fixture.rotateRefreshTokens
  }

  /** A redeemed grant starts a session; returns its first access (and maybe refresh) token. */
  startSession(client: RegisteredClient, grant: Grant): TokenResult {
    const session: Session = {
      id: ids.opaque('ss-', 12),
      userName: grant.userName,
      clientId: client.clientId,
      scopes: grant.scopes,
      expiresAt: this.env.clock.now() + this.env.fixture.lifetimes.sessionSeconds * 1000,
      ended: false,
    }
    this.#sessions.set(session.id, session)
    const result: TokenResult = this.#issueAccessToken(session)
    // Like the real service, only sessions with the portal-access scope (or a client registered
    // for the refresh grant) get a refresh token; legacy device logins do not.
    if (grant.scopes.includes(REFRESH_SCOPE) || client.grantTypes?.includes('refresh_token')) {
      result.refreshToken = this.#issueRefreshToken(session).token
    }
    return result
  }

  /** CreateToken with the refresh_token grant, rotating the refresh token when the fixture says so. */
  refresh(client: RegisteredClient, token: string | undefined): TokenResult {
    if (!token) throw new OidcError('InvalidRequestException', 'refreshToken is required for this grant type')
    const refresh = this.#refreshTokens.get(token)
    const session = refresh && this.#sessions.get(refresh.sessionId)
    if (!refresh?.valid || refresh.clientId !== client.clientId || !session || !this.#live(session)) {
      throw new OidcError('InvalidGrantException', 'Invalid refresh token provided')
    }
    let refreshToken = refresh.token
    if (this.rotateRefreshTokens) {
      refresh.valid = false
      refreshToken = this.#issueRefreshToken(session).token
    }
    return { ...this.#issueAccessToken(session), refreshToken }
  }

  /** Resolve a bearer token to its session, or throw the portal's 401. */
  sessionForAccessToken(token: string | undefined): Session {
    const access = token ? this.#accessTokens.get(token) : undefined
    const session = access && this.#sessions.get(access.sessionId)
    if (!access || !session || !this.#live(session) || this.env.clock.now() >= access.expiresAt) {
      throw new PortalError('UnauthorizedException', UNAUTHORIZED_MESSAGE)
    }
    return session
  }

  /** The session an access token belongs to. */
  sessionIdOf(accessToken: string): string | undefined {
    return this.#accessTokens.get(accessToken)?.sessionId
  }

  /** Ends a session by id (a replayed authorization code revokes what it issued). */
  endById(sessionId: string): void {
    const session = this.#sessions.get(sessionId)
    if (session) session.ended = true
  }

  /** Portal Logout: ends the whole sign-in session, so its access and refresh tokens stop working. */
  end(session: Session): void {
    session.ended = true
  }

  #issueAccessToken(session: Session): TokenResult {
    const now = this.env.clock.now()
    const lifetimeMs = Math.min(this.env.fixture.lifetimes.accessTokenSeconds * 1000, session.expiresAt - now)
    const expiresIn = Math.max(1, Math.floor(lifetimeMs / 1000))
    const token: AccessToken = {
      token: ids.opaque('at-', 64),
      sessionId: session.id,
      expiresAt: now + expiresIn * 1000,
    }
    this.#accessTokens.set(token.token, token)
    return { accessToken: token.token, tokenType: 'Bearer', expiresIn }
  }

  #issueRefreshToken(session: Session): RefreshToken {
    const token: RefreshToken = {
      token: ids.opaque('rt-', 64),
      sessionId: session.id,
      clientId: session.clientId,
      valid: true,
    }
    this.#refreshTokens.set(token.token, token)
    return token
  }

  #live(session: Session): boolean {
    return !session.ended && this.env.clock.now() < session.expiresAt
  }
}

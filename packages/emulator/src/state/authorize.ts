import { createHash } from 'node:crypto'
import * as ids from '../ids.js'
import { OidcError } from '../wire/oidc-errors.js'
import type { RegisteredClient } from './clients.js'
import { ApprovalArea, decidable, type Grant, safeEqual } from './shared.js'

/** An /authorize request waiting for the user to sign in and consent. */
export interface PendingAuthorization {
  id: string
  clientId: string
  redirectUri: string
  state: string
  codeChallenge: string
  scopes: string[]
  createdAt: number
  expiresAt: number
  status: 'pending' | 'approved' | 'denied'
}

export interface AuthorizeInput {
  clientId: string
  redirectUri: string
  state: string
  codeChallenge: string
  scopes: string[]
}

export type AuthorizeOutcome = { kind: 'redirect'; location: string } | { kind: 'pending'; id: string }

interface AuthCode {
  code: string
  clientId: string
  redirectUri: string
  codeChallenge: string
  scopes: string[]
  userName: string
  expiresAt: number
  used: boolean
  /** The session its redemption started: ended if the code is ever presented again (RFC 6749 §4.1.2). */
  sessionId?: string
}

/** The authorization-code flow with PKCE: /authorize, the consent page's decisions, the code exchange. */
export class AuthorizeFlow extends ApprovalArea {
  readonly byId = new Map<string, PendingAuthorization>()
  readonly #codes = new Map<string, AuthCode>()

  /** Record an authorization request; auto-approve/deny answers at once, otherwise it waits for a decision. */
  start(input: AuthorizeInput): AuthorizeOutcome {
    const now = this.env.clock.now()
    const pending: PendingAuthorization = {
      id: ids.opaque('az-', 18),
      ...input,
      createdAt: now,
      expiresAt: now + this.env.fixture.lifetimes.authCodeSeconds * 1000,
      status: 'pending',
    }
    this.byId.set(pending.id, pending)
    const { autoApprove, autoApproveUser } = this.approval
    if (autoApprove === true) {
      return { kind: 'redirect', location: this.approve(pending.id, autoApproveUser) }
    }
    if (autoApprove === 'deny') return { kind: 'redirect', location: this.deny(pending.id) }
    return { kind: 'pending', id: pending.id }
  }

  pending(): PendingAuthorization[] {
    const now = this.env.clock.now()
    return [...this.byId.values()].filter((a) => a.status === 'pending' && now < a.expiresAt)
  }

  #decidable(id: string): PendingAuthorization {
    return decidable(
      this.env.clock,
      this.byId.get(id),
      `authorization ${id}`,
      `no pending authorization ${id}`,
    )
  }

  /**
   * The user signed in and consented (the user is checked by the caller): returns the
   * `redirect_uri?code=…&state=…` to send the browser to.
   */
  approve(id: string, userName: string): string {
    const pending = this.#decidable(id)
    pending.status = 'approved'
    const code: AuthCode = {
      code: ids.opaque('ac-', 32),
      clientId: pending.clientId,
      redirectUri: pending.redirectUri,
      codeChallenge: pending.codeChallenge,
      scopes: pending.scopes,
      userName,
      expiresAt: this.env.clock.now() + this.env.fixture.lifetimes.authCodeSeconds * 1000,
      used: false,
    }
    this.#codes.set(code.code, code)
    return withQuery(pending.redirectUri, { code: code.code, state: pending.state })
  }

  /** The user refused: returns the `redirect_uri?error=access_denied&…&state=…` to send the browser to. */
  deny(id: string): string {
    const pending = this.#decidable(id)
    pending.status = 'denied'
    return withQuery(pending.redirectUri, {
      error: 'access_denied',
      error_description: 'The user denied the authorization request',
      state: pending.state,
    })
  }

  /** CreateToken with the authorization_code grant: checks the code, redirect URI and PKCE verifier. */
  redeem(
    client: RegisteredClient,
    input: { code?: string; redirectUri?: string; codeVerifier?: string },
  ): Grant {
    if (!input.code) throw new OidcError('InvalidRequestException', 'code is required for this grant type')
    const code = this.#codes.get(input.code)
    if (!code || code.clientId !== client.clientId || code.used) {
      throw new OidcError('InvalidGrantException', 'Invalid authorization code provided')
    }
    if (this.env.clock.now() >= code.expiresAt) {
      throw new OidcError('ExpiredTokenException', 'Authorization code has expired')
    }
    if (input.redirectUri !== code.redirectUri) {
      throw new OidcError('InvalidGrantException', 'redirectUri does not match the authorization request')
    }
    if (!input.codeVerifier || !/^[A-Za-z0-9\-._~]{43,128}$/.test(input.codeVerifier)) {
      throw new OidcError('InvalidGrantException', 'Invalid code verifier')
    }
    const challenge = createHash('sha256').update(input.codeVerifier, 'ascii').digest('base64url')
    if (!safeEqual(challenge, code.codeChallenge)) {
      throw new OidcError('InvalidGrantException', 'Code verifier does not match the code challenge')
    }
    code.used = true
    return { userName: code.userName, scopes: code.scopes.length ? code.scopes : client.scopes }
  }

  /** The session a code already redeemed started: a code presented twice has leaked. */
  sessionOfReplayedCode(code: string | undefined): string | undefined {
    const entry = code === undefined ? undefined : this.#codes.get(code)
    return entry?.used ? entry.sessionId : undefined
  }

  /** Records which session a redeemed code started, so a replay can end it. */
  bindSession(code: string, sessionId: string | undefined): void {
    const entry = this.#codes.get(code)
    if (entry && sessionId) entry.sessionId = sessionId
  }
}

function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base)
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
  return url.toString()
}

import { createHash, timingSafeEqual } from 'node:crypto'
import type { Clock } from './clock.js'
import type { Fixture, FixtureAccount, FixtureUser } from './fixture.js'
import * as ids from './ids.js'
import { OidcError } from './wire/oidc-errors.js'
import { FORBIDDEN_MESSAGE, PortalError, UNAUTHORIZED_MESSAGE } from './wire/portal-errors.js'

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'
const KNOWN_GRANTS = new Set(['authorization_code', 'refresh_token', DEVICE_CODE_GRANT])
/** Scope that makes the service hand out refresh tokens (DESIGN.md: "registered with sso:account:access"). */
const REFRESH_SCOPE = 'sso:account:access'

/**
 * `true`: approve device codes and /authorize requests as `autoApproveUser`;
 * `'deny'`: deny them; `false`: leave them pending until someone decides (pages or controls).
 */
export type AutoApprove = boolean | 'deny'

export interface RegisteredClient {
  clientId: string
  clientSecret: string
  clientName: string
  scopes: string[]
  grantTypes?: string[]
  redirectUris?: string[]
  issuerUrl?: string
  /** Epoch ms. */
  issuedAt: number
  /** Epoch ms. */
  expiresAt: number
}

export interface DeviceAuthorization {
  deviceCode: string
  userCode: string
  clientId: string
  scopes: string[]
  createdAt: number
  expiresAt: number
  intervalSeconds: number
  /** Emulator-clock time of the last CreateToken poll, for slow_down. */
  lastPollAt?: number
  /** Polls answered with authorization_pending so far. */
  pendingPolls: number
  status: 'pending' | 'approved' | 'denied' | 'redeemed'
  userName?: string
}

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

export interface IssuedRoleCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  /** Epoch ms, whole seconds. */
  expiration: number
  accountId: string
  roleName: string
  userName: string
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

/** Thrown by the decision methods the pages call (unknown code, expired, already decided). */
export class DecisionError extends Error {
  override name = 'DecisionError'
  constructor(
    readonly code: 'not_found' | 'expired' | 'already_decided' | 'unknown_user',
    message: string,
  ) {
    super(message)
  }
}

export interface StateOptions {
  autoApprove?: AutoApprove
  /** Who auto-approval signs in as; default: the fixture's first user. */
  autoApproveUser?: string
  /** With auto-approve, how many device-code polls get authorization_pending first (default 1). */
  autoApproveAfterPolls?: number
}

export type AuthorizeOutcome = { kind: 'redirect'; location: string } | { kind: 'pending'; id: string }

/**
 * The whole in-memory world of the emulator: registrations, pending sign-ins, tokens and issued
 * role credentials. Every time comparison uses the injected clock.
 */
export class EmulatorState {
  readonly clients = new Map<string, RegisteredClient>()
  readonly devices = new Map<string, DeviceAuthorization>()
  readonly authorizations = new Map<string, PendingAuthorization>()
  readonly roleCredentials = new Map<string, IssuedRoleCredentials>()
  readonly #devicesByUserCode = new Map<string, DeviceAuthorization>()
  readonly #codes = new Map<string, AuthCode>()
  readonly #sessions = new Map<string, Session>()
  readonly #accessTokens = new Map<string, AccessToken>()
  readonly #refreshTokens = new Map<string, RefreshToken>()
  readonly #users: Map<string, FixtureUser>
  readonly #accounts: Map<string, FixtureAccount>

  autoApprove: AutoApprove
  autoApproveUser: string
  autoApproveAfterPolls: number
  rotateRefreshTokens: boolean

  constructor(
    readonly fixture: Fixture,
    readonly clock: Clock,
    options: StateOptions = {},
  ) {
    this.#users = new Map(fixture.users.map((u) => [u.name, u]))
    this.#accounts = new Map(fixture.accounts.map((a) => [a.id, a]))
    this.autoApprove = options.autoApprove ?? false
    this.autoApproveUser = options.autoApproveUser ?? fixture.users[0]!.name
    if (!this.#users.has(this.autoApproveUser)) {
      throw new DecisionError('unknown_user', `autoApproveUser ${this.autoApproveUser} is not in the fixture`)
    }
    this.autoApproveAfterPolls = options.autoApproveAfterPolls ?? 1
    this.rotateRefreshTokens = fixture.rotateRefreshTokens
  }

  // ---------------------------------------------------------------- users (for the sign-in page)

  user(name: string): FixtureUser | undefined {
    return this.#users.get(name)
  }

  /** Constant-time password check for the sign-in page. */
  checkPassword(userName: string, password: string): boolean {
    const user = this.#users.get(userName)
    const a = createHash('sha256')
      .update(user?.password ?? '\0no-user')
      .digest()
    const b = createHash('sha256').update(password).digest()
    return user !== undefined && timingSafeEqual(a, b)
  }

  #requireUser(userName: string): FixtureUser {
    const user = this.#users.get(userName)
    if (!user) throw new DecisionError('unknown_user', `unknown user ${userName}`)
    return user
  }

  // ---------------------------------------------------------------- OIDC: RegisterClient

  registerClient(input: {
    clientName: string
    scopes?: string[]
    grantTypes?: string[]
    redirectUris?: string[]
    issuerUrl?: string
  }): RegisteredClient {
    for (const grant of input.grantTypes ?? []) {
      if (!KNOWN_GRANTS.has(grant)) {
        throw new OidcError('UnsupportedGrantTypeException', `Unsupported grant type: ${grant}`)
      }
    }
    if (input.grantTypes?.includes('authorization_code') && !input.redirectUris?.length) {
      throw new OidcError(
        'InvalidRequestException',
        'redirectUris is required for the authorization_code grant',
      )
    }
    for (const uri of input.redirectUris ?? []) {
      if (!isAllowedRedirectUri(uri)) {
        throw new OidcError('InvalidRedirectUriException', `Invalid redirect URI: ${uri}`)
      }
    }
    for (const scope of input.scopes ?? []) {
      if (!/^[\w:.\-/*]+$/.test(scope))
        throw new OidcError('InvalidScopeException', `Invalid scope: ${scope}`)
    }
    const now = this.clock.now()
    const issuedAt = Math.floor(now / 1000) * 1000
    const client: RegisteredClient = {
      clientId: ids.opaque('cid-', 24),
      clientSecret: ids.opaque('cs-', 96),
      clientName: input.clientName,
      scopes: input.scopes ?? [],
      issuedAt,
      expiresAt: issuedAt + this.fixture.lifetimes.registrationSeconds * 1000,
      ...(input.grantTypes ? { grantTypes: input.grantTypes } : {}),
      ...(input.redirectUris ? { redirectUris: input.redirectUris } : {}),
      ...(input.issuerUrl ? { issuerUrl: input.issuerUrl } : {}),
    }
    this.clients.set(client.clientId, client)
    return client
  }

  /** Client authentication shared by StartDeviceAuthorization and CreateToken. */
  authenticateClient(clientId: string, clientSecret: string): RegisteredClient {
    const client = this.clients.get(clientId)
    if (!client || !safeEqual(client.clientSecret, clientSecret)) {
      throw new OidcError('InvalidClientException', 'Invalid client provided')
    }
    if (this.clock.now() >= client.expiresAt) {
      throw new OidcError('InvalidClientException', 'Client secret has expired')
    }
    return client
  }

  // ---------------------------------------------------------------- OIDC: device flow

  startDeviceAuthorization(input: {
    clientId: string
    clientSecret: string
    startUrl: string
  }): DeviceAuthorization {
    const client = this.authenticateClient(input.clientId, input.clientSecret)
    if (client.grantTypes && !client.grantTypes.includes(DEVICE_CODE_GRANT)) {
      throw new OidcError('UnauthorizedClientException', 'Client is not authorized for the device code grant')
    }
    if (stripSlash(input.startUrl) !== stripSlash(this.fixture.startUrl)) {
      throw new OidcError('InvalidRequestException', `Invalid start URL: ${input.startUrl}`)
    }
    const now = this.clock.now()
    let userCode = ids.userCode()
    while (this.#devicesByUserCode.has(userCode)) userCode = ids.userCode()
    const device: DeviceAuthorization = {
      deviceCode: ids.opaque('dc-', 48),
      userCode,
      clientId: client.clientId,
      scopes: client.scopes,
      createdAt: now,
      expiresAt: now + this.fixture.lifetimes.deviceCodeSeconds * 1000,
      intervalSeconds: this.fixture.pollingIntervalSeconds,
      pendingPolls: 0,
      status: 'pending',
    }
    this.devices.set(device.deviceCode, device)
    this.#devicesByUserCode.set(userCode, device)
    return device
  }

  /** Device authorizations still waiting for a decision (for pages and controls). */
  pendingDevices(): DeviceAuthorization[] {
    const now = this.clock.now()
    return [...this.devices.values()].filter((d) => d.status === 'pending' && now < d.expiresAt)
  }

  deviceByUserCode(userCode: string): DeviceAuthorization | undefined {
    return this.#devicesByUserCode.get(normalizeUserCode(userCode))
  }

  #decidableDevice(userCode: string): DeviceAuthorization {
    const device = this.deviceByUserCode(userCode)
    if (!device) throw new DecisionError('not_found', `no device authorization with code ${userCode}`)
    if (this.clock.now() >= device.expiresAt)
      throw new DecisionError('expired', `code ${userCode} has expired`)
    if (device.status !== 'pending') {
      throw new DecisionError('already_decided', `code ${userCode} is already ${device.status}`)
    }
    return device
  }

  /** The user approved the device code on the verification page. */
  approveDevice(userCode: string, userName: string = this.autoApproveUser): DeviceAuthorization {
    this.#requireUser(userName)
    const device = this.#decidableDevice(userCode)
    device.status = 'approved'
    device.userName = userName
    return device
  }

  denyDevice(userCode: string): DeviceAuthorization {
    const device = this.#decidableDevice(userCode)
    device.status = 'denied'
    return device
  }

  // ---------------------------------------------------------------- OIDC: /authorize (PKCE)

  /**
   * Validate an /authorize request against the client's registration. Errors that must not be
   * redirected (unknown client, unregistered redirect URI) throw OidcError; the route renders them.
   */
  clientForAuthorize(clientId: string, redirectUri: string): RegisteredClient {
    const client = this.clients.get(clientId)
    if (!client || this.clock.now() >= client.expiresAt) {
      throw new OidcError('InvalidClientException', 'Invalid client provided')
    }
    if (!client.grantTypes?.includes('authorization_code')) {
      throw new OidcError(
        'UnauthorizedClientException',
        'Client is not registered for the authorization_code grant',
      )
    }
    if (!client.redirectUris?.some((registered) => redirectUriMatches(registered, redirectUri))) {
      throw new OidcError(
        'InvalidRequestException',
        `redirect_uri is not registered for this client: ${redirectUri}`,
      )
    }
    return client
  }

  /** Record an authorization request; auto-approve/deny answers at once, otherwise it waits for a decision. */
  startAuthorization(input: {
    clientId: string
    redirectUri: string
    state: string
    codeChallenge: string
    scopes: string[]
  }): AuthorizeOutcome {
    const now = this.clock.now()
    const pending: PendingAuthorization = {
      id: ids.opaque('az-', 18),
      ...input,
      createdAt: now,
      expiresAt: now + this.fixture.lifetimes.authCodeSeconds * 1000,
      status: 'pending',
    }
    this.authorizations.set(pending.id, pending)
    if (this.autoApprove === true) {
      return { kind: 'redirect', location: this.approveAuthorization(pending.id, this.autoApproveUser) }
    }
    if (this.autoApprove === 'deny') return { kind: 'redirect', location: this.denyAuthorization(pending.id) }
    return { kind: 'pending', id: pending.id }
  }

  pendingAuthorizations(): PendingAuthorization[] {
    const now = this.clock.now()
    return [...this.authorizations.values()].filter((a) => a.status === 'pending' && now < a.expiresAt)
  }

  #decidableAuthorization(id: string): PendingAuthorization {
    const pending = this.authorizations.get(id)
    if (!pending) throw new DecisionError('not_found', `no pending authorization ${id}`)
    if (this.clock.now() >= pending.expiresAt)
      throw new DecisionError('expired', `authorization ${id} has expired`)
    if (pending.status !== 'pending') {
      throw new DecisionError('already_decided', `authorization ${id} is already ${pending.status}`)
    }
    return pending
  }

  /** The user signed in and consented: returns the `redirect_uri?code=…&state=…` to send the browser to. */
  approveAuthorization(id: string, userName: string = this.autoApproveUser): string {
    this.#requireUser(userName)
    const pending = this.#decidableAuthorization(id)
    pending.status = 'approved'
    const code: AuthCode = {
      code: ids.opaque('ac-', 32),
      clientId: pending.clientId,
      redirectUri: pending.redirectUri,
      codeChallenge: pending.codeChallenge,
      scopes: pending.scopes,
      userName,
      expiresAt: this.clock.now() + this.fixture.lifetimes.authCodeSeconds * 1000,
      used: false,
    }
    this.#codes.set(code.code, code)
    return withQuery(pending.redirectUri, { code: code.code, state: pending.state })
  }

  /** The user refused: returns the `redirect_uri?error=access_denied&…&state=…` to send the browser to. */
  denyAuthorization(id: string): string {
    const pending = this.#decidableAuthorization(id)
    pending.status = 'denied'
    return withQuery(pending.redirectUri, {
      error: 'access_denied',
      error_description: 'The user denied the authorization request',
      state: pending.state,
    })
  }

  // ---------------------------------------------------------------- OIDC: CreateToken

  createToken(input: CreateTokenInput): TokenResult {
    const client = this.authenticateClient(input.clientId, input.clientSecret)
    if (!KNOWN_GRANTS.has(input.grantType)) {
      throw new OidcError('UnsupportedGrantTypeException', `Unsupported grant type: ${input.grantType}`)
    }
    if (
      input.grantType === DEVICE_CODE_GRANT &&
      client.grantTypes &&
      !client.grantTypes.includes(DEVICE_CODE_GRANT)
    ) {
      throw new OidcError('UnauthorizedClientException', 'Client is not authorized for the device code grant')
    }
    if (
      client.grantTypes &&
      input.grantType !== DEVICE_CODE_GRANT &&
      !client.grantTypes.includes(input.grantType)
    ) {
      throw new OidcError(
        'UnauthorizedClientException',
        `Client is not authorized for the ${input.grantType} grant`,
      )
    }
    switch (input.grantType) {
      case DEVICE_CODE_GRANT:
        return this.#redeemDeviceCode(client, input.deviceCode)
      case 'authorization_code':
        return this.#redeemAuthCode(client, input)
      default:
        return this.#refresh(client, input.refreshToken)
    }
  }

  #redeemDeviceCode(client: RegisteredClient, deviceCode: string | undefined): TokenResult {
    if (!deviceCode)
      throw new OidcError('InvalidRequestException', 'deviceCode is required for this grant type')
    const device = this.devices.get(deviceCode)
    if (!device || device.clientId !== client.clientId || device.status === 'redeemed') {
      throw new OidcError('InvalidGrantException', 'Invalid device code provided')
    }
    const now = this.clock.now()
    if (now >= device.expiresAt) throw new OidcError('ExpiredTokenException', 'Device code has expired')
    const last = device.lastPollAt
    device.lastPollAt = now
    if (last !== undefined && now - last < device.intervalSeconds * 1000) {
      throw new OidcError('SlowDownException', 'Client is polling too quickly')
    }
    if (device.status === 'pending' && this.autoApprove !== false) {
      if (device.pendingPolls >= this.autoApproveAfterPolls) {
        if (this.autoApprove === 'deny') device.status = 'denied'
        else {
          device.status = 'approved'
          device.userName = this.autoApproveUser
        }
      }
    }
    if (device.status === 'denied')
      throw new OidcError('AccessDeniedException', 'The user denied the authorization')
    if (device.status === 'pending') {
      device.pendingPolls++
      throw new OidcError('AuthorizationPendingException', 'Authorization is still pending')
    }
    device.status = 'redeemed'
    return this.#startSession(client, device.userName!, device.scopes)
  }

  #redeemAuthCode(client: RegisteredClient, input: CreateTokenInput): TokenResult {
    if (!input.code) throw new OidcError('InvalidRequestException', 'code is required for this grant type')
    const code = this.#codes.get(input.code)
    if (code?.used && code.sessionId) {
      // A replayed code means it leaked: revoke every token issued from it.
      const session = this.#sessions.get(code.sessionId)
      if (session) session.ended = true
    }
    if (!code || code.clientId !== client.clientId || code.used) {
      throw new OidcError('InvalidGrantException', 'Invalid authorization code provided')
    }
    if (this.clock.now() >= code.expiresAt) {
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
    const result = this.#startSession(client, code.userName, code.scopes.length ? code.scopes : client.scopes)
    code.sessionId = this.#accessTokens.get(result.accessToken)?.sessionId
    return result
  }

  #refresh(client: RegisteredClient, token: string | undefined): TokenResult {
    if (!token) throw new OidcError('InvalidRequestException', 'refreshToken is required for this grant type')
    const refresh = this.#refreshTokens.get(token)
    const session = refresh && this.#sessions.get(refresh.sessionId)
    if (!refresh?.valid || refresh.clientId !== client.clientId || !session || !this.#sessionLive(session)) {
      throw new OidcError('InvalidGrantException', 'Invalid refresh token provided')
    }
    let refreshToken = refresh.token
    if (this.rotateRefreshTokens) {
      refresh.valid = false
      refreshToken = this.#issueRefreshToken(session).token
    }
    return { ...this.#issueAccessToken(session), refreshToken }
  }

  #startSession(client: RegisteredClient, userName: string, scopes: string[]): TokenResult {
    const session: Session = {
      id: ids.opaque('ss-', 12),
      userName,
      clientId: client.clientId,
      scopes,
      expiresAt: this.clock.now() + this.fixture.lifetimes.sessionSeconds * 1000,
      ended: false,
    }
    this.#sessions.set(session.id, session)
    const result: TokenResult = this.#issueAccessToken(session)
    // Like the real service, only sessions with the portal-access scope (or a client registered
    // for the refresh grant) get a refresh token; legacy device logins do not.
    if (scopes.includes(REFRESH_SCOPE) || client.grantTypes?.includes('refresh_token')) {
      result.refreshToken = this.#issueRefreshToken(session).token
    }
    return result
  }

  #issueAccessToken(session: Session): TokenResult {
    const now = this.clock.now()
    const lifetimeMs = Math.min(this.fixture.lifetimes.accessTokenSeconds * 1000, session.expiresAt - now)
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

  #sessionLive(session: Session): boolean {
    return !session.ended && this.clock.now() < session.expiresAt
  }

  // ---------------------------------------------------------------- portal

  /** Resolve a bearer token to its session, or throw the portal's 401. */
  sessionForAccessToken(token: string | undefined): Session {
    const access = token ? this.#accessTokens.get(token) : undefined
    const session = access && this.#sessions.get(access.sessionId)
    if (!access || !session || !this.#sessionLive(session) || this.clock.now() >= access.expiresAt) {
      throw new PortalError('UnauthorizedException', UNAUTHORIZED_MESSAGE)
    }
    return session
  }

  /** Accounts where the user holds at least one role, in fixture order. */
  accountsFor(userName: string): FixtureAccount[] {
    const roles = this.#requireUser(userName).roles
    return this.fixture.accounts.filter((a) => (roles[a.id]?.length ?? 0) > 0)
  }

  rolesFor(userName: string, accountId: string): string[] {
    return this.#requireUser(userName).roles[accountId] ?? []
  }

  account(accountId: string): FixtureAccount | undefined {
    return this.#accounts.get(accountId)
  }

  /** Issue role credentials for a user (portal API, and the portal page's "Get credentials" dialog). */
  getRoleCredentials(userName: string, accountId: string, roleName: string): IssuedRoleCredentials {
    if (!this.rolesFor(userName, accountId).includes(roleName)) {
      throw new PortalError('ForbiddenException', FORBIDDEN_MESSAGE)
    }
    const expiration =
      Math.floor((this.clock.now() + this.fixture.lifetimes.roleCredentialsSeconds * 1000) / 1000) * 1000
    const creds: IssuedRoleCredentials = {
      accessKeyId: ids.accessKeyId(),
      secretAccessKey: ids.secretAccessKey(),
      sessionToken: ids.sessionToken(),
      expiration,
      accountId,
      roleName,
      userName,
    }
    this.roleCredentials.set(creds.accessKeyId, creds)
    return creds
  }

  /** Portal Logout: ends the whole sign-in session, so its access and refresh tokens stop working. */
  logout(session: Session): void {
    session.ended = true
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '')
}

function normalizeUserCode(code: string): string {
  const compact = code.toUpperCase().replace(/[^A-Z0-9]/g, '')
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : code.toUpperCase()
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** Registered redirect URIs must be http(s) without a fragment; plain http only for loopback. */
function isAllowedRedirectUri(uri: string): boolean {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return false
  }
  if (url.hash) return false
  if (url.protocol === 'https:') return true
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)
}

/**
 * Exact match, except that a port-less loopback registration matches the same URI with any port
 * (RFC 8252 §7.3): the CLI registers `http://127.0.0.1/oauth/callback` and then listens on an
 * ephemeral port.
 */
export function redirectUriMatches(registered: string, candidate: string): boolean {
  if (registered === candidate) return true
  let r: URL
  let c: URL
  try {
    r = new URL(registered)
    c = new URL(candidate)
  } catch {
    return false
  }
  return (
    r.protocol === 'http:' &&
    LOOPBACK_HOSTS.has(r.hostname) &&
    r.port === '' &&
    c.protocol === r.protocol &&
    c.hostname === r.hostname &&
    c.pathname === r.pathname &&
    c.search === r.search &&
    c.hash === '' &&
    c.username === '' &&
    c.password === ''
  )
}

function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base)
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
  return url.toString()
}

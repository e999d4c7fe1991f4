import type { Clock } from './clock.js'
import type { Fixture, FixtureAccount, FixtureUser } from './fixture.js'
import {
  AuthorizeFlow,
  type AuthorizeInput,
  type AuthorizeOutcome,
  type PendingAuthorization,
} from './state/authorize.js'
import {
  ClientRegistry,
  DEVICE_CODE_GRANT,
  type RegisterClientInput,
  type RegisteredClient,
} from './state/clients.js'
import { type DeviceAuthorization, DeviceFlow } from './state/device.js'
import { type IssuedRoleCredentials, Portal } from './state/portal.js'
import { type AutoApprove, DecisionError } from './state/shared.js'
import { type CreateTokenInput, type Session, type TokenResult, Tokens } from './state/tokens.js'
import { Users } from './state/users.js'

export type { AuthorizeOutcome, PendingAuthorization } from './state/authorize.js'
export { DEVICE_CODE_GRANT, type RegisteredClient, redirectUriMatches } from './state/clients.js'
export type { DeviceAuthorization } from './state/device.js'
export type { IssuedRoleCredentials } from './state/portal.js'
export { type AutoApprove, DecisionError } from './state/shared.js'
export type { CreateTokenInput, Session, TokenResult } from './state/tokens.js'

export interface StateOptions {
  autoApprove?: AutoApprove
  /** Who auto-approval signs in as; default: the fixture's first user. */
  autoApproveUser?: string
  /** With auto-approve, how many device-code polls get authorization_pending first (default 1). */
  autoApproveAfterPolls?: number
}

/**
 * The whole in-memory world of the emulator, one area per module under state/ (matching routes/):
 * clients, device, authorize, tokens, portal. This class wires them together and is what routes,
 * pages and controls call. Every time comparison uses the injected clock.
 */
export class EmulatorState {
  readonly users: Users
  readonly registry: ClientRegistry
  readonly deviceFlow: DeviceFlow
  readonly authorizeFlow: AuthorizeFlow
  readonly tokens: Tokens
  readonly portal: Portal

  autoApprove: AutoApprove
  autoApproveUser: string
  autoApproveAfterPolls: number

  constructor(
    readonly fixture: Fixture,
    readonly clock: Clock,
    options: StateOptions = {},
  ) {
    const env = { fixture, clock }
    this.users = new Users(env)
    this.autoApprove = options.autoApprove ?? false
    this.autoApproveUser = options.autoApproveUser ?? fixture.users[0]!.name
    if (!this.users.get(this.autoApproveUser)) {
      throw new DecisionError('unknown_user', `autoApproveUser ${this.autoApproveUser} is not in the fixture`)
    }
    this.autoApproveAfterPolls = options.autoApproveAfterPolls ?? 1
    this.registry = new ClientRegistry(env)
    this.deviceFlow = new DeviceFlow(env, this)
    this.authorizeFlow = new AuthorizeFlow(env, this)
    this.tokens = new Tokens(env)
    this.portal = new Portal(env, this.users)
  }

  get clients(): Map<string, RegisteredClient> {
    return this.registry.byId
  }
  get devices(): Map<string, DeviceAuthorization> {
    return this.deviceFlow.byDeviceCode
  }
  get authorizations(): Map<string, PendingAuthorization> {
    return this.authorizeFlow.byId
  }
  get roleCredentials(): Map<string, IssuedRoleCredentials> {
    return this.portal.roleCredentials
  }
  get rotateRefreshTokens(): boolean {
    return this.tokens.rotateRefreshTokens
  }
  set rotateRefreshTokens(enabled: boolean) {
    this.tokens.rotateRefreshTokens = enabled
  }

  // ---------------------------------------------------------------- users (for the sign-in page)

  user(name: string): FixtureUser | undefined {
    return this.users.get(name)
  }

  /** Constant-time password check for the sign-in page. */
  checkPassword(userName: string, password: string): boolean {
    return this.users.checkPassword(userName, password)
  }

  // ---------------------------------------------------------------- clients (RegisterClient)

  registerClient(input: RegisterClientInput): RegisteredClient {
    return this.registry.register(input)
  }

  /** Client authentication shared by StartDeviceAuthorization and CreateToken. */
  authenticateClient(clientId: string, clientSecret: string): RegisteredClient {
    return this.registry.authenticate(clientId, clientSecret)
  }

  // ---------------------------------------------------------------- device flow

  startDeviceAuthorization(input: {
    clientId: string
    clientSecret: string
    startUrl: string
  }): DeviceAuthorization {
    return this.deviceFlow.start(this.authenticateClient(input.clientId, input.clientSecret), input.startUrl)
  }

  /** Device authorizations still waiting for a decision (for pages and controls). */
  pendingDevices(): DeviceAuthorization[] {
    return this.deviceFlow.pending()
  }

  deviceByUserCode(userCode: string): DeviceAuthorization | undefined {
    return this.deviceFlow.byUserCode(userCode)
  }

  /** The user approved the device code on the verification page. */
  approveDevice(userCode: string, userName: string = this.autoApproveUser): DeviceAuthorization {
    this.users.require(userName)
    return this.deviceFlow.approve(userCode, userName)
  }

  denyDevice(userCode: string): DeviceAuthorization {
    return this.deviceFlow.deny(userCode)
  }

  // ---------------------------------------------------------------- /authorize (PKCE)

  /** See ClientRegistry.forAuthorize: errors that must not be redirected throw OidcError. */
  clientForAuthorize(clientId: string, redirectUri: string): RegisteredClient {
    return this.registry.forAuthorize(clientId, redirectUri)
  }

  /** Record an authorization request; auto-approve/deny answers at once, otherwise it waits for a decision. */
  startAuthorization(input: AuthorizeInput): AuthorizeOutcome {
    return this.authorizeFlow.start(input)
  }

  pendingAuthorizations(): PendingAuthorization[] {
    return this.authorizeFlow.pending()
  }

  /** The user signed in and consented: returns the `redirect_uri?code=…&state=…` to send the browser to. */
  approveAuthorization(id: string, userName: string = this.autoApproveUser): string {
    this.users.require(userName)
    return this.authorizeFlow.approve(id, userName)
  }

  /** The user refused: returns the `redirect_uri?error=access_denied&…&state=…` to send the browser to. */
  denyAuthorization(id: string): string {
    return this.authorizeFlow.deny(id)
  }

  // ---------------------------------------------------------------- tokens (CreateToken)

  createToken(input: CreateTokenInput): TokenResult {
    const client = this.authenticateClient(input.clientId, input.clientSecret)
    this.registry.requireGrant(client, input.grantType)
    switch (input.grantType) {
      case DEVICE_CODE_GRANT:
        return this.tokens.startSession(client, this.deviceFlow.redeem(client, input.deviceCode))
      case 'authorization_code': {
        // A replayed code means it leaked: revoke every token issued from it (RFC 6749 §4.1.2).
        const replayed = this.authorizeFlow.sessionOfReplayedCode(input.code)
        if (replayed) this.tokens.endById(replayed)
        const result = this.tokens.startSession(client, this.authorizeFlow.redeem(client, input))
        this.authorizeFlow.bindSession(input.code as string, this.tokens.sessionIdOf(result.accessToken))
        return result
      }
      default:
        return this.tokens.refresh(client, input.refreshToken)
    }
  }

  /** Resolve a bearer token to its session, or throw the portal's 401. */
  sessionForAccessToken(token: string | undefined): Session {
    return this.tokens.sessionForAccessToken(token)
  }

  // ---------------------------------------------------------------- portal

  /** Accounts where the user holds at least one role, in fixture order. */
  accountsFor(userName: string): FixtureAccount[] {
    return this.portal.accountsFor(userName)
  }

  rolesFor(userName: string, accountId: string): string[] {
    return this.portal.rolesFor(userName, accountId)
  }

  account(accountId: string): FixtureAccount | undefined {
    return this.portal.account(accountId)
  }

  /** Issue role credentials for a user (portal API, and the portal page's "Get credentials" dialog). */
  getRoleCredentials(userName: string, accountId: string, roleName: string): IssuedRoleCredentials {
    return this.portal.getRoleCredentials(userName, accountId, roleName)
  }

  /** Portal Logout: ends the whole sign-in session, so its access and refresh tokens stop working. */
  logout(session: Session): void {
    this.tokens.end(session)
  }
}

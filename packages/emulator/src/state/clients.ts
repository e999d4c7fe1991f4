import * as ids from '../ids.js'
import { OidcError } from '../wire/oidc-errors.js'
import { type StateEnv, safeEqual } from './shared.js'

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'
export const KNOWN_GRANTS = new Set(['authorization_code', 'refresh_token', DEVICE_CODE_GRANT])

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

export interface RegisterClientInput {
  clientName: string
  scopes?: string[]
  grantTypes?: string[]
  redirectUris?: string[]
  issuerUrl?: string
}

/** OIDC RegisterClient and client authentication. */
export class ClientRegistry {
  readonly byId = new Map<string, RegisteredClient>()

  constructor(readonly env: StateEnv) {}

  register(input: RegisterClientInput): RegisteredClient {
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
    const issuedAt = Math.floor(this.env.clock.now() / 1000) * 1000
    const client: RegisteredClient = {
      clientId: ids.opaque('cid-', 24),
      clientSecret: ids.opaque('cs-', 96),
      clientName: input.clientName,
      scopes: input.scopes ?? [],
      issuedAt,
      expiresAt: issuedAt + this.env.fixture.lifetimes.registrationSeconds * 1000,
      ...(input.grantTypes ? { grantTypes: input.grantTypes } : {}),
      ...(input.redirectUris ? { redirectUris: input.redirectUris } : {}),
      ...(input.issuerUrl ? { issuerUrl: input.issuerUrl } : {}),
    }
    this.byId.set(client.clientId, client)
    return client
  }

  /** Client authentication shared by StartDeviceAuthorization and CreateToken. */
  authenticate(clientId: string, clientSecret: string): RegisteredClient {
    const client = this.byId.get(clientId)
    if (!client || !safeEqual(client.clientSecret, clientSecret)) {
      throw new OidcError('InvalidClientException', 'Invalid client provided')
    }
    if (this.env.clock.now() >= client.expiresAt) {
      throw new OidcError('InvalidClientException', 'Client secret has expired')
    }
    return client
  }

  /** CreateToken's grant checks: the grant must exist and the registration must allow it. */
  requireGrant(client: RegisteredClient, grantType: string): void {
    if (!KNOWN_GRANTS.has(grantType)) {
      throw new OidcError('UnsupportedGrantTypeException', `Unsupported grant type: ${grantType}`)
    }
    if (grantType === DEVICE_CODE_GRANT) requireDeviceGrant(client)
    else if (client.grantTypes && !client.grantTypes.includes(grantType)) {
      throw new OidcError(
        'UnauthorizedClientException',
        `Client is not authorized for the ${grantType} grant`,
      )
    }
  }

  /**
   * Validate an /authorize request against the client's registration. Errors that must not be
   * redirected (unknown client, unregistered redirect URI) throw OidcError; the route renders them.
   */
  forAuthorize(clientId: string, redirectUri: string): RegisteredClient {
    const client = this.byId.get(clientId)
    if (!client || this.env.clock.now() >= client.expiresAt) {
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
}

/** A client registered with explicit grant types must list the device-code grant to use it. */
export function requireDeviceGrant(client: RegisteredClient): void {
  if (client.grantTypes && !client.grantTypes.includes(DEVICE_CODE_GRANT)) {
    throw new OidcError('UnauthorizedClientException', 'Client is not authorized for the device code grant')
  }
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

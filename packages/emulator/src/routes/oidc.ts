import type { Context } from 'hono'
import { Hono } from 'hono'
import type { AppEnv } from '../context.js'
import { authorizationPageUrl } from '../pages/index.js'
import { DEVICE_CODE_GRANT } from '../state.js'
import { optionalString, optionalStringList, readJsonObject, requiredString } from '../wire/json-input.js'
import { OidcError, oidcErrorResponse } from '../wire/oidc-errors.js'
import { type EmulatorContext, envelope, originOf } from './context.js'

/** OidcErrors thrown anywhere below become the OIDC error envelope. */
const oidc = envelope(OidcError, (err) => oidcErrorResponse(err.shape, err.description))

const toSeconds = (ms: number) => Math.floor(ms / 1000)

/** Short grant names for the call log. */
function grantLabel(grantType: string): string {
  return grantType === DEVICE_CODE_GRANT ? 'device_code' : grantType
}

export function oidcRoutes(ctx: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const { state } = ctx

  app.post(
    '/client/register',
    oidc(async (c) => {
      const body = await readJsonObject(c.req.raw)
      const clientName = requiredString(body, 'clientName')
      const clientType = requiredString(body, 'clientType')
      if (clientType !== 'public') {
        throw new OidcError('InvalidClientMetadataException', `Invalid client type: ${clientType}`)
      }
      const scopes = optionalStringList(body, 'scopes')
      const grantTypes = optionalStringList(body, 'grantTypes')
      const redirectUris = optionalStringList(body, 'redirectUris')
      const issuerUrl = optionalString(body, 'issuerUrl')
      const client = state.registerClient({
        clientName,
        ...(scopes ? { scopes } : {}),
        ...(grantTypes ? { grantTypes } : {}),
        ...(redirectUris ? { redirectUris } : {}),
        ...(issuerUrl ? { issuerUrl } : {}),
      })
      const origin = originOf(c.req.url)
      return c.json({
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        clientIdIssuedAt: toSeconds(client.issuedAt),
        clientSecretExpiresAt: toSeconds(client.expiresAt),
        ...(client.grantTypes?.includes('authorization_code')
          ? { authorizationEndpoint: `${origin}/authorize`, tokenEndpoint: `${origin}/token` }
          : {}),
      })
    }),
  )

  app.post(
    '/device_authorization',
    oidc(async (c) => {
      const body = await readJsonObject(c.req.raw)
      const device = state.startDeviceAuthorization({
        clientId: requiredString(body, 'clientId'),
        clientSecret: requiredString(body, 'clientSecret'),
        startUrl: requiredString(body, 'startUrl'),
      })
      const verificationUri = `${originOf(c.req.url)}/device`
      return c.json({
        deviceCode: device.deviceCode,
        userCode: device.userCode,
        verificationUri,
        verificationUriComplete: `${verificationUri}?user_code=${encodeURIComponent(device.userCode)}`,
        expiresIn: toSeconds(device.expiresAt - device.createdAt),
        interval: device.intervalSeconds,
      })
    }),
  )

  app.post(
    '/token',
    oidc(async (c) => {
      const body = await readJsonObject(c.req.raw)
      const grantType = typeof body['grantType'] === 'string' ? body['grantType'] : undefined
      if (grantType) c.set('callDetail', grantLabel(grantType))
      const input = {
        clientId: requiredString(body, 'clientId'),
        clientSecret: requiredString(body, 'clientSecret'),
        grantType: requiredString(body, 'grantType'),
      }
      optionalStringList(body, 'scope') // validated for shape only; documented as having no effect
      const deviceCode = optionalString(body, 'deviceCode')
      const code = optionalString(body, 'code')
      const refreshToken = optionalString(body, 'refreshToken')
      const redirectUri = optionalString(body, 'redirectUri')
      const codeVerifier = optionalString(body, 'codeVerifier')
      const result = state.createToken({
        ...input,
        ...(deviceCode !== undefined ? { deviceCode } : {}),
        ...(code !== undefined ? { code } : {}),
        ...(refreshToken !== undefined ? { refreshToken } : {}),
        ...(redirectUri !== undefined ? { redirectUri } : {}),
        ...(codeVerifier !== undefined ? { codeVerifier } : {}),
      })
      return c.json(result)
    }),
  )

  app.get('/authorize', async (c) => authorize(c, ctx))

  return app
}

const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/

/**
 * GET /authorize (§2.4). Problems with client_id or redirect_uri are shown to the user (never
 * redirected, per RFC 6749 §4.1.2.1); every other problem is redirected back as `error=…&state=…`.
 */
function authorize(c: Context<AppEnv>, ctx: EmulatorContext): Response {
  const q = (name: string) => c.req.query(name)
  const clientId = q('client_id')
  const redirectUri = q('redirect_uri')
  if (!clientId || !redirectUri) {
    return authorizeErrorPage(c, 'invalid_request', 'client_id and redirect_uri are required')
  }
  let client: ReturnType<typeof ctx.state.clientForAuthorize>
  try {
    client = ctx.state.clientForAuthorize(clientId, redirectUri)
  } catch (err) {
    if (err instanceof OidcError) return authorizeErrorPage(c, err.shape, err.description)
    throw err
  }
  const state = q('state')
  const back = (error: string, description: string) => {
    const url = new URL(redirectUri)
    url.searchParams.set('error', error)
    url.searchParams.set('error_description', description)
    if (state) url.searchParams.set('state', state)
    return c.redirect(url.toString(), 302)
  }
  if (q('response_type') !== 'code') return back('unsupported_response_type', 'response_type must be code')
  if (!state) return back('invalid_request', 'state is required')
  if (q('code_challenge_method') !== 'S256')
    return back('invalid_request', 'code_challenge_method must be S256')
  const codeChallenge = q('code_challenge')
  if (!codeChallenge || !CODE_CHALLENGE.test(codeChallenge)) {
    return back('invalid_request', 'code_challenge must be base64url(SHA-256(code_verifier)) without padding')
  }
  const scopes = (q('scopes') ?? '').split(' ').filter(Boolean)
  const unregistered = scopes.filter((s) => !client.scopes.includes(s))
  if (unregistered.length > 0)
    return back('invalid_scope', `Scopes not registered for this client: ${unregistered.join(' ')}`)
  const outcome = ctx.state.startAuthorization({
    clientId,
    redirectUri,
    state,
    codeChallenge,
    scopes: scopes.length > 0 ? scopes : client.scopes,
  })
  return c.redirect(outcome.kind === 'redirect' ? outcome.location : authorizationPageUrl(outcome.id), 302)
}

function authorizeErrorPage(c: Context<AppEnv>, error: string, description: string): Response {
  const text = `${error}: ${description}`.replace(/[<>&]/g, (ch) => `&#${ch.charCodeAt(0)};`)
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorization error</title></head><body><h1>Authorization error</h1><p>${text}</p></body></html>`,
    400,
  )
}

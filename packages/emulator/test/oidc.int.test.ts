import { ListAccountsCommand, type SSOClient } from '@aws-sdk/client-sso'
import { CreateTokenCommand, RegisterClientCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.js'
import {
  clients,
  DEVICE_CODE_GRANT,
  failure,
  pkcePair,
  pollDevice,
  register,
  signIn,
  start,
  startDevice,
} from './helpers.js'

let emu: RunningEmulator
let oidc: SSOOIDCClient
let sso: SSOClient

beforeAll(async () => {
  emu = await start()
  ;({ oidc, sso } = clients(emu))
})
afterAll(() => emu.stop())
beforeEach(() => {
  emu.controls.reset()
  emu.controls.setAutoApprove(true, { afterPolls: 0, user: 'alice' })
  emu.controls.setRefreshTokenRotation(true)
})

describe('RegisterClient', () => {
  it('returns a client with times in epoch seconds and a ~90-day lifetime', async () => {
    const before = Math.floor(Date.now() / 1000)
    const r = await oidc.send(
      new RegisterClientCommand({ clientName: 'botocore-client-x', clientType: 'public' }),
    )
    expect(r.clientId).toBeTruthy()
    expect(r.clientSecret).toBeTruthy()
    expect(r.clientIdIssuedAt).toBeGreaterThanOrEqual(before - 1)
    expect(r.clientIdIssuedAt).toBeLessThan(before + 5)
    expect(r.clientSecretExpiresAt! - r.clientIdIssuedAt!).toBe(90 * 24 * 3600)
  })

  it('accepts the CLI PKCE registration shape', async () => {
    const r = await oidc.send(
      new RegisterClientCommand({
        clientName: 'botocore-client-my-sso',
        clientType: 'public',
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: ['http://127.0.0.1/oauth/callback'],
        issuerUrl: emu.startUrl,
        scopes: ['sso:account:access'],
      }),
    )
    expect(r.clientId).toBeTruthy()
  })

  it.each([
    [{ clientType: 'confidential' }, 'InvalidClientMetadataException', 'invalid_client_metadata'],
    [{ clientName: '' }, 'InvalidRequestException', 'invalid_request'],
    [{ scopes: ['not a scope!'] }, 'InvalidScopeException', 'invalid_scope'],
    [{ grantTypes: ['password'] }, 'UnsupportedGrantTypeException', 'unsupported_grant_type'],
    [
      { grantTypes: ['authorization_code'], redirectUris: ['http://evil.example.com/cb'] },
      'InvalidRedirectUriException',
      'invalid_redirect_uri',
    ],
  ])('rejects %j with %s', async (override, name, error) => {
    const f = await failure(
      oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'public', ...override } as never)),
    )
    expect(f).toMatchObject({ name, status: 400, error })
  })

  it('answers malformed JSON with InvalidRequestException in the exact wire form', async () => {
    const res = await fetch(`${emu.url}/client/register`, { method: 'POST', body: '{nope' })
    expect(res.status).toBe(400)
    expect(res.headers.get('x-amzn-errortype')).toBe(
      'InvalidRequestException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/',
    )
    expect(await res.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Request body is not valid JSON',
    })
  })
})

describe('device code flow', () => {
  it('returns every member the CLI indexes, with a XXXX-XXXX user code', async () => {
    const reg = await register(oidc)
    const d = await startDevice(emu, oidc, reg)
    expect(d.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/)
    expect(d.verificationUri).toBe(`${emu.url}/device`)
    expect(d.verificationUriComplete).toBe(`${emu.url}/device?user_code=${d.userCode}`)
    expect(d.expiresIn).toBe(600)
    expect(d.interval).toBe(1)
    expect(d.deviceCode).toBeTruthy()
  })

  it('rejects a wrong client secret with 401 InvalidClientException', async () => {
    const reg = await register(oidc)
    const f = await failure(startDevice(emu, oidc, { ...reg, clientSecret: 'wrong' }))
    expect(f).toMatchObject({ name: 'InvalidClientException', status: 401, error: 'invalid_client' })
    const d = await startDevice(emu, oidc, reg)
    const g = await failure(pollDevice(oidc, { ...reg, clientSecret: 'wrong' }, d.deviceCode!))
    expect(g).toMatchObject({ name: 'InvalidClientException', status: 401 })
  })

  it('rejects a registration once it has expired on the emulator clock', async () => {
    const reg = await register(oidc)
    emu.controls.clock.advance(91 * 24 * 3600 * 1000)
    expect(await failure(startDevice(emu, oidc, reg))).toMatchObject({
      name: 'InvalidClientException',
      status: 401,
    })
  })

  it('rejects an unknown start URL with InvalidRequestException', async () => {
    const reg = await register(oidc)
    const f = await failure(
      oidc.send(
        new (await import('@aws-sdk/client-sso-oidc')).StartDeviceAuthorizationCommand({
          ...reg,
          startUrl: 'https://d-0000000000.awsapps.com/start',
        }),
      ),
    )
    expect(f).toMatchObject({ name: 'InvalidRequestException', status: 400 })
  })

  it('says authorization_pending (real wire form) until a manual approval, then issues a token for that user', async () => {
    emu.controls.setAutoApprove(false)
    const reg = await register(oidc)
    const d = await startDevice(emu, oidc, reg)
    const res = await fetch(`${emu.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...reg, grantType: DEVICE_CODE_GRANT, deviceCode: d.deviceCode }),
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('x-amzn-errortype')).toBe(
      'AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/',
    )
    expect(await res.text()).toBe(
      '{"error":"authorization_pending","error_description":"Authorization is still pending"}',
    )
    for (let i = 0; i < 3; i++) {
      emu.controls.clock.advance(1000)
      expect(await failure(pollDevice(oidc, reg, d.deviceCode!))).toMatchObject({
        name: 'AuthorizationPendingException',
        status: 400,
        error: 'authorization_pending',
      })
    }
    expect(emu.controls.pendingDevices().map((p) => p.userCode)).toContain(d.userCode)
    emu.controls.approveDevice(d.userCode!, 'bob')
    emu.controls.clock.advance(1000)
    const token = await pollDevice(oidc, reg, d.deviceCode!)
    expect(token.tokenType).toBe('Bearer')
    expect(token.expiresIn).toBe(3600)
    // bob only has account 111111111111 in the default fixture
    const accounts = await sso.send(new ListAccountsCommand({ accessToken: token.accessToken! }))
    expect(accounts.accountList?.map((a) => a.accountId)).toEqual(['111111111111'])
    // a device code is good for one token only
    emu.controls.clock.advance(1000)
    expect(await failure(pollDevice(oidc, reg, d.deviceCode!))).toMatchObject({
      name: 'InvalidGrantException',
    })
  })

  it('auto-approve answers pending for the configured number of polls, then succeeds', async () => {
    emu.controls.setAutoApprove(true, { afterPolls: 2 })
    const reg = await register(oidc)
    const d = await startDevice(emu, oidc, reg)
    for (let i = 0; i < 2; i++) {
      expect(await failure(pollDevice(oidc, reg, d.deviceCode!))).toMatchObject({
        name: 'AuthorizationPendingException',
      })
      emu.controls.clock.advance(1000)
    }
    expect((await pollDevice(oidc, reg, d.deviceCode!)).accessToken).toBeTruthy()
  })

  it('auto-approve signs in as the configured user', async () => {
    emu.controls.setAutoApprove(true, { user: 'bob', afterPolls: 0 })
    const { token } = await signIn(emu, oidc)
    const accounts = await sso.send(new ListAccountsCommand({ accessToken: token.accessToken }))
    expect(accounts.accountList?.map((a) => a.accountId)).toEqual(['111111111111'])
  })

  it('says slow_down when polled faster than interval, judged on the emulator clock', async () => {
    emu.controls.setAutoApprove(false)
    const reg = await register(oidc)
    const d = await startDevice(emu, oidc, reg)
    expect(await failure(pollDevice(oidc, reg, d.deviceCode!))).toMatchObject({
      name: 'AuthorizationPendingException',
    })
    expect(await failure(pollDevice(oidc, reg, d.deviceCode!))).toMatchObject({
      name: 'SlowDownException',
      status: 400,
      error: 'slow_down',
    })
    // No real waiting: moving the emulator clock past the interval is enough.
    emu.controls.clock.advance(d.interval! * 1000)
    expect(await failure(pollDevice(oidc, reg, d.deviceCode!))).toMatchObject({
      name: 'AuthorizationPendingException',
    })
  })

  it('says expired_token once expiresIn has passed on the emulator clock', async () => {
    emu.controls.setAutoApprove(false)
    const reg = await register(oidc)
    const d = await startDevice(emu, oidc, reg)
    emu.controls.clock.advance(599_000)
    expect(await failure(pollDevice(oidc, reg, d.deviceCode!))).toMatchObject({
      name: 'AuthorizationPendingException',
    })
    emu.controls.clock.advance(2_000)
    expect(await failure(pollDevice(oidc, reg, d.deviceCode!))).toMatchObject({
      name: 'ExpiredTokenException',
      status: 400,
      error: 'expired_token',
    })
  })

  it('says access_denied when the user denies (manually or via auto-deny)', async () => {
    emu.controls.setAutoApprove(false)
    const reg = await register(oidc)
    const d = await startDevice(emu, oidc, reg)
    emu.controls.denyDevice(d.userCode!)
    expect(await failure(pollDevice(oidc, reg, d.deviceCode!))).toMatchObject({
      name: 'AccessDeniedException',
      status: 400,
      error: 'access_denied',
    })
    emu.controls.setAutoApprove('deny')
    const d2 = await startDevice(emu, oidc, reg)
    expect(await failure(pollDevice(oidc, reg, d2.deviceCode!))).toMatchObject({
      name: 'AccessDeniedException',
    })
  })

  it('says invalid_grant for an unknown device code and unsupported_grant_type for a made-up grant', async () => {
    const reg = await register(oidc)
    expect(await failure(pollDevice(oidc, reg, 'no-such-code'))).toMatchObject({
      name: 'InvalidGrantException',
      status: 400,
      error: 'invalid_grant',
    })
    const f = await failure(oidc.send(new CreateTokenCommand({ ...reg, grantType: 'password' })))
    expect(f).toMatchObject({
      name: 'UnsupportedGrantTypeException',
      status: 400,
      error: 'unsupported_grant_type',
    })
  })

  it('refuses the device grant to a client registered only for authorization_code (UnauthorizedClientException)', async () => {
    const r = await oidc.send(
      new RegisterClientCommand({
        clientName: 'pkce',
        clientType: 'public',
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: ['http://127.0.0.1/oauth/callback'],
        scopes: ['sso:account:access'],
      }),
    )
    const f = await failure(startDevice(emu, oidc, { clientId: r.clientId!, clientSecret: r.clientSecret! }))
    expect(f).toMatchObject({
      name: 'UnauthorizedClientException',
      status: 400,
      error: 'unauthorized_client',
    })
  })

  it('issues no refresh token to a legacy registration without sso:account:access', async () => {
    const { token } = await signIn(emu, oidc, null)
    expect(token.refreshToken).toBeUndefined()
  })
})

describe('authorization code + PKCE', () => {
  const redirect = (port: number) => `http://127.0.0.1:${port}/oauth/callback`

  async function registerPkce() {
    const r = await oidc.send(
      new RegisterClientCommand({
        clientName: 'botocore-client-my-sso',
        clientType: 'public',
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: ['http://127.0.0.1/oauth/callback'],
        issuerUrl: emu.startUrl,
        scopes: ['sso:account:access'],
      }),
    )
    return { clientId: r.clientId!, clientSecret: r.clientSecret! }
  }

  /** Build the URL exactly as the CLI does (§2.4 step 5). */
  function authorizeUrl(
    clientId: string,
    redirectUri: string,
    challenge: string,
    state: string = crypto.randomUUID(),
  ) {
    const enc = (s: string) =>
      encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16)}`)
    return (
      `${emu.url}/authorize?response_type=code&client_id=${enc(clientId)}&redirect_uri=${enc(redirectUri)}` +
      `&state=${state}&code_challenge_method=S256&scopes=${enc('sso:account:access')}&code_challenge=${challenge}`
    )
  }

  async function authorize(url: string) {
    const res = await fetch(url, { redirect: 'manual' })
    return { status: res.status, location: res.headers.get('location') ?? '' }
  }

  function exchange(
    reg: { clientId: string; clientSecret: string },
    code: string,
    redirectUri: string,
    verifier: string,
  ) {
    return oidc.send(
      new CreateTokenCommand({
        ...reg,
        grantType: 'authorization_code',
        code,
        redirectUri,
        codeVerifier: verifier,
      }),
    )
  }

  it('redirects to the loopback port with code and state, and exchanges the code once', async () => {
    const reg = await registerPkce()
    const { verifier, challenge } = pkcePair()
    const state = crypto.randomUUID()
    const r = await authorize(authorizeUrl(reg.clientId, redirect(39149), challenge, state))
    expect(r.status).toBe(302)
    const loc = new URL(r.location)
    expect(`${loc.origin}${loc.pathname}`).toBe(redirect(39149))
    expect(loc.searchParams.get('state')).toBe(state)
    const code = loc.searchParams.get('code')!
    const token = await exchange(reg, code, redirect(39149), verifier)
    expect(token.accessToken).toBeTruthy()
    expect(token.refreshToken).toBeTruthy()
    expect(await failure(exchange(reg, code, redirect(39149), verifier))).toMatchObject({
      name: 'InvalidGrantException',
      error: 'invalid_grant',
    })
  })

  it('a replayed code revokes the tokens issued from it (RFC 6749 §4.1.2)', async () => {
    const reg = await registerPkce()
    const { verifier, challenge } = pkcePair()
    const r = await authorize(authorizeUrl(reg.clientId, redirect(39150), challenge))
    const code = new URL(r.location).searchParams.get('code')!
    const token = await exchange(reg, code, redirect(39150), verifier)
    await sso.send(new ListAccountsCommand({ accessToken: token.accessToken }))
    await failure(exchange(reg, code, redirect(39150), verifier))
    expect(
      await failure(sso.send(new ListAccountsCommand({ accessToken: token.accessToken }))),
    ).toMatchObject({
      name: 'UnauthorizedException',
    })
    const refresh = oidc.send(
      new CreateTokenCommand({ ...reg, grantType: 'refresh_token', refreshToken: token.refreshToken }),
    )
    expect(await failure(refresh)).toMatchObject({ name: 'InvalidGrantException' })
  })

  it('rejects a verifier that does not match the challenge', async () => {
    const reg = await registerPkce()
    const { challenge } = pkcePair()
    const r = await authorize(authorizeUrl(reg.clientId, redirect(40000), challenge))
    const code = new URL(r.location).searchParams.get('code')!
    expect(await failure(exchange(reg, code, redirect(40000), pkcePair().verifier))).toMatchObject({
      name: 'InvalidGrantException',
      status: 400,
    })
  })

  it('rejects a redirectUri whose port differs from the one given to /authorize', async () => {
    const reg = await registerPkce()
    const { verifier, challenge } = pkcePair()
    const r = await authorize(authorizeUrl(reg.clientId, redirect(40001), challenge))
    const code = new URL(r.location).searchParams.get('code')!
    expect(await failure(exchange(reg, code, redirect(40002), verifier))).toMatchObject({
      name: 'InvalidGrantException',
    })
    // the same code still works with the right URI: a failed attempt does not burn it
    expect((await exchange(reg, code, redirect(40001), verifier)).accessToken).toBeTruthy()
  })

  it('expires codes on the emulator clock (ExpiredTokenException)', async () => {
    const reg = await registerPkce()
    const { verifier, challenge } = pkcePair()
    const r = await authorize(authorizeUrl(reg.clientId, redirect(40003), challenge))
    const code = new URL(r.location).searchParams.get('code')!
    emu.controls.clock.advance(301_000)
    expect(await failure(exchange(reg, code, redirect(40003), verifier))).toMatchObject({
      name: 'ExpiredTokenException',
      error: 'expired_token',
    })
  })

  it('waits for a decision when auto-approve is off: approve gives a code bound to that user, deny an error redirect', async () => {
    emu.controls.setAutoApprove(false)
    const reg = await registerPkce()
    const { verifier, challenge } = pkcePair()
    const state = crypto.randomUUID()
    const r = await authorize(authorizeUrl(reg.clientId, redirect(40004), challenge, state))
    expect(r.status).toBe(302)
    expect(r.location).toMatch(/^\/login\?next=/)
    const [pending] = emu.controls.pendingAuthorizations()
    expect(pending?.redirectUri).toBe(redirect(40004))
    const approved = new URL(emu.controls.approveAuthorization(pending!.id, 'bob'))
    expect(approved.searchParams.get('state')).toBe(state)
    const token = await exchange(reg, approved.searchParams.get('code')!, redirect(40004), verifier)
    const accounts = await sso.send(new ListAccountsCommand({ accessToken: token.accessToken! }))
    expect(accounts.accountList?.map((a) => a.accountId)).toEqual(['111111111111'])

    const r2 = await authorize(authorizeUrl(reg.clientId, redirect(40005), challenge, 'state-2'))
    expect(r2.location).toMatch(/^\/login\?next=/)
    const denied = new URL(emu.controls.denyAuthorization(emu.controls.pendingAuthorizations()[0]!.id))
    expect(denied.searchParams.get('error')).toBe('access_denied')
    expect(denied.searchParams.get('error_description')).toBeTruthy()
    expect(denied.searchParams.get('state')).toBe('state-2')
  })

  it('redirects protocol errors back with state, but never redirects to an unregistered URI', async () => {
    const reg = await registerPkce()
    const { challenge } = pkcePair()
    const good = authorizeUrl(reg.clientId, redirect(40006), challenge, 's1')
    const plain = await authorize(good.replace('code_challenge_method=S256', 'code_challenge_method=plain'))
    expect(new URL(plain.location).searchParams.get('error')).toBe('invalid_request')
    expect(new URL(plain.location).searchParams.get('state')).toBe('s1')
    const token = await authorize(good.replace('response_type=code', 'response_type=token'))
    expect(new URL(token.location).searchParams.get('error')).toBe('unsupported_response_type')
    const scope = await authorize(good.replace('scopes=sso%3Aaccount%3Aaccess', 'scopes=other%3Ascope'))
    expect(new URL(scope.location).searchParams.get('error')).toBe('invalid_scope')
    const evil = await authorize(
      authorizeUrl(reg.clientId, 'http://evil.example.com:8080/oauth/callback', challenge),
    )
    expect(evil.status).toBe(400)
    expect(evil.location).toBe('')
    const wrongPath = await authorize(authorizeUrl(reg.clientId, 'http://127.0.0.1:4000/other', challenge))
    expect(wrongPath.status).toBe(400)
    const unknown = await authorize(authorizeUrl('no-such-client', redirect(40007), challenge))
    expect(unknown.status).toBe(400)
  })
})

describe('refresh_token grant', () => {
  const refresh = (reg: { clientId: string; clientSecret: string }, refreshToken: string) =>
    oidc.send(new CreateTokenCommand({ ...reg, grantType: 'refresh_token', refreshToken }))

  it('rotates: a new refresh token each time, and the old one is rejected', async () => {
    const { reg, token } = await signIn(emu, oidc)
    const r1 = await refresh(reg, token.refreshToken!)
    expect(r1.accessToken).toBeTruthy()
    expect(r1.accessToken).not.toBe(token.accessToken)
    expect(r1.refreshToken).toBeTruthy()
    expect(r1.refreshToken).not.toBe(token.refreshToken)
    const f = await failure(refresh(reg, token.refreshToken!))
    expect(f).toMatchObject({ name: 'InvalidGrantException', status: 400, error: 'invalid_grant' })
    expect((f.raw as { error_description?: string }).error_description).toBe('Invalid refresh token provided')
    const accounts = await sso.send(new ListAccountsCommand({ accessToken: r1.accessToken! }))
    expect(accounts.accountList?.length).toBe(3)
  })

  it('without rotation returns the same refresh token, which keeps working', async () => {
    emu.controls.setRefreshTokenRotation(false)
    const { reg, token } = await signIn(emu, oidc)
    const r1 = await refresh(reg, token.refreshToken!)
    expect(r1.refreshToken).toBe(token.refreshToken)
    const r2 = await refresh(reg, token.refreshToken!)
    expect(r2.refreshToken).toBe(token.refreshToken)
  })

  it('rejects refresh tokens of another client, and after the session has ended', async () => {
    const { reg, token } = await signIn(emu, oidc)
    const other = await register(oidc)
    expect(await failure(refresh(other, token.refreshToken!))).toMatchObject({
      name: 'InvalidGrantException',
    })
    emu.controls.clock.advance(8 * 3600 * 1000 + 1000)
    expect(await failure(refresh(reg, token.refreshToken!))).toMatchObject({ name: 'InvalidGrantException' })
  })
})

describe('InternalServerException', () => {
  it('surfaces as InternalServerException with status 500 after the SDK retries', async () => {
    const reg = await register(oidc)
    emu.controls.faults.failNext(3, 'StartDeviceAuthorization')
    const f = await failure(startDevice(emu, oidc, reg))
    expect(f).toMatchObject({
      name: 'InternalServerException',
      status: 500,
      attempts: 3,
      error: 'server_error',
    })
  })
})

describe('startEmulator({ now })', () => {
  it('starts the emulator clock at the given date', async () => {
    const past = await start({ now: '2030-06-01T00:00:00Z' })
    try {
      const { oidc: client } = clients(past)
      const r = await client.send(new RegisterClientCommand({ clientName: 'x', clientType: 'public' }))
      expect(Math.abs(r.clientIdIssuedAt! - Date.parse('2030-06-01T00:00:00Z') / 1000)).toBeLessThan(60)
    } finally {
      await past.stop()
    }
  })
})

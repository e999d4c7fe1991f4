import { type RunningEmulator, startEmulator } from '@idc/emulator'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { IdcError } from '../errors.js'
import { createOidcClient, oidcOrigin } from '../sdk/clients.js'
import { runAuthCodeFlow } from './auth-code-flow.js'
import { runDeviceFlow } from './device-flow.js'
import { refreshAccessToken } from './refresh.js'
import { registerClient } from './register.js'
import type { DeviceVerification } from './types.js'

let emu: RunningEmulator

beforeEach(async () => {
  emu = await startEmulator({ autoApprove: true, autoApproveAfterPolls: 1 })
})
afterEach(async () => {
  await emu.stop()
})

async function client() {
  return createOidcClient({ region: emu.region, endpoint: emu.url })
}

/** A client and its registration for one flow, as the AWS CLI registers it. */
async function registered(flow: 'device' | 'auth-code', scopes?: string[]) {
  const c = await client()
  const registration = await registerClient({
    client: c,
    flow,
    clientName: 'test',
    startUrl: emu.startUrl,
    scopes,
  })
  return { c, registration }
}

async function expectIdcError(promise: Promise<unknown>, code: string): Promise<IdcError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(IdcError.is(err), `expected an IdcError, got ${String(err)}`).toBe(true)
  const idc = err as IdcError
  expect(idc.code).toBe(code)
  expect(idc.hint).toBeTruthy()
  return idc
}

describe('device-code flow against the emulator', () => {
  it('polls at once, shows the code once, and returns a token', async () => {
    const { c, registration } = await registered('device', ['sso:account:access'])
    const shown: DeviceVerification[] = []
    const grant = await runDeviceFlow({
      client: c,
      registration,
      startUrl: emu.startUrl,
      onVerification: (v) => {
        shown.push(v)
      },
    })
    expect(grant.accessToken).toBeTruthy()
    expect(grant.refreshToken).toBeTruthy()
    expect(grant.expiresIn).toBeGreaterThan(900)
    expect(shown).toHaveLength(1)
    expect(shown[0]?.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/)
    expect(shown[0]?.verificationUriComplete).toContain(shown[0]?.userCode)
    // First poll at once (pending), then one more after `interval`.
    expect(emu.controls.calls.count('CreateToken')).toBe(2)
  })

  it('a denied request is access-denied', async () => {
    emu.controls.setAutoApprove('deny')
    const { c, registration } = await registered('device')
    await expectIdcError(runDeviceFlow({ client: c, registration, startUrl: emu.startUrl }), 'access-denied')
  })

  it('an expired device code is authorization-expired', async () => {
    emu.controls.setAutoApprove(false)
    const { c, registration } = await registered('device')
    await expectIdcError(
      runDeviceFlow({
        client: c,
        registration,
        startUrl: emu.startUrl,
        // The emulator's clock passes the 600 s lifetime while we wait.
        onVerification: () => {
          emu.controls.clock.advance(601_000)
        },
      }),
      'authorization-expired',
    )
  })

  it('an AbortSignal cancels the wait', async () => {
    emu.controls.setAutoApprove(false)
    const { c, registration } = await registered('device')
    const ac = new AbortController()
    await expectIdcError(
      runDeviceFlow({
        client: c,
        registration,
        startUrl: emu.startUrl,
        signal: ac.signal,
        onVerification: () => ac.abort(),
      }),
      'aborted',
    )
  })

  it('slow_down adds 5 s to the interval for good', async () => {
    emu.controls.setAutoApprove(false)
    const { c, registration } = await registered('device')
    const intervals: number[] = []
    const ac = new AbortController()
    await runDeviceFlow({
      client: c,
      registration,
      startUrl: emu.startUrl,
      signal: ac.signal,
      onProgress: (p) => {
        intervals.push(p.intervalMs)
        if (intervals.length === 1) {
          // Another poller on the same device code half-way through the wait: the flow's next
          // poll then comes sooner than `interval` after the last one, and gets slow_down.
          setTimeout(() => {
            const pending = emu.controls.pendingDevices()[0]
            void import('@aws-sdk/client-sso-oidc').then(({ CreateTokenCommand }) =>
              c
                .send(
                  new CreateTokenCommand({
                    grantType: 'urn:ietf:params:oauth:grant-type:device_code',
                    clientId: registration.clientId,
                    clientSecret: registration.clientSecret,
                    deviceCode: pending?.deviceCode,
                  }),
                )
                .catch(() => {}),
            )
          }, 400)
        }
        if (intervals.length === 2) ac.abort()
      },
    }).catch((e: unknown) => {
      if (!IdcError.is(e) || e.code !== 'aborted') throw e
    })
    expect(intervals).toEqual([1000, 6000])
  })
})

describe('authorization-code + PKCE flow against the emulator', () => {
  it('registers as the AWS CLI does, builds the authorize URL in CLI order, and gets a token', async () => {
    const { c, registration } = await registered('auth-code')
    expect(registration.grantTypes).toEqual(['authorization_code', 'refresh_token'])
    let seen = ''
    const grant = await runAuthCodeFlow({
      client: c,
      registration,
      authorizeOrigin: oidcOrigin(emu.region, emu.url),
      onAuthorizeUrl: async (url) => {
        seen = url
        // Stand-in for the browser: follow the emulator's 302 to our loopback listener.
        await fetch(url)
      },
    })
    expect(grant.accessToken).toBeTruthy()
    const u = new URL(seen)
    expect(`${u.protocol}//${u.host}`).toBe(emu.url)
    expect([...u.searchParams.keys()]).toEqual([
      'response_type',
      'client_id',
      'redirect_uri',
      'state',
      'code_challenge_method',
      'scopes',
      'code_challenge',
    ])
    expect(u.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/)
    expect(u.searchParams.get('scopes')).toBe('sso:account:access')
    expect(u.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(seen).toContain('redirect_uri=http%3A%2F%2F127.0.0.1%3A')
  })

  it('a denial in the browser is access-denied', async () => {
    emu.controls.setAutoApprove('deny')
    const { c, registration } = await registered('auth-code')
    await expectIdcError(
      runAuthCodeFlow({
        client: c,
        registration,
        authorizeOrigin: emu.url,
        onAuthorizeUrl: async (url) => {
          await fetch(url)
        },
      }),
      'access-denied',
    )
  })

  it('a callback with another state is refused', async () => {
    const { c, registration } = await registered('auth-code')
    await expectIdcError(
      runAuthCodeFlow({
        client: c,
        registration,
        authorizeOrigin: emu.url,
        onAuthorizeUrl: async (url) => {
          const res = await fetch(url, { redirect: 'manual' })
          const location = new URL(res.headers.get('location') ?? '')
          location.searchParams.set('state', '00000000-0000-4000-8000-000000000000')
          await fetch(location)
        },
      }),
      'state-mismatch',
    )
  })

  it('times out when the browser never comes back, leaving no listener', async () => {
    emu.controls.setAutoApprove(false)
    const { c, registration } = await registered('auth-code')
    let redirect = ''
    await expectIdcError(
      runAuthCodeFlow({
        client: c,
        registration,
        authorizeOrigin: emu.url,
        timeoutMs: 300,
        onAuthorizeUrl: (url) => {
          redirect = new URL(url).searchParams.get('redirect_uri') ?? ''
        },
      }),
      'authorization-expired',
    )
    // The loopback listener is closed afterwards.
    await expect(fetch(redirect)).rejects.toThrow()
  })
})

describe('refresh', () => {
  async function signIn() {
    const { c, registration } = await registered('device', ['sso:account:access'])
    const grant = await runDeviceFlow({ client: c, registration, startUrl: emu.startUrl })
    return { c, registration, grant }
  }

  it('a registration without sso:account:access gets no refresh token', async () => {
    const { c, registration } = await registered('device')
    const grant = await runDeviceFlow({ client: c, registration, startUrl: emu.startUrl })
    expect(grant.refreshToken).toBeUndefined()
  })

  it('without rotation the same refresh token keeps working', async () => {
    emu.controls.setRefreshTokenRotation(false)
    const { c, registration, grant } = await signIn()
    const first = await refreshAccessToken({
      client: c,
      registration,
      refreshToken: grant.refreshToken ?? '',
    })
    expect(first.refreshToken).toBe(grant.refreshToken)
    const second = await refreshAccessToken({
      client: c,
      registration,
      refreshToken: grant.refreshToken ?? '',
    })
    expect(second.accessToken).not.toBe(first.accessToken)
  })

  it('returns a new access token and a rotated refresh token; the old one stops working', async () => {
    const { c, registration, grant } = await signIn()
    const refreshed = await refreshAccessToken({
      client: c,
      registration,
      refreshToken: grant.refreshToken ?? '',
    })
    expect(refreshed.accessToken).not.toBe(grant.accessToken)
    expect(refreshed.refreshToken).toBeTruthy()
    expect(refreshed.refreshToken).not.toBe(grant.refreshToken)
    const err = await expectIdcError(
      refreshAccessToken({ client: c, registration, refreshToken: grant.refreshToken ?? '' }),
      'refresh-failed',
    )
    expect(err.message).not.toContain(grant.refreshToken ?? 'never')
  })
})

import { GetRoleCredentialsCommand, ListAccountsCommand, type SSOClient } from '@aws-sdk/client-sso'
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.js'
import { clients, failure, register, signIn, start, startDevice } from './helpers.js'

let emu: RunningEmulator
let oidc: SSOOIDCClient
let sso: SSOClient
let accessToken: string

beforeAll(async () => {
  emu = await start()
  ;({ oidc, sso } = clients(emu))
  accessToken = (await signIn(emu, oidc)).token.accessToken
})
afterAll(() => emu.stop())
beforeEach(() => emu.controls.reset())

const listAccounts = (client: SSOClient = sso) => client.send(new ListAccountsCommand({ accessToken }))

describe('injected latency', () => {
  it('delays the targeted operation by at least the configured time', async () => {
    emu.controls.faults.setLatency(400, 'ListAccounts')
    let t = performance.now()
    await listAccounts()
    expect(performance.now() - t).toBeGreaterThanOrEqual(380)
    // other operations are not delayed (loose bound: well under the injected latency)
    t = performance.now()
    await sso.send(
      new GetRoleCredentialsCommand({ accessToken, accountId: '111111111111', roleName: 'ReadOnly' }),
    )
    expect(performance.now() - t).toBeLessThan(380)
    emu.controls.faults.setLatency(0, 'ListAccounts')
    t = performance.now()
    await listAccounts()
    expect(performance.now() - t).toBeLessThan(380)
  })
})

describe('throttling', () => {
  it('the SDK sees TooManyRequestsException (429) after its 3 attempts', async () => {
    emu.controls.faults.throttleNext(10, 'ListAccounts')
    const f = await failure(listAccounts())
    expect(f).toMatchObject({ name: 'TooManyRequestsException', status: 429, attempts: 3 })
    expect(emu.controls.calls.count('ListAccounts')).toBe(3)
    expect(emu.controls.calls.list().every((c) => c.status === 429)).toBe(true)
  })

  it('one throttled call is absorbed by the SDK retry', async () => {
    emu.controls.faults.throttleNext(1, 'ListAccounts')
    const r = await listAccounts()
    expect(r.$metadata.attempts).toBe(2)
    expect(emu.controls.calls.list().map((c) => c.status)).toEqual([429, 200])
  })

  it('a rate limit answers 429 once calls arrive faster than allowed', async () => {
    emu.controls.faults.rateLimit(2, 'ListAccounts')
    const statuses = []
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${emu.url}/assignment/accounts`, {
        headers: { 'x-amz-sso_bearer_token': accessToken },
      })
      statuses.push(res.status)
      if (res.status === 429) {
        expect(res.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException')
        expect(((await res.json()) as { __type: string }).__type).toBe(
          'com.amazonaws.switchboard.portal#TooManyRequestsException',
        )
      } else await res.arrayBuffer()
    }
    expect(statuses.slice(0, 2)).toEqual([200, 200])
    expect(statuses).toContain(429)
    emu.controls.faults.rateLimit(null, 'ListAccounts')
    expect((await listAccounts()).$metadata.attempts).toBe(1)
  })

  const accountStatuses = async (n: number) => {
    const statuses: number[] = []
    for (let i = 0; i < n; i++) {
      const res = await fetch(`${emu.url}/assignment/accounts`, {
        headers: { 'x-amz-sso_bearer_token': accessToken },
      })
      await res.arrayBuffer()
      statuses.push(res.status)
    }
    return statuses
  }

  // A refill of 0.01 calls/s adds no token while these few calls run, so the counts are exact.
  it('a rate limit with a burst lets exactly that many calls through at once, then throttles', async () => {
    emu.controls.faults.rateLimit(0.01, 'ListAccounts', { burst: 4 })
    expect(await accountStatuses(6)).toEqual([200, 200, 200, 200, 429, 429])
    expect(emu.controls.faults.snapshot()).toMatchObject({
      rateLimits: { ListAccounts: 0.01 },
      rateLimitBursts: { ListAccounts: 4 },
    })
  })

  it('without a burst the bucket holds perSecond tokens (at least one)', async () => {
    emu.controls.faults.rateLimit(0.01, 'ListAccounts')
    expect(await accountStatuses(2)).toEqual([200, 429])
    expect(emu.controls.faults.snapshot().rateLimitBursts).toEqual({ ListAccounts: 1 })
    emu.controls.faults.rateLimit(3, 'ListAccounts')
    expect(emu.controls.faults.snapshot().rateLimitBursts).toEqual({ ListAccounts: 3 })
  })

  it('refuses a burst that is not a whole number of calls', () => {
    expect(() => emu.controls.faults.rateLimit(5, 'ListAccounts', { burst: 0 })).toThrow(/burst/)
    expect(() => emu.controls.faults.rateLimit(5, 'ListAccounts', { burst: 1.5 })).toThrow(/burst/)
  })

  it('throttled OIDC calls answer SlowDownException', async () => {
    const reg = await register(oidc)
    emu.controls.faults.throttleNext(1, 'StartDeviceAuthorization')
    expect(await failure(startDevice(emu, oidc, reg))).toMatchObject({
      name: 'SlowDownException',
      status: 400,
    })
  })
})

describe('5xx', () => {
  it('a single 500 is retried by the SDK and succeeds', async () => {
    emu.controls.faults.failNext(1, 'GetRoleCredentials')
    const r = await sso.send(
      new GetRoleCredentialsCommand({ accessToken, accountId: '111111111111', roleName: 'ReadOnly' }),
    )
    expect(r.$metadata.attempts).toBe(2)
    expect(emu.controls.calls.list().map((c) => c.status)).toEqual([500, 200])
  })

  it('persistent 503s surface after 3 attempts', async () => {
    emu.controls.faults.failNext(5, 'ListAccounts', 503)
    const f = await failure(listAccounts())
    expect(f).toMatchObject({ status: 503, attempts: 3, name: 'ServiceUnavailableException' })
  })

  it('"*" targets every operation', async () => {
    emu.controls.faults.failNext(1, '*')
    const res = await fetch(`${emu.url}/assignment/accounts`, {
      headers: { 'x-amz-sso_bearer_token': accessToken },
    })
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({
      message: 'An internal error occurred',
      __type: 'com.amazonaws.switchboard.portal#InternalServerException',
    })
  })
})

describe('dropped connections', () => {
  it('destroys the socket without a response; the SDK retries and succeeds', async () => {
    emu.controls.faults.dropNext(1, 'ListAccounts')
    const r = await listAccounts()
    expect(r.$metadata.attempts).toBe(2)
    expect(emu.controls.calls.list().map((c) => c.status)).toEqual([0, 200])
  })

  it('a client that does not retry sees a connection error', async () => {
    emu.controls.faults.dropNext(1, 'ListAccounts')
    await expect(
      fetch(`${emu.url}/assignment/accounts`, { headers: { 'x-amz-sso_bearer_token': accessToken } }),
    ).rejects.toThrow()
    const { sso: once } = clients(emu, { maxAttempts: 1 })
    emu.controls.faults.dropNext(1, 'ListAccounts')
    const f = await failure(listAccounts(once))
    expect(f.status).toBeUndefined()
    expect(f.message).toMatch(/socket hang up|ECONNRESET|other side closed|terminated/i)
  })
})

describe('call log', () => {
  it('counts calls by operation and detail, and resets', async () => {
    await signIn(emu, oidc)
    await sso.send(
      new GetRoleCredentialsCommand({ accessToken, accountId: '111111111111', roleName: 'ReadOnly' }),
    )
    await sso.send(
      new GetRoleCredentialsCommand({ accessToken, accountId: '111111111111', roleName: 'ReadOnly' }),
    )
    expect(emu.controls.calls.counts()).toEqual({
      RegisterClient: 1,
      StartDeviceAuthorization: 1,
      CreateToken: 1,
      'CreateToken:device_code': 1,
      GetRoleCredentials: 2,
      'GetRoleCredentials:111111111111/ReadOnly': 2,
    })
    expect(emu.controls.calls.count('CreateToken', 'refresh_token')).toBe(0)
    emu.controls.calls.reset()
    expect(emu.controls.calls.counts()).toEqual({})
  })
})

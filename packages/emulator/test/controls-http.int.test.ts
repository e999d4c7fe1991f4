import { GetRoleCredentialsCommand, ListAccountsCommand, type SSOClient } from '@aws-sdk/client-sso'
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.js'
import { clients, failure, pollDevice, register, signIn, start, startDevice } from './helpers.js'

let emu: RunningEmulator
let oidc: SSOOIDCClient
let sso: SSOClient

beforeAll(async () => {
  emu = await start()
  ;({ oidc, sso } = clients(emu))
})
afterAll(() => emu.stop())
beforeEach(() => control('POST', '/reset'))

/** Out-of-process callers (CLI children, pipelines) use only HTTP. */
async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(`${emu.url}/_emulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  // biome-ignore lint/suspicious/noExplicitAny: ad-hoc JSON from the control API, checked by the assertions
  return { status: res.status, body: (await res.json()) as Record<string, any> }
}

describe('HTTP control API', () => {
  it('GET /_emulator describes the instance', async () => {
    const r = await control('GET', '')
    expect(r.body).toMatchObject({
      startUrl: emu.startUrl,
      region: 'us-east-1',
      users: ['alice', 'bob'],
      autoApprove: true,
    })
  })

  it('clock: advancing over HTTP expires access tokens', async () => {
    const { token } = await signIn(emu, oidc)
    await sso.send(new ListAccountsCommand({ accessToken: token.accessToken }))
    const r = await control('POST', '/clock', { advanceSeconds: 3601 })
    expect(r.body.offsetMs).toBeGreaterThanOrEqual(3601_000)
    expect(
      await failure(sso.send(new ListAccountsCommand({ accessToken: token.accessToken }))),
    ).toMatchObject({
      name: 'UnauthorizedException',
    })
    await control('POST', '/clock', { reset: true })
    expect(
      (await sso.send(new ListAccountsCommand({ accessToken: token.accessToken }))).accountList,
    ).toHaveLength(3)
    const set = await control('POST', '/clock', { set: '2030-01-01T00:00:00Z' })
    expect(Date.parse(set.body.now)).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:00:00Z'))
    expect((await control('POST', '/clock', {})).status).toBe(400)
  })

  it('clock: the Date header of API responses follows the emulator clock', async () => {
    await control('POST', '/clock', { set: '2030-01-01T00:00:00Z' })
    const res = await fetch(`${emu.url}/assignment/accounts`)
    expect(res.status).toBe(401)
    const date = Date.parse(res.headers.get('date') ?? '')
    expect(date).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:00:00Z'))
    expect(date).toBeLessThan(Date.parse('2030-01-01T01:00:00Z'))
  })

  it('auto-approve off + approve/deny by user code', async () => {
    expect((await control('POST', '/auto-approve', { enabled: false })).body).toEqual({ autoApprove: false })
    const reg = await register(oidc)
    const d = await startDevice(emu, oidc, reg)
    expect(await failure(pollDevice(oidc, reg, d.deviceCode!))).toMatchObject({
      name: 'AuthorizationPendingException',
    })
    const pending = await control('GET', '/devices')
    expect(pending.body.pending.map((p: { userCode: string }) => p.userCode)).toContain(d.userCode)
    const approved = await control('POST', '/devices/approve', {
      userCode: d.userCode!.toLowerCase().replace('-', ''),
      userName: 'bob',
    })
    expect(approved.body).toMatchObject({ status: 'approved', userName: 'bob' })
    expect((await control('POST', '/devices/approve', { userCode: d.userCode })).status).toBe(409)
    expect((await control('POST', '/devices/deny', { userCode: 'ZZZZ-ZZZZ' })).status).toBe(404)
    await control('POST', '/clock', { advanceSeconds: 1 })
    expect((await pollDevice(oidc, reg, d.deviceCode!)).accessToken).toBeTruthy()

    const d2 = await startDevice(emu, oidc, reg)
    await control('POST', '/devices/deny', { userCode: d2.userCode })
    expect(await failure(pollDevice(oidc, reg, d2.deviceCode!))).toMatchObject({
      name: 'AccessDeniedException',
    })

    await control('POST', '/auto-approve', { enabled: true, afterPolls: 0 })
    const d3 = await startDevice(emu, oidc, reg)
    expect((await pollDevice(oidc, reg, d3.deviceCode!)).accessToken).toBeTruthy()
  })

  it('faults: error, throttle, drop and latency over HTTP, then DELETE clears them', async () => {
    const { token } = await signIn(emu, oidc)
    const list = () => sso.send(new ListAccountsCommand({ accessToken: token.accessToken }))
    await control('POST', '/faults/error', { operation: 'ListAccounts', count: 3, status: 503 })
    expect(await failure(list())).toMatchObject({ status: 503 })
    await control('POST', '/faults/throttle', { operation: 'ListAccounts', count: 3 })
    expect(await failure(list())).toMatchObject({ name: 'TooManyRequestsException' })
    await control('POST', '/faults/drop', { operation: 'ListAccounts', count: 1 })
    expect((await list()).$metadata.attempts).toBe(2)
    await control('POST', '/faults/latency', { operation: 'GetRoleCredentials', ms: 300 })
    const t = performance.now()
    await sso.send(
      new GetRoleCredentialsCommand({
        accessToken: token.accessToken,
        accountId: '111111111111',
        roleName: 'ReadOnly',
      }),
    )
    expect(performance.now() - t).toBeGreaterThanOrEqual(280)
    expect((await control('GET', '/faults')).body.latency).toEqual({ GetRoleCredentials: 300 })
    await control('POST', '/faults/throttle', { operation: 'ListAccounts', count: 5 })
    await control('DELETE', '/faults')
    expect((await list()).$metadata.attempts).toBe(1)
    expect((await control('POST', '/faults/error', { operation: 'NoSuchOp' })).status).toBe(400)
  })

  it('faults: a rate limit with a burst over HTTP', async () => {
    const { token } = await signIn(emu, oidc)
    const list = () => sso.send(new ListAccountsCommand({ accessToken: token.accessToken }))
    const set = await control('POST', '/faults/throttle', {
      operation: 'ListAccounts',
      perSecond: 0.01,
      burst: 2,
    })
    expect(set.body).toMatchObject({
      rateLimits: { ListAccounts: 0.01 },
      rateLimitBursts: { ListAccounts: 2 },
    })
    await list()
    await list()
    expect(await failure(list())).toMatchObject({ name: 'TooManyRequestsException' })
    expect((await control('POST', '/faults/throttle', { perSecond: 5, burst: 0 })).status).toBe(400)
    expect((await control('POST', '/faults/throttle', { perSecond: 5, burst: 'x' })).status).toBe(400)
    await control('POST', '/faults/throttle', { operation: 'ListAccounts', perSecond: null })
    expect((await control('GET', '/faults')).body.rateLimitBursts).toEqual({})
  })

  it('calls: readable and resettable', async () => {
    await signIn(emu, oidc)
    const r = await control('GET', '/calls')
    expect(r.body.counts).toMatchObject({ RegisterClient: 1, 'CreateToken:device_code': 1 })
    expect(r.body.calls[0]).toMatchObject({ operation: 'RegisterClient', status: 200 })
    await control('DELETE', '/calls')
    expect((await control('GET', '/calls')).body.counts).toEqual({})
  })

  it('refresh-token rotation can be switched over HTTP', async () => {
    const { CreateTokenCommand } = await import('@aws-sdk/client-sso-oidc')
    await control('POST', '/refresh-token-rotation', { enabled: false })
    const { reg, token } = await signIn(emu, oidc)
    const refresh = () =>
      oidc.send(
        new CreateTokenCommand({ ...reg, grantType: 'refresh_token', refreshToken: token.refreshToken! }),
      )
    expect((await refresh()).refreshToken).toBe(token.refreshToken)
    await control('POST', '/refresh-token-rotation', { enabled: true })
    expect((await refresh()).refreshToken).not.toBe(token.refreshToken)
    expect(await failure(refresh())).toMatchObject({ name: 'InvalidGrantException' })
  })

  it('PKCE decisions over HTTP', async () => {
    await control('POST', '/auto-approve', { enabled: false })
    const { RegisterClientCommand } = await import('@aws-sdk/client-sso-oidc')
    const r = await oidc.send(
      new RegisterClientCommand({
        clientName: 'pkce',
        clientType: 'public',
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: ['http://127.0.0.1/oauth/callback'],
        scopes: ['sso:account:access'],
      }),
    )
    const url = `${emu.url}/authorize?response_type=code&client_id=${r.clientId}&redirect_uri=${encodeURIComponent('http://127.0.0.1:5555/oauth/callback')}&state=abc&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=${'a'.repeat(43)}`
    await fetch(url, { redirect: 'manual' })
    const pending = await control('GET', '/authorizations')
    const id = pending.body.pending[0].id
    const approved = await control('POST', '/authorizations/approve', { id })
    expect(approved.body.location).toMatch(/^http:\/\/127\.0\.0\.1:5555\/oauth\/callback\?code=.+&state=abc$/)
    expect((await control('POST', '/authorizations/deny', { id })).status).toBe(409)
  })

  it('unknown control routes answer 404 JSON and are not logged as API calls', async () => {
    expect((await control('GET', '/nope')).status).toBe(404)
    expect((await control('GET', '/calls')).body.counts).toEqual({})
  })
})

import { generateFixture, type RunningEmulator, startEmulator } from '@idc/emulator'
import { afterEach, describe, expect, it } from 'vitest'
import { IdcError } from '../errors.js'
import { runDeviceFlow } from '../oidc/device-flow.js'
import { registerClient } from '../oidc/register.js'
import { createOidcClient, createPortalClient, type RetryPolicy } from '../sdk/clients.js'
import {
  getRoleCredentials,
  listAccountRoles,
  listAccounts,
  listAccountsWithRoles,
  logout,
  type PortalCallOptions,
} from './portal.js'

let emu: RunningEmulator | undefined
afterEach(async () => {
  await emu?.stop()
  emu = undefined
})

async function signedIn(
  fixture?: Parameters<typeof startEmulator>[0],
  retry: RetryPolicy = {},
): Promise<PortalCallOptions> {
  emu = await startEmulator({ autoApprove: true, autoApproveAfterPolls: 0, ...fixture })
  const oidc = await createOidcClient({ region: emu.region, endpoint: emu.url })
  const registration = await registerClient({
    client: oidc,
    flow: 'device',
    clientName: 't',
    startUrl: emu.startUrl,
  })
  const grant = await runDeviceFlow({ client: oidc, registration, startUrl: emu.startUrl })
  const client = await createPortalClient({ region: emu.region, endpoint: emu.url, retry })
  return { client, accessToken: grant.accessToken, region: emu.region }
}

async function idcError(p: Promise<unknown>): Promise<IdcError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!IdcError.is(err)) throw new Error(`expected an IdcError, got ${String(err)}`)
  expect(err.hint).toBeTruthy()
  return err
}

describe('portal calls against the emulator', () => {
  it('lists every account across pages and every role', async () => {
    const opts = await signedIn()
    const accounts = await listAccounts({ ...opts, pageSize: 1 })
    expect(accounts.map((a) => a.accountId)).toEqual(['111111111111', '222222222222', '333333333333'])
    expect(emu?.controls.calls.count('ListAccounts')).toBe(3)
    const roles = await listAccountRoles({ ...opts, pageSize: 1 }, '111111111111')
    expect(roles.map((r) => r.roleName).sort()).toEqual(['AdministratorAccess', 'ReadOnly'])
    const all = await listAccountsWithRoles(opts)
    expect(all.find((a) => a.accountId === '333333333333')?.roles).toEqual(['ReadOnly'])
  })

  it('gets role credentials with the expiration from epoch milliseconds', async () => {
    const opts = await signedIn()
    const creds = await getRoleCredentials(opts, '111111111111', 'ReadOnly')
    expect(creds.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(creds.accountId).toBe('111111111111')
    const left = (creds.expiration?.getTime() ?? 0) - Date.now()
    expect(left).toBeGreaterThan(50 * 60_000)
    expect(left).toBeLessThan(61 * 60_000)
  })

  it('a role not assigned is forbidden, with a hint naming the role listing', async () => {
    const opts = await signedIn()
    const err = await idcError(getRoleCredentials(opts, '333333333333', 'AdministratorAccess'))
    expect(err.code).toBe('forbidden')
    expect(err.message).toContain('AdministratorAccess')
    expect(err.hint).toContain('aws-idc roles --account-id 333333333333')
  })

  it('a token from another session or after logout is unauthorized, naming the region', async () => {
    const opts = await signedIn()
    expect(await logout(opts)).toBeUndefined()
    const err = await idcError(listAccounts(opts))
    expect(err.code).toBe('unauthorized')
    expect(err.message).toContain('us-east-1')
    expect(err.message).not.toContain(opts.accessToken)
  })

  it('retries throttling beyond the SDK attempts within the budget', async () => {
    const opts = await signedIn()
    // The SDK makes three attempts; five throttled answers need our own retries too.
    emu?.controls.faults.throttleNext(5, 'ListAccounts')
    const accounts = await listAccounts(opts)
    expect(accounts).toHaveLength(3)
    expect(emu?.controls.calls.count('ListAccounts')).toBeGreaterThanOrEqual(6)
  })

  it('gives up on throttling after the attempt budget with a throttled IdcError', async () => {
    const opts = await signedIn(undefined, { maxAttempts: 2 })
    emu?.controls.faults.throttleNext(1000, 'ListAccounts')
    const err = await idcError(listAccounts(opts))
    expect(err.code).toBe('throttled')
    expect(emu?.controls.calls.count('ListAccounts')).toBe(2)
  })

  it('retries server errors and dropped connections', async () => {
    const opts = await signedIn()
    emu?.controls.faults.failNext(4, 'GetRoleCredentials', 503)
    const creds = await getRoleCredentials(opts, '111111111111', 'ReadOnly')
    expect(creds.accessKeyId).toBeTruthy()
  })

  it('a role listing that fails while account pages are still loading rejects once, not as unhandled', async () => {
    const opts = await signedIn(
      { fixture: generateFixture({ accounts: 250, rolesPerAccount: 1 }) },
      { maxAttempts: 1 },
    )
    const unhandled: unknown[] = []
    const onUnhandled = (e: unknown) => unhandled.push(e)
    process.on('unhandledRejection', onUnhandled)
    try {
      emu?.controls.faults.failNext(1000, 'ListAccountRoles', 500)
      emu?.controls.faults.setLatency(50, 'ListAccounts')
      const err = await idcError(listAccountsWithRoles({ ...opts, pageSize: 50 }))
      expect(err.code).toBe('service-error')
      await new Promise((r) => setTimeout(r, 100))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('lists 200 accounts x 3 roles with bounded concurrency under a rate limit', async () => {
    const opts = await signedIn({ fixture: generateFixture({ accounts: 200, rolesPerAccount: 3 }) })
    emu?.controls.faults.rateLimit(400, 'ListAccountRoles')
    const warnings: string[] = []
    const onWarning = (w: Error) => warnings.push(w.name)
    process.on('warning', onWarning)
    const all = await listAccountsWithRoles({
      ...opts,
      concurrency: 32,
      signal: new AbortController().signal,
    })
    await new Promise((r) => setImmediate(r))
    process.off('warning', onWarning)
    // 32 requests in flight on one signal must not trip Node's listener-leak warning.
    expect(warnings).not.toContain('MaxListenersExceededWarning')
    expect(all).toHaveLength(200)
    expect(all.every((a) => a.roles.length === 3)).toBe(true)
    // Pages of 100 (the service maximum) by default: two ListAccounts calls for 200 accounts.
    expect(emu?.controls.calls.count('ListAccounts')).toBe(2)
    expect(new Set(all.map((a) => a.accountId)).size).toBe(200)
  })
})

import { ListAccountsCommand } from '@aws-sdk/client-sso'
import { generateFixture } from '@idc/emulator'
import { afterEach, describe, expect, it } from 'vitest'
import { type Sandbox, sandbox } from '../../test/session/harness.js'
import { IdcError } from '../errors.js'
import { createAdaptiveConcurrency } from '../sdk/adaptive-concurrency.js'
import { createPortalClient } from '../sdk/clients.js'
import { login } from '../session/login.js'
import { listAccountsAndRoles } from '../session/portal-ops.js'
import { resolveTarget } from '../session/resolve.js'
import { getToken } from '../session/token.js'
import { listAccounts, listAccountsWithRoles } from './portal.js'

let box: Sandbox | undefined
afterEach(async () => {
  await box?.cleanup()
  box = undefined
})

const SESSION = { from: 'sso-session', sessionName: 'my-sso' } as const

async function signedIn(accounts: number, rolesPerAccount: number) {
  box = await sandbox({ fixture: generateFixture({ accounts, rolesPerAccount }) })
  await login(SESSION, { env: box.env, onAuthorizeUrl: async (url) => void (await fetch(url)) })
  return box
}

function roleCalls(b: Sandbox) {
  const calls = b.emu.controls.calls.list().filter((c) => c.operation === 'ListAccountRoles')
  return { total: calls.length, throttled: calls.filter((c) => c.status === 429).length }
}

describe('listing under throttling: the adaptive window (sdk/adaptive-concurrency.ts)', () => {
  it('under a binding rate limit: every role listed, no failure, far fewer throttled attempts than a fixed concurrency', async () => {
    const b = await signedIn(300, 2)
    b.emu.controls.faults.setLatency(20, 'ListAccountRoles')
    // 200 calls a second, 20 at once: about 4 calls in flight at 20 ms a call is what it allows.
    const limit = () => b.emu.controls.faults.rateLimit(200, 'ListAccountRoles', { burst: 20 })
    limit()
    const all = await listAccountsAndRoles(SESSION, { env: b.env, concurrency: 64 })
    expect(all).toHaveLength(300)
    expect(all.every((a) => a.roles.length === 2)).toBe(true)
    const adaptive = roleCalls(b)
    // One call per account succeeded; each throttled answer was retried by the SDK's strategy alone.
    expect(adaptive.total - adaptive.throttled).toBe(300)

    // The same listing at a fixed 64 calls in flight (the listing before the window), same limit.
    b.emu.controls.calls.reset()
    limit()
    const target = await resolveTarget(SESSION, { env: b.env })
    const token = await getToken(target, { env: b.env })
    const client = await createPortalClient({ region: b.emu.region, endpoint: b.emu.url })
    await listAccountsWithRoles({ client, accessToken: token.accessToken, concurrency: 64 })
    const fixed = roleCalls(b)
    // Measured on 2 busy cores: adaptive 22-90 of 300, fixed 62-149. Load inflates both.
    expect(adaptive.throttled).toBeLessThan(fixed.throttled)
    expect(adaptive.throttled).toBeLessThan(150)
  })

  it('without a limit the window grows to the cap, and never beyond it', async () => {
    const b = await signedIn(200, 1)
    b.emu.controls.faults.setLatency(20, 'ListAccountRoles')
    const target = await resolveTarget(SESSION, { env: b.env })
    const token = await getToken(target, { env: b.env })
    const window = createAdaptiveConcurrency({ max: 16 })
    const client = await createPortalClient({
      region: b.emu.region,
      endpoint: b.emu.url,
      concurrency: window,
    })
    const all = await listAccountsWithRoles({ client, accessToken: token.accessToken, concurrency: 32 })
    expect(all).toHaveLength(200)
    expect(window.peak).toBe(16)
    expect(window.limit).toBe(16)
    expect(window.throttled).toBe(0)
  })
})

describe('the middleware cache keeps every call abortable', () => {
  it('the budget ends a call waiting out a throttling backoff, and the retry due later is not sent', async () => {
    const b = await signedIn(3, 1)
    const target = await resolveTarget(SESSION, { env: b.env })
    const token = await getToken(target, { env: b.env })
    // Throttling backs off 0-1 s before the first retry (base 500 ms); the budget is shorter.
    const client = await createPortalClient({
      region: b.emu.region,
      endpoint: b.emu.url,
      retry: { maxAttempts: 6, budgetMs: 50 },
    })
    b.emu.controls.faults.throttleNext(100, 'ListAccounts')
    const err = await listAccounts({ client, accessToken: token.accessToken }).catch((e: unknown) => e)
    expect(IdcError.is(err) && err.message).toContain('no answer within 0 s')
    const sent = b.emu.controls.calls.count('ListAccounts')
    // Any retry the SDK had scheduled is due within 1 s (its throttling backoff); none reaches the service.
    await new Promise((r) => setTimeout(r, 1500))
    expect(b.emu.controls.calls.count('ListAccounts')).toBe(sent)
  })

  it("the caller's abort ends a call in flight", async () => {
    const b = await signedIn(3, 1)
    const target = await resolveTarget(SESSION, { env: b.env })
    const token = await getToken(target, { env: b.env })
    const client = await createPortalClient({ region: b.emu.region, endpoint: b.emu.url })
    b.emu.controls.faults.setLatency(30_000, 'ListAccounts')
    const abort = new AbortController()
    const pending = client.send(new ListAccountsCommand({ accessToken: token.accessToken }), {
      abortSignal: abort.signal,
    })
    setTimeout(() => abort.abort(), 50)
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    // The same command class again, through the cached middleware: still works.
    b.emu.controls.faults.setLatency(0, 'ListAccounts')
    const out = await client.send(new ListAccountsCommand({ accessToken: token.accessToken }))
    expect(out.accountList).toHaveLength(3)
  })
})

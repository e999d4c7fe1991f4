import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { afterEach, describe, expect, it } from 'vitest'
import { openInBrowser, type Sandbox, sandbox } from '../test/harness.js'
import { fromIdentityCenter, getCredentials, IdcError, login } from './index.js'

let box: Sandbox | undefined
afterEach(async () => {
  await box?.cleanup()
  box = undefined
})

const ROLE = '111111111111/ReadOnly'

async function signedIn(): Promise<Sandbox> {
  const b = await sandbox()
  await login({ profile: 'dev', env: b.env, onAuthorizeUrl: openInBrowser })
  return b
}

describe('fromIdentityCenter', () => {
  it('signs an STS GetCallerIdentity call (the emulator verifies SigV4)', async () => {
    box = await signedIn()
    const sts = new STSClient({
      region: 'eu-west-1',
      endpoint: box.emu.url,
      credentials: fromIdentityCenter({ profile: 'dev', env: box.env }),
    })
    const who = await sts.send(new GetCallerIdentityCommand({}))
    expect(who.Account).toBe('111111111111')
    expect(who.Arn).toMatch(
      /^arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_ReadOnly_[0-9a-f]+\/alice$/,
    )
    // The SDK uses the provider's own memo (it is marked `memoized`): a second request fetches nothing.
    await sts.send(new GetCallerIdentityCommand({}))
    expect(box.emu.controls.calls.count('GetRoleCredentials', ROLE)).toBe(1)
  })

  it('10,000 concurrent calls cause one GetRoleCredentials; past the refresh window the next call refreshes once', async () => {
    box = await signedIn()
    const emu = box.emu
    const provider = fromIdentityCenter({ profile: 'dev', env: box.env, now: () => emu.controls.clock.now() })
    const all = await Promise.all(Array.from({ length: 10_000 }, () => provider()))
    expect(emu.controls.calls.count('GetRoleCredentials', ROLE)).toBe(1)
    const first = all[0]!
    expect(all.every((c) => c === first)).toBe(true)
    expect(first).toMatchObject({ accountId: '111111111111', sessionToken: expect.any(String) })
    expect(first.expiration).toBeInstanceOf(Date)
    expect(Object.keys(first).sort()).toEqual(
      ['accessKeyId', 'accountId', 'expiration', 'secretAccessKey', 'sessionToken'].sort(),
    )

    // 44 minutes later (16 left of the emulator's 1-hour role credentials): still memoized.
    emu.controls.clock.advance(44 * 60_000)
    expect(await provider()).toBe(first)
    expect(emu.controls.calls.count('GetRoleCredentials', ROLE)).toBe(1)

    // 2 more minutes: inside the 15-minute window. Concurrent callers share the one refresh.
    emu.controls.clock.advance(2 * 60_000)
    const next = await Promise.all(Array.from({ length: 100 }, () => provider()))
    expect(emu.controls.calls.count('GetRoleCredentials', ROLE)).toBe(2)
    const second = next[0]!
    expect(next.every((c) => c === second)).toBe(true)
    expect(second.accessKeyId).not.toBe(first.accessKeyId)
    expect(second.expiration.getTime()).toBeGreaterThan(first.expiration.getTime())
    // The token had 14 minutes left too: it was refreshed once on the way (refresh-token grant).
    expect(emu.controls.calls.count('CreateToken', 'refresh_token')).toBe(1)
    expect(await provider()).toBe(second)
    expect(emu.controls.calls.count('GetRoleCredentials', ROLE)).toBe(2)
  })

  it('keeps serving the old credentials when a refresh fails while they are valid, then recovers', async () => {
    box = await signedIn()
    const emu = box.emu
    const provider = fromIdentityCenter({
      profile: 'dev',
      env: box.env,
      now: () => emu.controls.clock.now(),
      clientConfig: { maxAttempts: 1 },
    })
    const first = await provider()
    emu.controls.clock.advance(50 * 60_000)
    // Every attempt fails (core retries 5xx a few times with backoff before giving up).
    emu.controls.faults.failNext(1_000, 'GetRoleCredentials', 503)
    expect(await provider()).toBe(first)
    const failed = emu.controls.calls.count('GetRoleCredentials', ROLE)
    emu.controls.faults.reset()
    // Still inside the window: the next call tries again, and succeeds.
    const after = await provider()
    expect(after.accessKeyId).not.toBe(first.accessKeyId)
    expect(emu.controls.calls.count('GetRoleCredentials', ROLE)).toBe(failed + 1)
  })

  it('forceRefresh fetches new credentials even though the role cache is fresh', async () => {
    box = await signedIn()
    const provider = fromIdentityCenter({ profile: 'dev', env: box.env })
    const first = await provider()
    const forced = await provider({ forceRefresh: true })
    expect(forced.accessKeyId).not.toBe(first.accessKeyId)
    expect(await provider()).toBe(forced)
    expect(box.emu.controls.calls.count('GetRoleCredentials', ROLE)).toBe(2)
  })

  it('a window wider than the role cache rule (15 min) still gets fresh credentials', async () => {
    box = await signedIn()
    const emu = box.emu
    const now = () => emu.controls.clock.now()
    const first = await fromIdentityCenter({ profile: 'dev', env: box.env, now })()
    emu.controls.clock.advance(20 * 60_000) // 40 minutes left: the role cache is still reusable
    const wide = await fromIdentityCenter({
      profile: 'dev',
      env: box.env,
      now,
      refreshWindowMs: 45 * 60_000,
    })()
    expect(wide.accessKeyId).not.toBe(first.accessKeyId)
    expect(emu.controls.calls.count('GetRoleCredentials', ROLE)).toBe(2)
  })

  it('a second provider (another process, in effect) reuses the AWS CLI-compatible role cache', async () => {
    box = await signedIn()
    const a = await fromIdentityCenter({ profile: 'dev', env: box.env })()
    const b = await fromIdentityCenter({ profile: 'dev', env: box.env })()
    expect(b.accessKeyId).toBe(a.accessKeyId)
    expect(box.emu.controls.calls.count('GetRoleCredentials', ROLE)).toBe(1)
  })

  it("login: 'device' signs in with the device code flow and hands the code to onVerification", async () => {
    box = await sandbox({ autoApproveAfterPolls: 1 })
    const seen: { userCode: string; verificationUriComplete: string }[] = []
    const provider = fromIdentityCenter({
      profile: 'dev',
      env: box.env,
      login: 'device',
      onVerification: (v) => void seen.push(v),
    })
    const creds = await provider()
    expect(creds.accountId).toBe('111111111111')
    expect(seen).toHaveLength(1)
    expect(seen[0]!.userCode).toMatch(/\S/)
    expect(seen[0]!.verificationUriComplete).toContain(seen[0]!.userCode)
    expect(box.emu.controls.calls.count('CreateToken', 'device_code')).toBeGreaterThanOrEqual(1)
    expect(box.emu.controls.calls.count('GetRoleCredentials', ROLE)).toBe(1)
  })

  it("login: 'never' (the default) rejects with an IdcError whose hint names the sign-in command", async () => {
    box = await sandbox()
    const err = await fromIdentityCenter({ profile: 'dev', env: box.env })().catch((e: unknown) => e)
    expect(IdcError.is(err)).toBe(true)
    const e = err as IdcError
    expect(e.code).toBe('token-missing')
    expect(e.hint).toContain('aws-idc login --profile dev')
    expect(box.emu.controls.calls.count('GetRoleCredentials')).toBe(0)
    // The hint's command can be replaced by the application's own.
    const custom = await getCredentials({
      profile: 'dev',
      env: box.env,
      loginCommand: 'npm run login',
    }).catch((x: unknown) => x)
    expect((custom as IdcError).hint).toContain('npm run login')
  })

  it('uses AWS_PROFILE from env by default, and sso-session / start URL targets', async () => {
    box = await signedIn()
    const viaEnv = await fromIdentityCenter({ env: { ...box.env, AWS_PROFILE: 'dev' } })()
    expect(viaEnv.accountId).toBe('111111111111')
    const viaSession = await getCredentials({
      ssoSession: 'my-sso',
      accountId: '222222222222',
      roleName: 'AdministratorAccess',
      env: box.env,
    })
    expect(viaSession.accountId).toBe('222222222222')
    // Plain values, cached under the same session name: the sign-in above is reused.
    const viaValues = await getCredentials({
      startUrl: 'https://d-1234567890.awsapps.com/start',
      ssoRegion: 'us-east-1',
      ssoSession: 'my-sso',
      accountId: '111111111111',
      roleName: 'AdministratorAccess',
      env: box.env,
    })
    expect(viaValues.accountId).toBe('111111111111')
  })

  it('rejects options that cannot work, synchronously', () => {
    expect(() => fromIdentityCenter({ login: 'browser' })).toThrowError(
      expect.objectContaining({ code: 'invalid-argument' }),
    )
    expect(() =>
      fromIdentityCenter({ profile: 'dev', startUrl: 'https://x', ssoRegion: 'us-east-1' } as never),
    ).toThrowError(expect.objectContaining({ code: 'invalid-argument' }))
    expect(() => fromIdentityCenter({ startUrl: 'https://x' } as never)).toThrowError(
      expect.objectContaining({ code: 'invalid-argument' }),
    )
  })

  it('honours an abort signal', async () => {
    box = await sandbox({ autoApprove: false })
    const ac = new AbortController()
    const provider = fromIdentityCenter({
      profile: 'dev',
      env: box.env,
      login: 'device',
      signal: ac.signal,
      onVerification: () => ac.abort(),
    })
    const err = await provider().catch((e: unknown) => e)
    expect(IdcError.is(err) && err.code).toBe('aborted')
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import { type Sandbox, sandbox } from '../../test/session/harness.js'

// Test double (named as such): node:fs/promises' readFile wrapped to count reads; every read is real.
const reads = vi.hoisted(() => [] as string[])
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...real,
    readFile: (...args: Parameters<typeof real.readFile>) => {
      reads.push(String(args[0]))
      return real.readFile(...args)
    },
  }
})

const { getCredentials } = await import('./credentials.js')
const { login } = await import('./login.js')
const { lookupWarm, roleCacheFileFor } = await import('../warm.js')

let box: Sandbox | undefined
afterEach(async () => {
  await box?.cleanup()
  box = undefined
})

describe('one credential pipeline', () => {
  it('reads the role cache once before the lock (no second warm read inside refreshOnce)', async () => {
    box = await sandbox()
    await login({ from: 'profile', profile: 'dev' }, { env: box.env, onAuthorizeUrl: (u) => void fetch(u) })
    const first = await getCredentials({ from: 'profile', profile: 'dev' }, { env: box.env })
    expect(first.source).toBe('portal')
    const file = roleCacheFileFor(first.target, { env: box.env })
    reads.length = 0
    const fresh = await getCredentials({ from: 'profile', profile: 'dev' }, { env: box.env })
    expect(fresh.source).toBe('cache')
    expect(reads.filter((p) => p === file)).toHaveLength(1)
    // An entry inside the refresh window: the warm read, then the read under the lock.
    reads.length = 0
    const stale = await getCredentials(
      { from: 'profile', profile: 'dev' },
      { env: box.env, refreshWindowMs: 2 * 3600_000 },
    )
    expect(stale.source).toBe('portal')
    expect(reads.filter((p) => p === file)).toHaveLength(2)
  })

  it('the cold path continues from the target the warm path resolved (config read once)', async () => {
    box = await sandbox()
    await login({ from: 'profile', profile: 'dev' }, { env: box.env, onAuthorizeUrl: (u) => void fetch(u) })
    reads.length = 0
    const warm = await lookupWarm({ from: 'profile', profile: 'dev' }, { env: box.env })
    expect(warm.result).toBeUndefined()
    const target = warm.target
    if (!target) throw new Error('an SSO profile resolves to a target on the warm path')
    const cold = await getCredentials(target, { env: box.env, cacheStale: true })
    expect(cold.source).toBe('portal')
    const file = roleCacheFileFor(target, { env: box.env })
    expect(reads.filter((p) => p === box!.configFile)).toHaveLength(1)
    // The warm read, then the read under the lock: none in between.
    expect(reads.filter((p) => p === file)).toHaveLength(2)
  })

  it('account and role travel in the request, overriding the profile', async () => {
    box = await sandbox()
    await login({ from: 'profile', profile: 'dev' }, { env: box.env, onAuthorizeUrl: (u) => void fetch(u) })
    const result = await getCredentials(
      { from: 'profile', profile: 'dev', roleName: 'AdministratorAccess' },
      { env: box.env },
    )
    expect(result.target).toMatchObject({ accountId: '111111111111', roleName: 'AdministratorAccess' })
  })
})

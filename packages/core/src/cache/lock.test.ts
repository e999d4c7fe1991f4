import { mkdir, stat, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { lock } from 'proper-lockfile'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../../test/cache/helpers.js'
import { IdcError } from '../errors.js'
import { lockPathFor, withLock } from './lock.js'
import { processStartTime } from './lock-owner.js'
import { refreshOnce } from './refresh-once.js'
import { createSingleFlight } from './single-flight.js'

const tempDir = useTempDirs()
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  )

describe('withLock (one process)', () => {
  it('runs callers for the same file one at a time, creating the cache directory', async () => {
    const file = join(await tempDir(), 'new', 'dir', 'x.json')
    let active = 0
    let maxActive = 0
    let runs = 0
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withLock(file, async () => {
          active++
          maxActive = Math.max(maxActive, active)
          expect(await exists(lockPathFor(file))).toBe(true)
          await sleep(5)
          active--
          runs++
        }),
      ),
    )
    expect({ maxActive, runs }).toEqual({ maxActive: 1, runs: 8 })
    expect(await exists(lockPathFor(file))).toBe(false)
  })

  it('does not serialise different files', async () => {
    const dir = await tempDir()
    let active = 0
    let maxActive = 0
    await Promise.all(
      ['a.json', 'b.json'].map((name) =>
        withLock(join(dir, name), async () => {
          active++
          maxActive = Math.max(maxActive, active)
          await sleep(30)
          active--
        }),
      ),
    )
    expect(maxActive).toBe(2)
  })

  it('releases the lock when fn throws and passes the error on', async () => {
    const file = join(await tempDir(), 'x.json')
    const boom = new Error('boom')
    await expect(withLock(file, async () => Promise.reject(boom))).rejects.toBe(boom)
    expect(await exists(lockPathFor(file))).toBe(false)
    await expect(withLock(file, async () => 42)).resolves.toBe(42)
  })

  it('gives up with lock-failed naming the lock when a live holder keeps it', async () => {
    const file = join(await tempDir(), 'x.json')
    // Another holder, as another process would take it (same proper-lockfile protocol).
    const release = await lock(file, { realpath: false, lockfilePath: lockPathFor(file) })
    try {
      const started = Date.now()
      const error = await withLock(file, async () => 'never', { waitMs: 400 }).catch((e: unknown) => e)
      expect(IdcError.is(error) && error.code).toBe('lock-failed')
      expect((error as IdcError).message).toContain(lockPathFor(file))
      expect((error as IdcError).hint).toBeTruthy()
      expect(Date.now() - started).toBeGreaterThanOrEqual(390)
      expect(Date.now() - started).toBeLessThan(3000)
    } finally {
      await release()
    }
  })

  it('takes over a lock left by a dead process once it is stale', async () => {
    const file = join(await tempDir(), 'x.json')
    await mkdir(lockPathFor(file))
    const old = new Date(Date.now() - 60_000)
    await utimes(lockPathFor(file), old, old)
    const started = Date.now()
    await expect(withLock(file, async () => 'got it', { waitMs: 1000 })).resolves.toBe('got it')
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('creates the lock directory 0700 and its owner file 0600, also under umask 000', async () => {
    const file = join(await tempDir(), 'x.json')
    const old = process.umask(0)
    try {
      await withLock(file, async () => {
        expect((await stat(lockPathFor(file))).mode & 0o777).toBe(0o700)
        expect((await stat(join(lockPathFor(file), 'owner'))).mode & 0o777).toBe(0o600)
      })
    } finally {
      process.umask(old)
    }
    expect(await exists(lockPathFor(file))).toBe(false)
  })

  it('a live holder in this process (by its owner file) is not taken over', async () => {
    const file = join(await tempDir(), 'x.json')
    await mkdir(lockPathFor(file))
    await writeFile(
      join(lockPathFor(file), 'owner'),
      JSON.stringify({ pid: process.pid, host: hostname(), start: processStartTime(process.pid) }),
    )
    const error = await withLock(file, async () => 'never', { waitMs: 300 }).catch((e: unknown) => e)
    expect(IdcError.is(error) && error.code).toBe('lock-failed')
  })

  it('a holder whose pid was reused by a later process is dead (start time differs)', async () => {
    const file = join(await tempDir(), 'x.json')
    await mkdir(lockPathFor(file))
    await writeFile(
      join(lockPathFor(file), 'owner'),
      JSON.stringify({ pid: process.pid, host: hostname(), start: '1' }),
    )
    const expected = process.platform === 'linux' ? 'got it' : 'lock-failed'
    const got = await withLock(file, async () => 'got it', { waitMs: 300 }).catch((e: IdcError) => e.code)
    expect(got).toBe(expected)
  })

  it('fails with lock-failed, not a hang, when the lock cannot be created at all', async () => {
    const root = await tempDir()
    await writeFile(join(root, 'file'), '')
    const error = await withLock(join(root, 'file', 'x.json'), async () => 1).catch((e: unknown) => e)
    expect(IdcError.is(error) && error.code).toBe('lock-failed')
  })
})

describe('singleFlight', () => {
  it('shares one in-flight call per key and forgets it once settled', async () => {
    const flight = createSingleFlight()
    let calls = 0
    const fn = async () => {
      const id = ++calls
      await sleep(10)
      return id
    }
    const [a, b, c] = await Promise.all([flight('k', fn), flight('k', fn), flight('other', fn)])
    expect([a, b, c]).toEqual([1, 1, 2])
    expect(calls).toBe(2)
    await flight('k', fn)
    expect(calls).toBe(3)
  })

  it('shares a failure with concurrent callers but does not cache it', async () => {
    const flight = createSingleFlight()
    let calls = 0
    const failing = async () => {
      calls++
      throw new Error('nope')
    }
    const results = await Promise.allSettled([flight('k', failing), flight('k', failing)])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(calls).toBe(1)
    await expect(flight('k', async () => 'ok')).resolves.toBe('ok')
  })
})

describe('refreshOnce (one process)', () => {
  it('20 concurrent callers with a stale value cause one refresh and all get its result', async () => {
    const file = join(await tempDir(), 'x.json')
    let stored = { version: 0, fresh: false }
    let refreshes = 0
    const options = {
      file,
      singleFlight: createSingleFlight(),
      read: async () => stored,
      isFresh: (v: typeof stored) => v.fresh,
      refresh: async (stale: typeof stored | undefined) => {
        refreshes++
        await sleep(20)
        stored = { version: (stale?.version ?? 0) + 1, fresh: true }
        return stored
      },
    }
    const results = await Promise.all(Array.from({ length: 20 }, () => refreshOnce(options)))
    expect(refreshes).toBe(1)
    expect(results.every((r) => r.value.version === 1)).toBe(true)
    // Now fresh: answered from the cache, no lock, no refresh.
    expect(await refreshOnce(options)).toEqual({ value: { version: 1, fresh: true }, refreshed: false })
    expect(refreshes).toBe(1)
  })

  it('re-reads under the lock: a value refreshed meanwhile by someone else is used', async () => {
    const file = join(await tempDir(), 'x.json')
    let reads = 0
    const result = await refreshOnce({
      file,
      singleFlight: createSingleFlight(),
      // First read (outside the lock) sees a stale value; the re-read under the lock a fresh one.
      read: async () => (++reads === 1 ? 'stale' : 'fresh'),
      isFresh: (v) => v === 'fresh',
      refresh: async () => {
        throw new Error('must not refresh')
      },
    })
    expect(result).toEqual({ value: 'fresh', refreshed: false })
  })
})

import { describe, expect, it } from 'vitest'
import { DEFAULT_REFRESH_WINDOW_MS, memoizeCredentials, refreshAtOf } from './memoize.js'

const HOUR = 3_600_000
const MIN = 60_000

function setup(lifetimeMs = HOUR) {
  let clock = 1_000_000_000_000
  let n = 0
  let failWith: Error | undefined
  const calls: boolean[] = []
  const fetch = async (force: boolean) => {
    calls.push(force)
    await new Promise((r) => setTimeout(r, 5))
    if (failWith) throw failWith
    n += 1
    return { id: n, expiration: new Date(clock + lifetimeMs) }
  }
  const provider = memoizeCredentials(fetch, { refreshWindowMs: DEFAULT_REFRESH_WINDOW_MS, now: () => clock })
  return {
    provider,
    calls,
    advance: (ms: number) => {
      clock += ms
    },
    fail: (e: Error | undefined) => {
      failWith = e
    },
  }
}

describe('memoizeCredentials', () => {
  it('shares one fetch among concurrent callers and memoizes until the refresh window', async () => {
    const t = setup()
    const all = await Promise.all(Array.from({ length: 1000 }, () => t.provider()))
    expect(new Set(all.map((c) => c.id))).toEqual(new Set([1]))
    expect(t.calls).toEqual([false])
    t.advance(44 * MIN)
    expect((await t.provider()).id).toBe(1)
    t.advance(2 * MIN) // 14 minutes left: inside the 15-minute window
    const again = await Promise.all([t.provider(), t.provider(), t.provider()])
    expect(again.map((c) => c.id)).toEqual([2, 2, 2])
    expect(t.calls).toEqual([false, false])
  })

  it('keeps the previous credentials when a refresh fails while they are valid, and retries next call', async () => {
    const t = setup()
    await t.provider()
    t.advance(50 * MIN)
    t.fail(new Error('portal down'))
    expect((await t.provider()).id).toBe(1)
    expect((await t.provider()).id).toBe(1)
    expect(t.calls).toHaveLength(3) // each call after the failure tried again
    t.fail(undefined)
    expect((await t.provider()).id).toBe(2)
  })

  it('rejects when the refresh fails and the previous credentials have expired', async () => {
    const t = setup()
    await t.provider()
    t.advance(HOUR + 1)
    t.fail(new Error('portal down'))
    await expect(t.provider()).rejects.toThrow('portal down')
  })

  it('rejects with the first error when there was nothing before', async () => {
    const t = setup()
    t.fail(new Error('no sign-in'))
    await expect(t.provider()).rejects.toThrow('no sign-in')
    t.fail(undefined)
    expect((await t.provider()).id).toBe(1)
  })

  it('forceRefresh fetches anew (forced), and joins an in-flight forced refresh', async () => {
    const t = setup()
    await t.provider()
    const [a, b] = await Promise.all([t.provider({ forceRefresh: true }), t.provider({ forceRefresh: true })])
    expect(a.id).toBe(2)
    expect(b.id).toBe(2)
    expect(t.calls).toEqual([false, true])
    expect((await t.provider()).id).toBe(2)
  })

  it('a forced call during a normal refresh starts its own fetch after it', async () => {
    const t = setup()
    const normal = t.provider()
    const forced = t.provider({ forceRefresh: true })
    expect((await normal).id).toBe(1)
    expect((await forced).id).toBe(2)
    expect(t.calls).toEqual([false, true])
  })

  it('a forced refresh that fails rejects even if the previous credentials are valid', async () => {
    const t = setup()
    await t.provider()
    t.fail(new Error('boom'))
    await expect(t.provider({ forceRefresh: true })).rejects.toThrow('boom')
  })

  it('credentials shorter-lived than the window are refreshed halfway, not on every call', async () => {
    const t = setup(10 * MIN)
    await t.provider()
    t.advance(4 * MIN)
    expect((await t.provider()).id).toBe(1)
    t.advance(2 * MIN)
    expect((await t.provider()).id).toBe(2)
  })

  it('refreshAtOf', () => {
    expect(refreshAtOf(100 * MIN, 0, 15 * MIN)).toBe(85 * MIN)
    expect(refreshAtOf(10 * MIN, 0, 15 * MIN)).toBe(5 * MIN)
    expect(refreshAtOf(0, 10, 15 * MIN)).toBe(10)
  })

  it('rejects a negative window', () => {
    expect(() =>
      memoizeCredentials(async () => ({ expiration: new Date() }), { refreshWindowMs: -1, now: Date.now }),
    ).toThrow(RangeError)
  })
})

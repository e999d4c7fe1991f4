import { describe, expect, it } from 'vitest'
import { createAdaptiveConcurrency, isThrottling } from './adaptive-concurrency.js'

/** Acquires `n` places; each resolved release is kept in order. */
async function take(window: ReturnType<typeof createAdaptiveConcurrency>, n: number) {
  return Promise.all(Array.from({ length: n }, () => window.acquire()))
}

const settle = () => new Promise((r) => setImmediate(r))

describe('createAdaptiveConcurrency (AIMD)', () => {
  it('starts at min(max, 4) and admits no more than the window', async () => {
    const w = createAdaptiveConcurrency({ max: 32 })
    expect(w.limit).toBe(4)
    const first = await take(w, 4)
    let fifth = false
    void w.acquire().then(() => {
      fifth = true
    })
    await settle()
    expect(fifth).toBe(false)
    expect(w.inFlight).toBe(4)
    first[0]?.('other') // a 5xx neither grows nor shrinks the window
    await settle()
    expect(fifth).toBe(true)
    expect(w.limit).toBe(4)
  })

  it('grows by one per success until the first throttle (slow start), up to the cap', async () => {
    const w = createAdaptiveConcurrency({ max: 10 })
    for (let i = 0; i < 20; i++) (await w.acquire())('ok')
    expect(w.limit).toBe(10)
    expect(w.max).toBe(10)
  })

  it('halves on throttling once per window, then grows by one per window of successes', async () => {
    const w = createAdaptiveConcurrency({ max: 64, initial: 16 })
    const inFlight = await take(w, 16)
    // Every attempt of one window answers 429: one signal, one halving (as TCP, once per round trip).
    for (const release of inFlight) release('throttled')
    expect(w.limit).toBe(8)
    expect(w.throttled).toBe(16)
    // Congestion avoidance now: a window's worth of successes adds one place, not one each.
    for (let i = 0; i < 9; i++) (await w.acquire())('ok')
    expect(w.limit).toBe(9)
    // A new window's throttle halves again, never below 1.
    for (let i = 0; i < 6; i++) (await w.acquire())('throttled')
    expect(w.limit).toBeLessThanOrEqual(1)
    expect(w.limit).toBe(1)
  })

  it('never has more in flight than the window while tasks finish in any order', async () => {
    const w = createAdaptiveConcurrency({ max: 12 })
    let peakSeen = 0
    const outcomes = ['ok', 'ok', 'throttled', 'ok', 'other', 'ok'] as const
    await Promise.all(
      Array.from({ length: 300 }, async (_, i) => {
        const release = await w.acquire()
        peakSeen = Math.max(peakSeen, w.inFlight)
        expect(w.inFlight).toBeLessThanOrEqual(Math.max(w.limit, 1) + 12)
        await new Promise((r) => setImmediate(r))
        release(outcomes[i % outcomes.length] ?? 'ok')
      }),
    )
    expect(w.inFlight).toBe(0)
    expect(w.peak).toBe(peakSeen)
    expect(w.peak).toBeLessThanOrEqual(12)
  })

  it('a release is counted once', async () => {
    const w = createAdaptiveConcurrency({ max: 8, initial: 2 })
    const release = await w.acquire()
    release('throttled')
    release('throttled')
    expect(w.throttled).toBe(1)
    expect(w.inFlight).toBe(0)
  })

  it('an aborted wait rejects with AbortError and gives up its turn', async () => {
    const w = createAdaptiveConcurrency({ max: 1, initial: 1 })
    const held = await w.acquire()
    const abort = new AbortController()
    const waiting = w.acquire(abort.signal)
    abort.abort()
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' })
    await expect(w.acquire(abort.signal)).rejects.toMatchObject({ name: 'AbortError' })
    held('ok')
    const next = await w.acquire()
    expect(w.inFlight).toBe(1)
    next('ok')
  })
})

describe('isThrottling', () => {
  it('is what the SDK retry strategy treats as throttling', () => {
    expect(isThrottling({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } })).toBe(true)
    expect(isThrottling({ name: 'Whatever', $metadata: { httpStatusCode: 429 } })).toBe(true)
    expect(isThrottling({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } })).toBe(true)
    expect(isThrottling({ name: 'SlowDownException', $retryable: { throttling: true } })).toBe(true)
    expect(isThrottling({ name: 'InternalServerException', $metadata: { httpStatusCode: 500 } })).toBe(false)
    expect(isThrottling({ name: 'SlowDownException' })).toBe(false)
    expect(isThrottling(undefined)).toBe(false)
  })
})

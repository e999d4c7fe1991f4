import { describe, expect, it } from 'vitest'
import { IdcError } from '../errors.js'
import { createLimiter, withRetry } from './retry.js'

describe('createLimiter', () => {
  it('never runs more than the limit at once and runs everything', async () => {
    const limit = createLimiter(3)
    let active = 0
    let peak = 0
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          active++
          peak = Math.max(peak, active)
          await new Promise((r) => setTimeout(r, 2))
          active--
          return i
        }),
      ),
    )
    expect(peak).toBe(3)
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i))
  })

  it('keeps going after a task fails', async () => {
    const limit = createLimiter(1)
    const failed = limit(() => Promise.reject(new Error('x')))
    await expect(failed).rejects.toThrow('x')
    await expect(limit(async () => 'ok')).resolves.toBe('ok')
  })
})

describe('withRetry', () => {
  it('retries retryable errors and stops at the attempt budget', async () => {
    let calls = 0
    const throttled = Object.assign(new Error('slow'), { name: 'TooManyRequestsException' })
    await expect(
      withRetry(
        async () => {
          calls++
          throw throttled
        },
        { maxAttempts: 4, baseDelayMs: 1 },
      ),
    ).rejects.toBe(throttled)
    expect(calls).toBe(4)
  })

  it('does not retry errors that will not change', async () => {
    let calls = 0
    const forbidden = new IdcError('forbidden', 'no')
    await expect(
      withRetry(async () => {
        calls++
        throw forbidden
      }),
    ).rejects.toBe(forbidden)
    expect(calls).toBe(1)
  })
})

describe('withRetry: what a person sees (issue 10 items 11 and 18)', () => {
  const throttled = () => Object.assign(new Error('slow'), { name: 'TooManyRequestsException' })

  it('Ctrl-C during a retry wait is a cancelled request, not a cancelled sign-in', async () => {
    const abort = new AbortController()
    const run = withRetry(
      async () => {
        setTimeout(() => abort.abort(new Error('Interrupted.')), 5)
        throw throttled()
      },
      { signal: abort.signal, baseDelayMs: 5_000, maxDelayMs: 5_000, budgetMs: 60_000 },
    )
    const error = await run.catch((e: unknown) => e)
    expect(IdcError.is(error) && error.code).toBe('aborted')
    expect((error as Error).message).not.toMatch(/sign-in/i)
  })

  it('reports each retry (attempt and limit) before it waits', async () => {
    const seen: string[] = []
    let calls = 0
    await withRetry(
      async () => {
        if (++calls < 3) throw throttled()
        return 'ok'
      },
      { baseDelayMs: 1, onRetry: (r) => seen.push(`${r.attempt}/${r.maxAttempts}`) },
    )
    expect(seen).toEqual(['2/6', '3/6'])
  })
})

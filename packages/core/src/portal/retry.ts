import { isRetryableAwsError } from '../aws-errors.js'
import { abortError, sleep } from '../oidc/sleep.js'

export interface RetryPolicy {
  /** Total attempts including the first (on top of the SDK's own three). Default 6. */
  maxAttempts?: number | undefined
  /** Stop retrying once this much time has passed since the first attempt. Default 20 s. */
  budgetMs?: number | undefined
  /** First backoff; doubles each time, full jitter. Default 100 ms. */
  baseDelayMs?: number | undefined
  maxDelayMs?: number | undefined
  signal?: AbortSignal | undefined
  /** Called before each retry's wait (progress on a terminal: "retrying, throttled 3/6"). */
  onRetry?: ((retry: { attempt: number; maxAttempts: number; error: unknown }) => void) | undefined
}

/**
 * Retries throttling, 5xx and dropped connections with full-jitter exponential backoff, within an
 * attempt and time budget. The SDK already retries three times; listing 1,000 accounts under a rate
 * limit needs more patience than that, but never unbounded.
 */
export async function withRetry<T>(fn: () => Promise<T>, policy: RetryPolicy = {}): Promise<T> {
  const maxAttempts = policy.maxAttempts ?? 6
  const budgetMs = policy.budgetMs ?? 20_000
  const base = policy.baseDelayMs ?? 100
  const cap = policy.maxDelayMs ?? 2_000
  const started = Date.now()
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (err) {
      if (policy.signal?.aborted) throw abortError(policy.signal, 'request')
      const delay = Math.random() * Math.min(cap, base * 2 ** (attempt - 1))
      if (!isRetryableAwsError(err) || attempt >= maxAttempts || Date.now() - started + delay > budgetMs)
        throw err
      policy.onRetry?.({ attempt: attempt + 1, maxAttempts, error: err })
      await sleep(delay, policy.signal, 'request')
    }
  }
}

/** A gate that runs at most `limit` tasks at once, the rest in arrival order. */
export function createLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  const max = Math.max(1, Math.floor(limit))
  let active = 0
  const queue: (() => void)[] = []
  const release = () => {
    active--
    queue.shift()?.()
  }
  return (task) =>
    new Promise((resolve, reject) => {
      const start = () => {
        active++
        task().then(resolve, reject).finally(release)
      }
      if (active < max) start()
      else queue.push(start)
    })
}

/**
 * How many attempts a client has in flight, adapted as TCP adapts its congestion window (AIMD): the
 * window grows while attempts succeed (doubling per round trip until the first throttle, then by one
 * per round trip) and halves when the service throttles, at most once per round trip (a burst of
 * 429s from one window is one signal). `max` caps it: the caller's `concurrency`.
 *
 * It gates attempts, not calls: a throttled call waiting out the retry strategy's backoff holds no
 * place, so the calls that can go on do. Hand-written because no maintained library adapts a
 * concurrency limit on Node (p-limit and the SDK's adaptive retry mode are fixed limits and a
 * client-side rate respectively).
 */
export interface AdaptiveConcurrency {
  /** The current window (attempts allowed in flight), 1..max. */
  readonly limit: number
  readonly max: number
  readonly inFlight: number
  /** The most attempts that were ever in flight at once. */
  readonly peak: number
  /** Throttled attempts seen. */
  readonly throttled: number
  /** Waits for a place (in arrival order); the returned function gives it back with the outcome. */
  acquire(signal?: AbortSignal): Promise<(outcome: AttemptOutcome) => void>
}

/** `other`: a fault that says nothing about the service's rate (a 5xx, a dropped connection, a 4xx). */
export type AttemptOutcome = 'ok' | 'throttled' | 'other'

export interface AdaptiveConcurrencyOptions {
  /** The cap (at least 1). */
  max: number
  /** The window to start with. Default min(max, 4). */
  initial?: number | undefined
}

export function createAdaptiveConcurrency(options: AdaptiveConcurrencyOptions): AdaptiveConcurrency {
  const max = Math.max(1, Math.floor(options.max))
  let window = Math.min(max, Math.max(1, options.initial ?? 4))
  // Slow start until the first throttle, as TCP's ssthresh.
  let threshold = max
  // Attempts started before the last decrease carry an older epoch: their 429s are the same signal.
  let epoch = 0
  let inFlight = 0
  let peak = 0
  let throttled = 0
  const waiting: Array<() => void> = []

  const admit = () => {
    while (waiting.length > 0 && inFlight < Math.floor(window)) waiting.shift()?.()
  }

  const start = (): ((outcome: AttemptOutcome) => void) => {
    inFlight++
    peak = Math.max(peak, inFlight)
    const started = epoch
    let done = false
    return (outcome) => {
      if (done) return
      done = true
      inFlight--
      if (outcome === 'ok') {
        window = Math.min(max, window < threshold ? window + 1 : window + 1 / window)
      } else if (outcome === 'throttled') {
        throttled++
        if (started === epoch) {
          epoch++
          threshold = Math.max(1, window / 2)
          window = threshold
        }
      }
      admit()
    }
  }

  return {
    get limit() {
      return Math.floor(window)
    },
    max,
    get inFlight() {
      return inFlight
    },
    get peak() {
      return peak
    },
    get throttled() {
      return throttled
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(abortError(signal))
      if (waiting.length === 0 && inFlight < Math.floor(window)) return Promise.resolve(start())
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          const at = waiting.indexOf(go)
          if (at !== -1) waiting.splice(at, 1)
          if (signal) reject(abortError(signal))
        }
        const go = () => {
          signal?.removeEventListener('abort', onAbort)
          resolve(start())
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        waiting.push(go)
      })
    },
  }
}

/**
 * Throttling as the SDK's retry strategy classifies it (429, the services' throttling error names,
 * or marked retryable-throttling, as sdk/clients.ts marks SlowDown).
 */
export function isThrottling(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false
  const e = error as {
    name?: string
    $metadata?: { httpStatusCode?: number }
    $retryable?: { throttling?: boolean }
  }
  return (
    e.$metadata?.httpStatusCode === 429 ||
    e.$retryable?.throttling === true ||
    /^(TooManyRequestsException|Throttling|ThrottlingException|ThrottledException|RequestThrottled|RequestThrottledException|RequestLimitExceeded|SlowDown|BandwidthLimitExceeded|ProvisionedThroughputExceededException|LimitExceededException)$/.test(
      e.name ?? '',
    )
  )
}

/** An abort as the SDK's HTTP handler reports it (name AbortError, the signal's reason as cause). */
export function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('Request aborted'), { name: 'AbortError', cause: signal.reason })
}

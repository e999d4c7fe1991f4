/** botocore's advisory refresh window: refresh when less than 15 minutes remain. */
export const DEFAULT_REFRESH_WINDOW_MS = 15 * 60 * 1000

export interface MemoizeOptions {
  /** Refresh once less than this is left before `expiration`. */
  refreshWindowMs: number
  /** Clock in ms since the epoch. */
  now: () => number
  debug?: ((line: string) => void) | undefined
}

/** Fetches credentials; `force` asks for new ones even if a cache holds fresh ones. */
export type Fetch<T> = (force: boolean) => Promise<T>

/** What the SDK passes to an identity provider; only `forceRefresh` is used. */
export type IdentityProperties = { forceRefresh?: boolean | undefined } & Record<string, unknown>

/**
 * Wraps `fetch` so that every caller gets the same value until it enters the refresh window, all
 * concurrent callers share one in-flight fetch, and a failed refresh falls back to the previous
 * value while that has not expired (the next call tries again).
 */
export function memoizeCredentials<T extends { readonly expiration: Date }>(
  fetch: Fetch<T>,
  options: MemoizeOptions,
): (properties?: IdentityProperties) => Promise<T> {
  const { refreshWindowMs, now } = options
  if (!Number.isFinite(refreshWindowMs) || refreshWindowMs < 0)
    throw new RangeError(`refreshWindowMs must be a finite number >= 0, got ${refreshWindowMs}`)
  let current: { value: T; refreshAt: number } | undefined
  let inflight: { promise: Promise<T>; force: boolean } | undefined

  const refresh = async (force: boolean, before: Promise<unknown> | undefined): Promise<T> => {
    // A forced refresh queued behind a normal one starts after it, so it really fetches anew.
    if (before) await before.catch(() => undefined)
    try {
      const value = await fetch(force)
      current = { value, refreshAt: refreshAtOf(value.expiration.getTime(), now(), refreshWindowMs) }
      return value
    } catch (error) {
      const previous = current?.value
      if (!force && previous && previous.expiration.getTime() > now()) {
        options.debug?.('refreshing the credentials failed; the previous ones are still valid and are used')
        return previous
      }
      throw error
    }
  }

  return (properties) => {
    const force = properties?.forceRefresh === true
    if (!force && current && now() < current.refreshAt) return Promise.resolve(current.value)
    if (inflight && (inflight.force || !force)) return inflight.promise
    const entry = { promise: refresh(force, inflight?.promise), force }
    inflight = entry
    const clear = () => {
      if (inflight === entry) inflight = undefined
    }
    entry.promise.then(clear, clear)
    return entry.promise
  }
}

/**
 * When to refresh: `refreshWindowMs` before expiration; for credentials that live shorter than the
 * window, halfway through their remaining life (never in a loop of immediate refreshes).
 */
export function refreshAtOf(expiration: number, now: number, refreshWindowMs: number): number {
  const at = expiration - refreshWindowMs
  return at > now ? at : now + Math.max(0, (expiration - now) / 2)
}

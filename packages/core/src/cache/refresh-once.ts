import { type LockOptions, withLock } from './lock.js'
import { singleFlight as defaultSingleFlight, type SingleFlight } from './single-flight.js'

export interface RefreshOnceOptions<T> {
  /** The cache file; its lock serialises refreshes across processes. */
  file: string
  /** Reads the cache; undefined when absent or unusable. */
  read: () => Promise<T | undefined>
  /** Whether a cached value can be used as is. */
  isFresh: (value: T) => boolean
  /** Fetches a new value and writes it to the cache; gets the stale value (e.g. for its refresh token). */
  refresh: (stale: T | undefined) => Promise<T>
  /**
   * The caller has just read the cache and found it unusable (the warm path): go straight to the
   * lock instead of reading it again first.
   */
  knownStale?: boolean | undefined
  lock?: LockOptions | undefined
  /** Defaults to the process-wide group, keyed by the file path. */
  singleFlight?: SingleFlight | undefined
}

export interface RefreshOnceResult<T> {
  value: T
  /** True when this call (or the in-process call it joined) did the fetch. */
  refreshed: boolean
}

/**
 * The cache pattern every caller should use, so that N callers in M processes that all find a
 * stale entry cause exactly one fetch: single-flight within the process, then under the file lock
 * re-read the cache, because another process may have refreshed it while we waited.
 */
export async function refreshOnce<T>(options: RefreshOnceOptions<T>): Promise<RefreshOnceResult<T>> {
  if (!options.knownStale) {
    const cached = await options.read()
    if (cached !== undefined && options.isFresh(cached)) return { value: cached, refreshed: false }
  }
  const group = options.singleFlight ?? defaultSingleFlight
  return group(`refresh:${options.file}`, () =>
    withLock(
      options.file,
      async () => {
        const current = await options.read()
        if (current !== undefined && options.isFresh(current)) return { value: current, refreshed: false }
        return { value: await options.refresh(current), refreshed: true }
      },
      options.lock,
    ),
  )
}

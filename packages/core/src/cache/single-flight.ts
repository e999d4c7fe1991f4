/** Runs `fn` unless a call with the same key is already in flight, in which case it shares that one. */
export type SingleFlight = <T>(key: string, fn: () => Promise<T>) => Promise<T>

/**
 * A fresh single-flight group. Concurrent callers in one process (e.g. several SDK clients asking
 * a credential provider at once) then cause one refresh instead of queueing on the file lock and
 * each re-reading the cache. The entry is dropped once the call settles, so a failure is not
 * cached and the next caller tries again.
 */
export function createSingleFlight(): SingleFlight {
  const inFlight = new Map<string, Promise<unknown>>()
  return <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const existing = inFlight.get(key)
    if (existing) return existing as Promise<T>
    const promise = (async () => {
      try {
        return await fn()
      } finally {
        inFlight.delete(key)
      }
    })()
    inFlight.set(key, promise)
    return promise
  }
}

/** The process-wide group used by default. */
export const singleFlight: SingleFlight = createSingleFlight()

import { IdcError } from '../errors.js'

/** Resolves after `ms`, or rejects with IdcError 'aborted' as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal))
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortError(signal))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

export function abortError(signal?: AbortSignal): IdcError {
  return new IdcError('aborted', 'Sign-in was cancelled.', {
    hint: 'Nothing was written; run the command again to sign in.',
    cause: signal?.reason,
  })
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(signal)
}

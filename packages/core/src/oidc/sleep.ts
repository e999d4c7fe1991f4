import { IdcError } from '../errors.js'

/** What a cancelled wait was for: the error says so (Ctrl-C during a listing is no cancelled sign-in). */
export type Cancelled = 'sign-in' | 'request'

/** Resolves after `ms`, or rejects with IdcError 'aborted' as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal, what: Cancelled = 'sign-in'): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal, what))
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortError(signal, what))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

export function abortError(signal?: AbortSignal, what: Cancelled = 'sign-in'): IdcError {
  if (what === 'request') {
    return new IdcError('aborted', 'Cancelled.', {
      hint: 'Nothing was changed; run the command again.',
      cause: signal?.reason,
    })
  }
  return new IdcError('aborted', 'Sign-in was cancelled.', {
    hint: 'Nothing was written; run the command again to sign in.',
    cause: signal?.reason,
  })
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(signal)
}

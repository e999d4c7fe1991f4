import { dirname, resolve } from 'node:path'
import { IdcError } from '../errors.js'
import { ensureDir } from './atomic-write.js'
import { errorCode } from './json-file.js'
import { holderIsDead, lockFs } from './lock-owner.js'

export interface LockOptions {
  /**
   * A lock whose directory has not been touched for this long belongs to a dead process and is
   * taken over. The holder touches it every `staleMs / 2`. Every process must use the same value
   * (a waiter with a shorter one would steal a live lock), so change it only in tests; proper-lockfile
   * enforces at least 2000.
   */
  staleMs?: number
  /** Give up with 'lock-failed' after waiting this long for another holder. */
  waitMs?: number
}

export const LOCK_STALE_MS = 10_000
export const LOCK_WAIT_MS = 30_000

/**
 * The lock for a cache file: a directory `<file>.lock` next to it (proper-lockfile uses mkdir,
 * which is atomic everywhere). The AWS CLI and the JS SDK only open `<sha1>.json` by name, and
 * `aws sso logout` skips entries it cannot parse as JSON, so they ignore it.
 */
export function lockPathFor(file: string): string {
  return `${resolve(file)}.lock`
}

// Callers in this process queue here first: proper-lockfile tracks one lock per path per process,
// and waiting on a promise is cheaper than polling the file system.
const localQueues = new Map<string, Promise<void>>()

/**
 * Runs `fn` while holding the inter-process lock for `file`, so that of N processes finding the
 * same stale cache entry only one refreshes it. Use it as: lock → re-read the cache → still stale?
 * fetch and write → unlock (see `refreshOnce`). The lock is released when `fn` settles, and by
 * proper-lockfile's exit handler on Ctrl-C. A process killed outright leaves a directory; its
 * `owner` file (pid, host, process start time) lets the next caller see at once that the holder is
 * gone and take over; a lock without one (an older aws-idc) is taken over once it is `staleMs` old. Not re-entrant: calling withLock for the same file
 * inside `fn` waits for itself and fails with 'lock-failed' after `waitMs`.
 */
export async function withLock<T>(file: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const target = resolve(file)
  const lockPath = lockPathFor(target)
  const staleMs = options.staleMs ?? LOCK_STALE_MS
  const waitMs = options.waitMs ?? LOCK_WAIT_MS
  const deadline = Date.now() + waitMs

  const previous = localQueues.get(lockPath) ?? Promise.resolve()
  let done!: () => void
  const mine = new Promise<void>((r) => {
    done = r
  })
  const tail = previous.then(() => mine)
  localQueues.set(lockPath, tail)
  try {
    await waitUntil(previous, deadline, lockPath, waitMs)
    const release = await acquire(target, lockPath, staleMs, deadline, waitMs)
    try {
      return await fn()
    } finally {
      // A compromised lock (event loop blocked past `staleMs`) cannot be released; nothing to undo.
      await release().catch(() => {})
    }
  } finally {
    done()
    if (localQueues.get(lockPath) === tail) localQueues.delete(lockPath)
  }
}

async function acquire(
  target: string,
  lockPath: string,
  staleMs: number,
  deadline: number,
  waitMs: number,
): Promise<() => Promise<void>> {
  // Loaded lazily: only refreshes take the lock, and the warm credential path should not pay for
  // proper-lockfile and graceful-fs.
  const { lock } = await import('proper-lockfile')
  // mkdir of the lock needs the cache directory.
  await ensureDir(dirname(target)).catch((error: unknown) => {
    throw new IdcError(
      'lock-failed',
      `Cannot create the lock ${lockPath}: its directory cannot be created.`,
      {
        hint: 'Check that the cache directory belongs to you and is writable.',
        cause: error,
        details: { path: lockPath },
      },
    )
  })
  let delay = 20
  for (;;) {
    try {
      return await lock(target, {
        fs: lockFs(),
        stale: staleMs,
        realpath: false, // the cache file itself may not exist yet
        lockfilePath: lockPath,
        retries: 0, // we retry ourselves, bounded by a deadline rather than a count
        // The default throws from a timer, crashing the process. Losing the lock only risks one
        // duplicate fetch (writes are atomic), so carry on.
        onCompromised: () => {},
      })
    } catch (error) {
      if (errorCode(error) !== 'ELOCKED') {
        const full = errorCode(error) === 'ENOSPC'
        throw new IdcError(
          'lock-failed',
          `Cannot create the lock ${lockPath}${full ? ': the disk is full' : ` (${errorCode(error) ?? 'error'})`}.`,
          {
            hint: full
              ? `Free some space on the disk holding ${dirname(lockPath)}, then run the command again.`
              : 'Check that the cache directory belongs to you and is writable.',
            cause: error,
            details: { path: lockPath },
          },
        )
      }
      // A holder that was killed (SIGKILL, power loss) is seen at once, not after `staleMs`.
      if (await holderIsDead(lockPath)) continue
      const left = deadline - Date.now()
      if (left <= 0) throw timedOut(lockPath, waitMs)
      // Jittered exponential backoff so that many waiters do not poll in step.
      await sleep(Math.min(left, delay * (0.5 + Math.random())))
      delay = Math.min(delay * 1.5, 500)
    }
  }
}

async function waitUntil(
  previous: Promise<void>,
  deadline: number,
  lockPath: string,
  waitMs: number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut(lockPath, waitMs)), Math.max(0, deadline - Date.now()))
  })
  try {
    await Promise.race([previous, timeout])
  } finally {
    clearTimeout(timer)
  }
}

function timedOut(lockPath: string, waitMs: number): IdcError {
  return new IdcError(
    'lock-failed',
    `Timed out after ${Math.round(waitMs / 1000)} s waiting for the lock ${lockPath}.`,
    {
      hint: 'Another aws-idc process is refreshing the same credentials and is still running; wait for it or stop it, then try again.',
      details: { path: lockPath, waitMs },
    },
  )
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

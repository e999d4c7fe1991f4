import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import type { Context, MiddlewareHandler } from 'hono'
import type { CallLog } from './calls.js'
import type { AppEnv } from './context.js'
import { isOperation, OPERATIONS, type Operation, operationFor } from './operations.js'
import { oidcErrorResponse } from './wire/oidc-errors.js'
import { portalErrorResponse } from './wire/portal-errors.js'
import { stsErrorResponse } from './wire/sts-errors.js'

/** An operation name, or `'*'` for every API operation. */
export type FaultTarget = Operation | '*'

export interface FaultsSnapshot {
  latency: Record<string, number>
  throttleNext: Record<string, number>
  /** Calls per second of each rate limit. */
  rateLimits: Record<string, number>
  /** The bucket size (burst) of each rate limit. */
  rateLimitBursts: Record<string, number>
  failNext: Record<string, { count: number; status: 500 | 503 }>
  dropNext: Record<string, number>
}

interface Bucket {
  perSecond: number
  /** The bucket size: calls allowed at once after a quiet spell. */
  burst: number
  tokens: number
  updatedAt: number
}

/** What the middleware does to one call. */
type Action = { kind: 'drop' } | { kind: 'throttle' } | { kind: 'error'; status: 500 | 503 } | undefined

function checkTarget(target: string): FaultTarget {
  if (target === '*' || isOperation(target)) return target
  throw new RangeError(
    `unknown operation ${JSON.stringify(target)} (use an operation name such as ListAccounts, or *)`,
  )
}

function checkCount(count: number): number {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a non-negative integer, got ${count}`)
  return count
}

/**
 * Injected faults, per operation or for all (`'*'`). Counted faults ("the next N calls") are consumed
 * by the calls they hit; a specific operation's rule is used before the `'*'` rule.
 */
export class Faults {
  #latency = new Map<FaultTarget, number>()
  #throttleNext = new Map<FaultTarget, number>()
  #rateLimits = new Map<FaultTarget, Bucket>()
  #failNext = new Map<FaultTarget, { count: number; status: 500 | 503 }>()
  #dropNext = new Map<FaultTarget, number>()

  /** Delay every matching call by `ms` before it is handled (0 removes the rule). */
  setLatency(ms: number, operation: FaultTarget = '*'): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`latency must be >= 0 ms, got ${ms}`)
    const target = checkTarget(operation)
    if (ms === 0) this.#latency.delete(target)
    else this.#latency.set(target, ms)
  }

  /** The next `count` matching calls are throttled (portal 429 TooManyRequestsException, OIDC SlowDownException, STS Throttling). */
  throttleNext(count: number, operation: FaultTarget = '*'): void {
    this.#throttleNext.set(checkTarget(operation), checkCount(count))
  }

  /**
   * Allow at most `perSecond` matching calls per second, as a token bucket in real time: the bucket
   * holds `burst` tokens (default `perSecond`, at least 1), starts full, refills at `perSecond`, and
   * each call takes one; a call that finds it empty is throttled. So after a quiet spell `burst`
   * calls pass at once, then `perSecond` a second. `null` removes the limit.
   */
  rateLimit(perSecond: number | null, operation: FaultTarget = '*', options: { burst?: number } = {}): void {
    const target = checkTarget(operation)
    if (perSecond === null) {
      this.#rateLimits.delete(target)
      return
    }
    if (!Number.isFinite(perSecond) || perSecond <= 0)
      throw new RangeError(`perSecond must be > 0, got ${perSecond}`)
    const burst = options.burst ?? Math.max(1, perSecond)
    if (!Number.isInteger(burst) || burst < 1)
      throw new RangeError(`burst must be an integer >= 1, got ${burst}`)
    this.#rateLimits.set(target, { perSecond, burst, tokens: burst, updatedAt: performance.now() })
  }

  /** The next `count` matching calls fail with 500 InternalServerException (or 503). */
  failNext(count: number, operation: FaultTarget = '*', status: 500 | 503 = 500): void {
    if (status !== 500 && status !== 503) throw new RangeError(`status must be 500 or 503, got ${status}`)
    this.#failNext.set(checkTarget(operation), { count: checkCount(count), status })
  }

  /** The next `count` matching calls have their connection destroyed without any response. */
  dropNext(count: number, operation: FaultTarget = '*'): void {
    this.#dropNext.set(checkTarget(operation), checkCount(count))
  }

  reset(): void {
    this.#latency.clear()
    this.#throttleNext.clear()
    this.#rateLimits.clear()
    this.#failNext.clear()
    this.#dropNext.clear()
  }

  snapshot(): FaultsSnapshot {
    return {
      latency: Object.fromEntries(this.#latency),
      throttleNext: Object.fromEntries(this.#throttleNext),
      rateLimits: Object.fromEntries([...this.#rateLimits].map(([k, b]) => [k, b.perSecond])),
      rateLimitBursts: Object.fromEntries([...this.#rateLimits].map(([k, b]) => [k, b.burst])),
      failNext: Object.fromEntries(this.#failNext),
      dropNext: Object.fromEntries(this.#dropNext),
    }
  }

  latencyFor(op: Operation): number {
    return this.#latency.get(op) ?? this.#latency.get('*') ?? 0
  }

  /** Decide (and consume) the fault for one call. */
  take(op: Operation): Action {
    if (takeCounted(this.#dropNext, op)) return { kind: 'drop' }
    if (takeCounted(this.#throttleNext, op)) return { kind: 'throttle' }
    const bucketKey = this.#rateLimits.has(op) ? op : '*'
    const bucket = this.#rateLimits.get(bucketKey)
    if (bucket) {
      const now = performance.now()
      bucket.tokens = Math.min(
        bucket.burst,
        bucket.tokens + ((now - bucket.updatedAt) / 1000) * bucket.perSecond,
      )
      bucket.updatedAt = now
      if (bucket.tokens < 1) return { kind: 'throttle' }
      bucket.tokens -= 1
    }
    const failKey = (this.#failNext.get(op)?.count ?? 0) > 0 ? op : '*'
    const fail = this.#failNext.get(failKey)
    if (fail && fail.count > 0) {
      fail.count--
      return { kind: 'error', status: fail.status }
    }
    return undefined
  }
}

function takeCounted(map: Map<FaultTarget, number>, op: Operation): boolean {
  for (const key of [op, '*'] as const) {
    const n = map.get(key) ?? 0
    if (n > 0) {
      map.set(key, n - 1)
      return true
    }
  }
  return false
}

function throttled(op: Operation): Response {
  switch (OPERATIONS[op].service) {
    case 'portal':
      return portalErrorResponse('TooManyRequestsException', 'Too many requests')
    case 'oidc':
      return oidcErrorResponse('SlowDownException', 'Too many requests')
    case 'sts':
      return stsErrorResponse('Throttling')
  }
}

function failed(op: Operation, status: 500 | 503): Response {
  switch (OPERATIONS[op].service) {
    case 'portal':
      return status === 500
        ? portalErrorResponse('InternalServerException', 'An internal error occurred')
        : portalErrorResponse('ServiceUnavailableException', 'Service is unavailable')
    case 'oidc':
      return oidcErrorResponse('InternalServerException', 'An internal error occurred', status)
    case 'sts':
      return stsErrorResponse(status === 500 ? 'InternalFailure' : 'ServiceUnavailable')
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Records every API call in the call log and applies injected faults before the route runs.
 * Pages and `/_emulator` control routes are neither logged nor faulted.
 */
export function faultsMiddleware(faults: Faults, calls: CallLog): MiddlewareHandler<AppEnv> {
  return async (c: Context<AppEnv>, next) => {
    const op = operationFor(c.req.method, c.req.path)
    if (!op) return next()
    const at = Date.now()
    const latency = faults.latencyFor(op)
    if (latency > 0) await sleep(latency)
    const action = faults.take(op)
    if (action?.kind === 'drop') {
      calls.record({ operation: op, status: 0, at })
      c.env.incoming.socket.destroy()
      return RESPONSE_ALREADY_SENT
    }
    if (action?.kind === 'throttle' || action?.kind === 'error') {
      const res = action.kind === 'throttle' ? throttled(op) : failed(op, action.status)
      calls.record({ operation: op, status: res.status, at })
      return res
    }
    await next()
    const detail = c.get('callDetail')
    calls.record({
      operation: c.get('callOperation') ?? op,
      status: c.res.status,
      at,
      ...(detail ? { detail } : {}),
    })
  }
}

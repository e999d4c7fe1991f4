/**
 * The one clock-skew rule (docs/reliability.md): the difference between the local clock and a
 * service's `Date` response header, the limit AWS allows (SigV4: 5 minutes), and the error that says
 * so. The SDK clients record the skew of every response per host; STS errors carry their own; `aws-idc
 * doctor` measures it with a HEAD request.
 */
import { formatDuration } from '@idc/format'
import { IdcError } from '../errors.js'

/** AWS rejects signed requests more than 5 minutes off its clock; below it, nothing is reported. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000

let latest: { host: string; skewMs: number } | undefined

/** Local clock (at `now`) minus the time a `Date` header states; undefined when absent or unreadable. */
export function skewFromDate(date: string | null | undefined, now = Date.now()): number | undefined {
  if (!date) return undefined
  const server = Date.parse(date)
  return Number.isNaN(server) ? undefined : now - server
}

export function recordServerDate(host: string, date: string | undefined, now = Date.now()): void {
  const skewMs = skewFromDate(date, now)
  if (skewMs !== undefined) latest = { host, skewMs }
}

/** Local clock minus the service's (positive: the local clock is ahead), from the last response. */
export function lastServerClockSkew(): { host: string; skewMs: number } | undefined {
  return latest
}

/** "2h ahead of", "10m behind": how far off the local clock is, and which way. */
export function describeSkew(skewMs: number): string {
  return `${formatDuration(Math.abs(skewMs))} ${skewMs > 0 ? 'ahead of' : 'behind'}`
}

/**
 * The error for a service that disagrees with the local clock: `clock-skew` (exit 1), never "expired,
 * run it again" (it would fail the same way for ever) nor a service error.
 */
export function clockSkewError(
  skewMs: number,
  service: string,
  consequence: string,
  extra: { details?: Record<string, unknown>; cause?: unknown } = {},
): IdcError {
  return new IdcError(
    'clock-skew',
    `The local clock is ${describeSkew(skewMs)} ${service} (by its Date header): ${consequence}.`,
    {
      hint: 'Set the system clock right (turn on automatic time / NTP, e.g. `sudo timedatectl set-ntp true`), then run the command again; `aws-idc doctor` checks it.',
      details: { skewMs, ...extra.details },
      cause: extra.cause,
    },
  )
}

/**
 * Measures the skew against `url` with a HEAD request, compared with the middle of the round trip
 * (the header has 1 s resolution); undefined when the answer has no `Date` header.
 */
export async function measureClockSkew(url: string, timeoutMs = 5000): Promise<number | undefined> {
  const before = Date.now()
  const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) })
  const after = Date.now()
  await response.body?.cancel()
  const skew = skewFromDate(response.headers.get('date'), Math.round((before + after) / 2))
  return skew === undefined ? undefined : Math.round(skew)
}

/**
 * The difference between the local clock and the services' `Date` response header, as last seen
 * per host. Used to tell a user whose clock is off why credentials look expired (docs/reliability.md).
 */
let latest: { host: string; skewMs: number } | undefined

export function recordServerDate(host: string, date: string | undefined, now = Date.now()): void {
  if (!date) return
  const server = Date.parse(date)
  if (Number.isNaN(server)) return
  const skewMs = now - server
  latest = { host, skewMs }
}

/** Local clock minus the service's (positive: the local clock is ahead), from the last response. */
export function lastServerClockSkew(): { host: string; skewMs: number } | undefined {
  return latest
}

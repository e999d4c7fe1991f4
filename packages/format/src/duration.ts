/** "7h 59m", "12m 5s", "45s": a coarse, human duration for expiries and waits. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`
  if (m > 0) return m < 10 && s > 0 ? `${m}m ${s}s` : `${m}m`
  return `${s}s`
}

/** "in 7h 59m" or "expired 3m ago". */
export function describeExpiry(expiresAt: Date, now: number = Date.now()): string {
  const left = expiresAt.getTime() - now
  return left > 0 ? `in ${formatDuration(left)}` : `expired ${formatDuration(-left)} ago`
}

// Order statistics for the rows (medians of start-up runs, p99 of request latencies).

/** @param {number[]} values */
export function median(values) {
  if (values.length === 0) return Number.NaN
  const s = [...values].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Nearest-rank percentile (`p` in 0..100). @param {number[]} values */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]
}

/** Rounds for the report: 3 significant digits at most, integers kept whole. */
export function round(n) {
  if (!Number.isFinite(n)) return n
  if (Math.abs(n) >= 100) return Math.round(n)
  return Number(n.toPrecision(3))
}

/** Clock skew against a server's `Date` header (ms, positive: local clock ahead); undefined when unknown. */
export async function measureClockSkew(url: string, timeoutMs = 5000): Promise<number | undefined> {
  const before = Date.now()
  const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) })
  const after = Date.now()
  await response.body?.cancel()
  const date = response.headers.get('date')
  if (!date) return undefined
  const server = Date.parse(date)
  if (Number.isNaN(server)) return undefined
  // The header has 1 s resolution; compare against the middle of the round trip.
  return Math.round((before + after) / 2 - server)
}

/**
 * The AWS CLI / botocore 15-minute window (docs/reference.md#refresh-windows): a token with less than this
 * left is refreshed, and a registration or role credential with less than this left is not reused.
 * Using the same window as the CLI means neither tool throws away what the other just cached.
 */
export const REFRESH_WINDOW_MS = 15 * 60 * 1000

/** Milliseconds from `now` until `expiresAt` (negative once it has passed). */
export function msUntil(expiresAt: Date, now: Date): number {
  return expiresAt.getTime() - now.getTime()
}

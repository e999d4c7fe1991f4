import { PortalError } from './wire/portal-errors.js'

/** One page of `items` plus the opaque token for the next page (absent on the last page). */
export interface Page<T> {
  items: T[]
  nextToken?: string
}

/**
 * Parse `max_result` as the portal validates it: an integer from 1 to 100. The messages follow the
 * service's validation style.
 */
export function parseMaxResults(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback
  const n = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN
  if (Number.isNaN(n)) {
    throw new PortalError('InvalidRequestException', `Invalid value for max_result: ${raw}`)
  }
  if (n < 1 || n > 100) {
    throw new PortalError(
      'InvalidRequestException',
      `1 validation error detected: Value '${n}' at 'maxResults' failed to satisfy constraint: Member must have value ${n < 1 ? 'greater than or equal to 1' : 'less than or equal to 100'}`,
    )
  }
  return n
}

/**
 * Slice one page. The token encodes the list it belongs to (`scope`) and the next offset, so a
 * token from ListAccounts is rejected by ListAccountRoles and vice versa.
 */
export function paginate<T>(
  all: T[],
  scope: string,
  maxResults: number,
  nextToken: string | undefined,
): Page<T> {
  let offset = 0
  if (nextToken !== undefined) {
    let decoded: unknown
    try {
      decoded = JSON.parse(Buffer.from(nextToken, 'base64url').toString('utf8'))
    } catch {
      decoded = undefined
    }
    const d = decoded as { s?: unknown; o?: unknown } | undefined
    if (!d || d.s !== scope || typeof d.o !== 'number' || !Number.isInteger(d.o) || d.o < 0) {
      throw new PortalError('InvalidRequestException', 'Invalid nextToken')
    }
    offset = d.o
  }
  const end = offset + maxResults
  const items = all.slice(offset, end)
  if (end >= all.length) return { items }
  return { items, nextToken: Buffer.from(JSON.stringify({ s: scope, o: end })).toString('base64url') }
}

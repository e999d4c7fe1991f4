import { IdcError } from '../errors.js'

/** Where a timestamp came from, so an error can name the file and the field. */
export interface TimestampSource {
  field: string
  file?: string | undefined
}

// Date, time (seconds and fraction optional), then the zone. The zone group is optional in the
// pattern only so that a zone-less value can be told apart from garbage and reported precisely.
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?$/

const SIGN_IN_AGAIN = 'Sign in again (aws-idc login or aws sso login) so that the file is rewritten.'

/**
 * Parses a cache-file timestamp in every form the AWS tools have written (docs/reference.md#timestamps):
 * `…Z` (AWS CLI / botocore), `….sssZ` (JS SDK refresh), `…+00:00` and other offsets, and the
 * legacy `…UTC` of AWS CLI < 2.1.14 (which `new Date()` rejects, so we cannot just use it).
 *
 * A value without a zone is rejected instead of being guessed: botocore crashes on it and the JS
 * SDK reads it as local time, so no interpretation would agree with both.
 */
/** `parseTimestamp`, or undefined for a value no AWS tool would read as a time (a cache entry to ignore). */
export function tryParseTimestamp(value: unknown, source: TimestampSource): Date | undefined {
  try {
    return parseTimestamp(value, source)
  } catch {
    return undefined
  }
}

export function parseTimestamp(value: unknown, source: TimestampSource): Date {
  const match = typeof value === 'string' ? TIMESTAMP.exec(value.trim()) : null
  if (!match) throw invalid(value, source, 'is not a valid timestamp')
  const [, y, mo, d, h, mi, s, fraction, zone] = match
  if (zone === undefined) throw invalid(value, source, 'has no time zone')

  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = s === undefined ? 0 : Number(s)
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'))
  const offsetMinutes = parseOffset(zone)
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    offsetMinutes === undefined
  ) {
    throw invalid(value, source, 'is not a valid timestamp')
  }

  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, millis)
  return new Date(date.getTime() - offsetMinutes * 60_000)
}

/**
 * `YYYY-MM-DDTHH:MM:SSZ`, the form the AWS CLI writes and every reader accepts. Milliseconds are
 * truncated (as botocore's strftime does), which can only make an expiry look earlier, never later.
 */
export function formatTimestamp(date: Date): string {
  return `${isoSeconds(date)}Z`
}

/**
 * Python's `datetime.isoformat()` for an aware UTC datetime, as `aws configure export-credentials`
 * prints expirations (docs/reference.md#export-credentials): `+00:00` instead of `Z`, and a six-digit fraction only when the
 * time has one.
 */
export function formatIsoOffset(date: Date): string {
  const ms = date.getUTCMilliseconds()
  const fraction = ms === 0 ? '' : `.${String(ms).padStart(3, '0')}000`
  return `${isoSeconds(date)}${fraction}+00:00`
}

function isoSeconds(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Cannot format an invalid Date')
  return date.toISOString().slice(0, 19)
}

function parseOffset(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z' || zone === 'UTC' || zone === 'GMT') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0
  // Python's tzinfo refuses offsets of a day or more.
  if (hours > 23 || minutes > 59) return undefined
  return sign * (hours * 60 + minutes)
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0)
  date.setUTCFullYear(year, month, 0)
  return date.getUTCDate()
}

function invalid(value: unknown, source: TimestampSource, problem: string): IdcError {
  const where = source.file ? ` in ${source.file}` : ''
  // Quote the value only when it looks like a timestamp: a damaged file could hold anything,
  // including a token, in the wrong field.
  const shown = typeof value === 'string' && /^[0-9A-Za-z:.,+\- ]{1,40}$/.test(value) ? `: "${value}"` : ''
  return new IdcError('timestamp-invalid', `The "${source.field}" value${where} ${problem}${shown}.`, {
    hint: SIGN_IN_AGAIN,
    details: { field: source.field, ...(source.file ? { file: source.file } : {}) },
  })
}

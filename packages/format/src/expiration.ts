import { FormatError } from './errors.js'

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/**
 * The expiration as the AWS CLI prints it: Python `datetime.isoformat()` of a UTC datetime,
 * `YYYY-MM-DDTHH:MM:SS+00:00` (offset `+00:00`, never `Z`).
 *
 * Milliseconds are dropped (rounded down), never printed: the CLI gets SSO role credentials through
 * botocore's SSO fetcher, which renders the portal's millisecond `expiration` with
 * `%Y-%m-%dT%H:%M:%SZ` before `export-credentials` re-parses and prints it, so the CLI shows whole
 * seconds for the very same credentials. Rounding down also never claims credentials live longer
 * than they do.
 */
export function formatExpiration(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new FormatError('invalid-argument', 'The credential expiration is not a valid date.')
  }
  const year = date.getUTCFullYear()
  // Python's datetime (and the credential_process readers) only know years 1-9999.
  if (year < 1 || year > 9999) {
    throw new FormatError('invalid-argument', `The credential expiration year ${year} is outside 1-9999.`)
  }
  return (
    `${pad(year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}+00:00`
  )
}

import { describe, expect, it } from 'vitest'
import { IdcError } from '../errors.js'
import { formatIsoOffset, formatTimestamp, parseTimestamp } from './timestamps.js'

const src = { field: 'expiresAt', file: '/home/u/.aws/sso/cache/x.json' }
const at = (iso: string) => new Date(iso).getTime()

function thrown(fn: () => unknown): IdcError {
  try {
    fn()
  } catch (error) {
    if (IdcError.is(error)) return error
    throw error
  }
  throw new Error('expected an IdcError')
}

describe('parseTimestamp', () => {
  it.each([
    ['2026-11-22T11:11:45Z', '2026-11-22T11:11:45.000Z'], // AWS CLI / botocore
    ['2026-11-22T11:11:45.123Z', '2026-11-22T11:11:45.123Z'], // JS SDK toISOString
    ['2026-11-22T11:11:45.123456Z', '2026-11-22T11:11:45.123Z'], // microseconds are truncated
    ['2026-11-22T11:11:45+00:00', '2026-11-22T11:11:45.000Z'], // Python isoformat
    ['2026-11-22T12:11:45+01:00', '2026-11-22T11:11:45.000Z'],
    ['2026-11-22T06:41:45-0430', '2026-11-22T11:11:45.000Z'],
    ['2026-11-22T13:11:45+02', '2026-11-22T11:11:45.000Z'],
    ['2019-11-14T04:05:45UTC', '2019-11-14T04:05:45.000Z'], // AWS CLI < 2.1.14
    ['2026-11-22 11:11:45Z', '2026-11-22T11:11:45.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('parses %s', (text, iso) => {
    expect(parseTimestamp(text, src).getTime()).toBe(at(iso))
  })

  it('rejects a zone-less time naming file and field and saying to sign in again', () => {
    const error = thrown(() => parseTimestamp('2026-11-22T11:00:00', src))
    expect(error.code).toBe('timestamp-invalid')
    expect(error.message).toContain('/home/u/.aws/sso/cache/x.json')
    expect(error.message).toContain('expiresAt')
    expect(error.message).toContain('no time zone')
    expect(error.hint).toMatch(/sign in again/i)
    expect(error.details).toEqual({ field: 'expiresAt', file: src.file })
  })

  it.each([
    'tomorrow',
    '',
    '2026-13-01T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-11-22T24:00:00Z',
    '2026-11-22T11:00:00+24:00',
    1_700_000_000,
    null,
  ])('rejects %s', (value) => {
    expect(thrown(() => parseTimestamp(value, src)).code).toBe('timestamp-invalid')
  })

  it('never quotes a long value (it could be a token in the wrong field)', () => {
    const secret = 'aoaAAAAAGd5xQsecretsecretsecretsecretsecretsecret'
    expect(thrown(() => parseTimestamp(secret, src)).message).not.toContain(secret)
  })
})

describe('formatTimestamp', () => {
  it('writes YYYY-MM-DDTHH:MM:SSZ, truncating milliseconds', () => {
    expect(formatTimestamp(new Date('2026-11-22T11:11:45.999Z'))).toBe('2026-11-22T11:11:45Z')
  })

  it('round-trips through parseTimestamp', () => {
    const d = new Date('2030-01-02T03:04:05Z')
    expect(parseTimestamp(formatTimestamp(d), src).getTime()).toBe(d.getTime())
  })

  it('refuses an invalid Date', () => {
    expect(() => formatTimestamp(new Date(Number.NaN))).toThrow(RangeError)
  })
})

describe('formatIsoOffset', () => {
  it('prints Python isoformat with +00:00', () => {
    expect(formatIsoOffset(new Date('2026-11-22T11:12:05Z'))).toBe('2026-11-22T11:12:05+00:00')
    expect(formatIsoOffset(new Date('2026-11-22T11:12:05.007Z'))).toBe('2026-11-22T11:12:05.007000+00:00')
  })
})

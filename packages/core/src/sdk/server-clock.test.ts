import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { IdcError } from '../errors.js'
import {
  clockSkewError,
  describeSkew,
  MAX_CLOCK_SKEW_MS,
  measureClockSkew,
  skewFromDate,
} from './server-clock.js'

describe('the clock-skew rule', () => {
  it('measures local minus service from a Date header, nothing from a missing or broken one', () => {
    const now = Date.parse('2026-12-01T12:00:00Z')
    expect(skewFromDate('Tue, 01 Dec 2026 10:00:00 GMT', now)).toBe(2 * 3600_000)
    expect(skewFromDate('Tue, 01 Dec 2026 12:10:00 GMT', now)).toBe(-10 * 60_000)
    expect(skewFromDate(undefined, now)).toBeUndefined()
    expect(skewFromDate('not a date', now)).toBeUndefined()
  })

  it('words it one way, and reports it as clock-skew (exit 1), never as an expired session', () => {
    expect(describeSkew(2 * 3600_000)).toBe('2h ahead of')
    expect(describeSkew(-(3600_000 + 59 * 60_000))).toBe('1h 59m behind')
    const e = clockSkewError(-7200_000, 'STS', 'STS rejected the request (ExpiredTokenException)')
    expect(IdcError.is(e) && e.code).toBe('clock-skew')
    expect(e.message).toBe(
      'The local clock is 2h behind STS (by its Date header): STS rejected the request (ExpiredTokenException).',
    )
    expect(e.hint).toMatch(/system clock.+aws-idc doctor/)
    expect(MAX_CLOCK_SKEW_MS).toBe(300_000)
  })

  it('measures a real server (HEAD, Date header) for doctor', async () => {
    const server = createServer((_req, res) => {
      res.setHeader('date', new Date(Date.now() - 3600_000).toUTCString())
      res.end()
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const { port } = server.address() as AddressInfo
      const skew = await measureClockSkew(`http://127.0.0.1:${port}/`)
      expect(skew).toBeGreaterThan(3600_000 - 2000)
      expect(skew).toBeLessThan(3600_000 + 2000)
    } finally {
      server.close()
    }
  })
})

import { describe, expect, it } from 'vitest'
import { Clock } from './clock.js'

describe('Clock', () => {
  it('follows real time until told otherwise', () => {
    const c = new Clock()
    expect(Math.abs(c.now() - Date.now())).toBeLessThan(50)
  })

  it('advance moves it forward and keeps it running', () => {
    const c = new Clock()
    c.advance(3_600_000)
    expect(c.now() - Date.now()).toBeGreaterThan(3_599_000)
    expect(c.offsetMs).toBe(3_600_000)
  })

  it('set jumps to a date, reset returns to real time', () => {
    const c = new Clock()
    c.set('2030-01-01T00:00:00Z')
    expect(Math.abs(c.now() - Date.parse('2030-01-01T00:00:00Z'))).toBeLessThan(50)
    c.reset()
    expect(Math.abs(c.now() - Date.now())).toBeLessThan(50)
  })

  it('rejects nonsense', () => {
    const c = new Clock()
    expect(() => c.set('not a date')).toThrow(RangeError)
    expect(() => c.advance(Number.NaN)).toThrow(RangeError)
  })
})

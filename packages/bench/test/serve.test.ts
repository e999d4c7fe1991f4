import { describe, expect, it } from 'vitest'
import * as serve from '../src/rows/serve.mjs'
import { byName, smoke } from './smoke.js'

describe('rows/serve', () => {
  it('expiriesOf: a second fetch right after the one before is a second refresh of the same expiry', () => {
    expect(serve.expiriesOf([0, 3000, 6000], 3)).toMatchObject({ expiries: 3 })
    expect(serve.expiriesOf([0, 2100, 5000], 3)).toMatchObject({ expiries: 3 })
    // Two refreshes at the second expiry: 4 fetches for 3 expiries (the row then shows 1.33, missed).
    expect(serve.expiriesOf([0, 3000, 3004, 6000], 3)).toMatchObject({ expiries: 3, gaps: [3000, 4, 2996] })
  })

  it('32 SDK clients get credentials from serve with no failure and one GetRoleCredentials per expiry', async () => {
    const rows = await smoke(serve)
    const rps = byName(rows, /^requests\/s/)
    expect(rps.unit).toBe('req/s')
    expect(rps.value).toBeGreaterThan(0)
    expect(rps.baseline?.value).toBeGreaterThan(0)
    expect(byName(rows, /^p99/).unit).toBe('ms')
    expect(byName(rows, 'failed requests')).toMatchObject({ value: 0, ok: true })
    const perExpiry = byName(rows, 'GetRoleCredentials per expiry')
    expect(perExpiry, perExpiry.note).toMatchObject({ value: 1, ok: true })
  })
})

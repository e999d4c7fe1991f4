import { describe, expect, it } from 'vitest'
import * as node from '../src/rows/node.mjs'
import { byName, smoke } from './smoke.js'

describe('rows/node', () => {
  it('a memoized call in ns/op; 10,000 concurrent cold calls reach the emulator once', async () => {
    const rows = await smoke(node)
    const memo = byName(rows, 'memoized provider() call')
    expect(memo.unit).toBe('ns/op')
    expect(memo.value).toBeGreaterThan(0)
    expect(memo.baseline?.value).toBeGreaterThan(0)
    const concurrent = byName(rows, /^10,000 concurrent/)
    expect(concurrent).toMatchObject({ unit: 'calls', value: 1, ok: true })
    expect(concurrent.note).toMatch(/every caller got the same credentials/)
  })
})

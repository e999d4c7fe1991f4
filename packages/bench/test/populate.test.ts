import { describe, expect, it } from 'vitest'
import * as populate from '../src/rows/populate.mjs'
import { byName, smoke } from './smoke.js'

describe('rows/populate', () => {
  it('populate writes every profile with no failure, at the default and under a binding rate limit', async () => {
    const rows = await smoke(populate)
    expect(byName(rows, /no rate limit/)).toMatchObject({
      unit: 's',
      baseline: { name: 'the same at --concurrency 1' },
      goal: { max: 0.8, of: 'value' },
    })
    expect(byName(rows, /burst 20/)).toMatchObject({
      unit: 's',
      baseline: { name: '(calls - burst) / rate' },
      goal: { max: 1.2, of: 'ratio' },
    })
    // 100 accounts (quick): every run, throttled or not, wrote all 300 profiles.
    expect(byName(rows, 'failures, all runs')).toMatchObject({ unit: 'calls', value: 0, ok: true })
    expect(byName(rows, /^throttled ListAccountRoles/)).toMatchObject({ unit: 'calls' })
  })
})

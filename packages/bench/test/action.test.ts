import { describe, expect, it } from 'vitest'
import * as action from '../src/rows/action.mjs'
import { byName, smoke } from './smoke.js'

describe('rows/action', () => {
  it('runs the committed dist in refresh-token mode: one CreateToken and one GetRoleCredentials per run', async () => {
    const rows = await smoke(action)
    expect(byName(rows, /^Action main step/)).toMatchObject({ unit: 'ms', baseline: { name: 'node -e 0' } })
    expect(byName(rows, 'CreateToken per run')).toMatchObject({ value: 1, ok: true })
    expect(byName(rows, 'GetRoleCredentials per run')).toMatchObject({ value: 1, ok: true })
  })
})

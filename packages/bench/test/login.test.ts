import { describe, expect, it } from 'vitest'
import * as login from '../src/rows/login.mjs'
import { byName, smoke } from './smoke.js'

describe('rows/login', () => {
  it('a cold login registers and signs in once, the cold creds after it fetches once', async () => {
    const rows = await smoke(login)
    expect(byName(rows, /^login --profile dev/)).toMatchObject({
      unit: 'ms',
      baseline: { name: 'node -e 0' },
    })
    expect(byName(rows, /^creds --profile dev/)).toMatchObject({
      unit: 'ms',
      baseline: { name: 'node -e 0' },
    })
    for (const name of [
      'RegisterClient per cold login',
      'CreateToken per cold login',
      'GetRoleCredentials per cold creds',
    ])
      expect(byName(rows, name)).toMatchObject({ unit: 'calls', value: 1, ok: true })
  })
})

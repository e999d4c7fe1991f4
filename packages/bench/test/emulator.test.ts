import { describe, expect, it } from 'vitest'
import * as emulator from '../src/rows/emulator.mjs'
import { byName, smoke } from './smoke.js'

describe('rows/emulator', () => {
  it('CreateToken refresh and GetRoleCredentials at 32 clients, none failing, with a static-server baseline', async () => {
    const rows = await smoke(emulator)
    for (const op of ['CreateToken (refresh_token grant)', 'GetRoleCredentials']) {
      const rps = byName(rows, `${op}: requests/s, 32 concurrent clients`)
      expect(rps.value).toBeGreaterThan(0)
      expect(byName(rows, `${op}: failed requests`)).toMatchObject({ value: 0, ok: true })
      expect(rps.baseline?.name).toBe('static JSON server, same clients')
      expect(byName(rows, `${op}: p99 latency`).unit).toBe('ms')
    }
  })
})

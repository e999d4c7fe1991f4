import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { Sandbox } from '@idc/emulator/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { cli, expireTokens, login, readJson, sandbox, tokenFiles } from './helpers.js'

let box: Sandbox | undefined
afterEach(async () => {
  await box?.cleanup()
  box = undefined
})

const PROFILES = ['dev', 'admin', 'other']

function botocoreRefresh(env: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('python3', [join(import.meta.dirname, 'botocore-refresh.py'), 'dev'], { env })
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.on('close', () => resolve(out.trim()))
  })
}

async function storm(box: Sandbox, withBotocore: boolean) {
  const runs = Promise.all(
    Array.from({ length: 32 }, (_, i) => cli(['credential-process', '--profile', PROFILES[i % 3]!], box.env)),
  )
  const boto = withBotocore ? botocoreRefresh(box.env) : Promise.resolve('skipped')
  return { runs: await runs, boto: await boto }
}

describe('refresh storm: 32 processes, expired token, no role cache', () => {
  for (const rotate of [false, true]) {
    it(`one CreateToken, one GetRoleCredentials per role, all succeed${rotate ? ' (rotating refresh tokens)' : ''}`, async () => {
      box = await sandbox({ emulator: { rotateRefreshTokens: rotate } })
      await login(box)
      await expireTokens(box.home)
      const before = box.emu.controls.calls.count('CreateToken')
      const { runs } = await storm(box, false)
      expect(runs.map((r) => r.code)).toEqual(runs.map(() => 0))
      for (const r of runs) expect(JSON.parse(r.stdout)).toMatchObject({ Version: 1 })
      expect(box.emu.controls.calls.count('CreateToken') - before).toBe(1)
      expect(box.emu.controls.calls.count('GetRoleCredentials')).toBe(3)
      for (const file of await tokenFiles(box.home)) await readJson(file)
    })
  }

  it('with the AWS CLI (botocore, no lock) refreshing at the same moment: the session is never lost', async () => {
    box = await sandbox({ emulator: { rotateRefreshTokens: true } })
    await login(box)
    for (let round = 0; round < 3; round++) {
      await expireTokens(box.home)
      const { runs, boto } = await storm(box, true)
      expect(
        runs.map((r) => r.code),
        runs.map((r) => r.stderr).join(''),
      ).toEqual(runs.map(() => 0))
      expect(['ok', 'error SSOTokenLoadError', 'error PendingAuthorizationExpiredError']).toContain(boto)
      // Whoever won, the file holds a refresh token the service still accepts.
      await expireTokens(box.home)
      const next = await cli(['creds', '--profile', 'dev', '--format', 'json'], box.env)
      expect(next.code, next.stderr).toBe(0)
    }
  })
})

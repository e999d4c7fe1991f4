import { readFile } from 'node:fs/promises'
import type { Sandbox } from '@idc/emulator/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { cli, login, sandbox } from './helpers.js'

let box: Sandbox | undefined
afterEach(async () => {
  await box?.cleanup()
  box = undefined
})

function sections(text: string): string[] {
  return [...text.matchAll(/^\[([^\]]+)\]/gm)].map((m) => m[1]!)
}

describe('concurrent edits of shared files (the read-modify-write holds the file lock)', () => {
  it('20 parallel `creds --write-profile pN` on one credentials file: all 20 sections survive', async () => {
    box = await sandbox({
      credentials: '[keep]\naws_access_key_id = AKIAKEEP\naws_secret_access_key = keep\n',
    })
    await login(box)
    // Warm the role cache so the 20 processes race on the file, not on the portal.
    expect((await cli(['creds', '--profile', 'dev', '--format', 'json'], box.env)).code).toBe(0)
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        cli(['creds', '--profile', 'dev', '--write-profile', `p${i}`], box!.env),
      ),
    )
    expect(runs.map((r) => r.code)).toEqual(runs.map(() => 0))
    const got = sections(await readFile(box.credentialsFile, 'utf8'))
    const want = ['keep', ...Array.from({ length: 20 }, (_, i) => `p${i}`)]
    expect(got.sort()).toEqual(want.sort())
  })

  it('two populates at once on one config (different templates): every profile of both survives', async () => {
    box = await sandbox()
    await login(box)
    const [a, b] = await Promise.all([
      cli(['populate', '--sso-session', 'my-sso', '--template', 'a-{account_id}-{role_name}'], box.env),
      cli(['populate', '--sso-session', 'my-sso', '--template', 'b-{account_id}-{role_name}'], box.env),
    ])
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0])
    const text = await readFile(box.configFile, 'utf8')
    const names = sections(text)
    const ofA = names.filter((n) => n.startsWith('profile a-'))
    const ofB = names.filter((n) => n.startsWith('profile b-'))
    expect(ofA.length).toBeGreaterThan(0)
    expect(ofB.length).toBe(ofA.length)
    for (const kept of ['default', 'sso-session my-sso', 'profile dev', 'profile admin', 'profile other'])
      expect(names).toContain(kept)
    expect(new Set(names).size).toBe(names.length) // nothing appended twice
  })

  it('populate + populate + configure at once, 5 rounds: every edit of every round survives', async () => {
    box = await sandbox()
    await login(box)
    for (let round = 0; round < 5; round++) {
      const runs = await Promise.all([
        cli(
          ['populate', '--sso-session', 'my-sso', '--template', `a${round}-{account_id}-{role_name}`],
          box.env,
        ),
        cli(
          ['populate', '--sso-session', 'my-sso', '--template', `b${round}-{account_id}-{role_name}`],
          box.env,
        ),
        cli(
          [
            'configure',
            '--non-interactive',
            '--sso-session',
            'my-sso',
            '--profile',
            `c${round}`,
            '--account-id',
            '111111111111',
            '--role-name',
            'ReadOnly',
          ],
          box.env,
        ),
      ])
      expect(
        runs.map((r) => r.code),
        runs.map((r) => r.stderr).join(''),
      ).toEqual([0, 0, 0])
      const names = sections(await readFile(box.configFile, 'utf8'))
      for (let past = 0; past <= round; past++) {
        expect(names, `round ${round}: configure of round ${past}`).toContain(`profile c${past}`)
        const ofA = names.filter((n) => n.startsWith(`profile a${past}-`)).length
        const ofB = names.filter((n) => n.startsWith(`profile b${past}-`)).length
        expect(ofA, `round ${round}: populate a${past}`).toBeGreaterThan(0)
        expect(ofB, `round ${round}: populate b${past}`).toBe(ofA)
      }
      expect(new Set(names).size).toBe(names.length)
    }
  })
})

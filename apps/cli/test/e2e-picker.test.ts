import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { KEY, Pty } from '@idc/emulator/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, type E2E, e2e, launcher } from './e2e-helpers.js'

/**
 * The account/role picker of `creds` / `exec` without a profile, in a real pseudo-terminal, against
 * the emulator (accounts dev 111111111111, staging 222222222222, prod 333333333333). The sandbox's
 * [default] profile has no SSO settings, so "no profile" is what the commands see.
 */

let box: E2E
let env: Record<string, string>
beforeAll(async () => {
  box = await e2e()
  const r = await cli(['login', '--profile', 'dev'], box.env)
  expect(r.status, r.stderr).toBe(0)
  env = { ...box.env }
  delete env['CI']
})
afterAll(async () => {
  await box.cleanup()
})

const aws = (...args: string[]) => [process.execPath, launcher, ...args]
const PROMPT = /Account and role \(5; type to filter\)/

describe('the picker (real pseudo-terminal)', () => {
  it('type part of an account name, pick, get its credentials; the listing is cached', async () => {
    box.emu.controls.calls.reset()
    const pty = new Pty(aws('creds', '--format', 'json'), env)
    try {
      await pty.answer(PROMPT, 'stag read')
      await pty.expect(/❯ staging 222222222222 {2}ReadOnly\s*\n\s*\n/)
      await pty.type(KEY.enter)
      await pty.answer(/Save as a profile\? Name \(Enter: do not save\)/, KEY.enter)
      expect(await pty.wait()).toBe(0)
    } finally {
      pty.kill()
    }
    expect(pty.text).toMatch(/"accountId": "222222222222"/)
    expect(box.emu.controls.calls.count('GetRoleCredentials', '222222222222/ReadOnly')).toBe(1)
    expect(box.emu.controls.calls.count('ListAccounts')).toBe(1)
  })

  it('second run: the most recent choice comes first, from the cached listing; saved as a profile', async () => {
    box.emu.controls.calls.reset()
    const pty = new Pty(
      aws('exec', '--', 'sh', '-c', 'echo "child: $(printf %.4s "$AWS_ACCESS_KEY_ID")"'),
      env,
    )
    try {
      await pty.expect(PROMPT)
      // The first entry (the cursor's) is the last pick, before dev's entries that sort first by name.
      await pty.expect(/❯ staging 222222222222 {2}ReadOnly\n {2}dev 111111111111 {2}AdministratorAccess/)
      await pty.type(KEY.enter)
      await pty.answer(/Save as a profile\?/, `staging-ro${KEY.enter}`)
      expect(await pty.wait()).toBe(0)
    } finally {
      pty.kill()
    }
    expect(pty.text).toContain('child: ASIA')
    expect(pty.text).toMatch(/Saved \[profile staging-ro\] in .*config\./)
    // Listed from aws-idc's cache: no portal listing this time.
    expect(box.emu.controls.calls.count('ListAccounts')).toBe(0)
    expect(await readFile(join(box.home, '.aws', 'config'), 'utf8')).toContain(
      '[profile staging-ro]\nsso_session = my-sso\nsso_account_id = 222222222222\nsso_role_name = ReadOnly\n',
    )
    // The saved profile is listed as such, and works without the picker.
    const r = await cli(['creds', '--profile', 'staging-ro', '--format', 'json'], box.env)
    expect(JSON.parse(r.stdout).accountId).toBe('222222222222')
  })

  it('login without a profile: picks a session through its accounts, no profile offered', async () => {
    const pty = new Pty(aws('login', '--force'), env)
    try {
      await pty.answer(/Account and role/, `prod${KEY.enter}`)
      expect(await pty.wait()).toBe(0)
    } finally {
      pty.kill()
    }
    expect(pty.text).not.toContain('Save as a profile')
    expect(pty.text).toContain('Successfully logged into Start URL: https://d-1234567890.awsapps.com/start')
    expect(pty.text).toContain('sso-session my-sso')
  })

  it('Ctrl-C in the picker exits 130 and changes nothing', async () => {
    const before = await readFile(join(box.home, '.aws', 'config'), 'utf8')
    const pty = new Pty(aws('creds'), env)
    try {
      await pty.answer(/Account and role/, KEY.ctrlC)
      expect(await pty.wait()).toBe(130)
    } finally {
      pty.kill()
    }
    expect(await readFile(join(box.home, '.aws', 'config'), 'utf8')).toBe(before)
  })

  it('no terminal, or CI set: never prompts, the usual "no profile" error', async () => {
    const piped = await cli(['creds'], env)
    expect(piped.status).toBe(6)
    expect(piped.stderr).toMatch(
      /^error: Profile default is not configured with SSO credentials: .+\nhint: .+\n$/,
    )
    expect(piped.stderr).not.toContain('Account and role')
    const ci = new Pty(aws('creds'), { ...env, CI: 'true' })
    try {
      expect(await ci.wait()).toBe(6)
    } finally {
      ci.kill()
    }
    expect(ci.text).not.toContain('Account and role')
    expect(ci.text).toContain('error: Profile default is not configured with SSO credentials')
  })

  it('a profile given (flag or AWS_PROFILE): no picker', async () => {
    const pty = new Pty(aws('creds', '--format', 'json'), { ...env, AWS_PROFILE: 'dev' })
    try {
      expect(await pty.wait()).toBe(0)
    } finally {
      pty.kill()
    }
    expect(pty.text).not.toContain('Account and role')
    expect(pty.text).toMatch(/"accountId": "111111111111"/)
  })
})

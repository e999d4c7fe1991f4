import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { cli, type E2E, e2e, SESSION_TOKEN_FILE, START_URL, sha1, start } from './e2e-helpers.js'

/** login / logout / sessions as real processes (the aws-idc launcher) against the emulator. */

let box: E2E
beforeAll(async () => {
  box = await e2e()
})
afterAll(async () => {
  await box.cleanup()
})
beforeEach(() => {
  box.emu.controls.setAutoApprove(true, { afterPolls: 0 })
  box.emu.controls.calls.reset()
})

describe('login (process)', () => {
  it('PKCE through $BROWSER: the script fetches the URL, the emulator redirects to the loopback listener', async () => {
    const r = await cli(['login', '--profile', 'dev', '--force'], box.env)
    expect(r.stderr).toContain(`Successfully logged into Start URL: ${START_URL}\n`)
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('')
    expect(box.emu.controls.calls.count('CreateToken', 'authorization_code')).toBe(1)
    const token = await box.json(join(box.cacheDir, SESSION_TOKEN_FILE))
    expect(token).toMatchObject({ startUrl: START_URL, region: 'us-east-1' })
  })

  it('device code, not a TTY: the AWS CLI text and plain wait lines', async () => {
    box.emu.controls.setAutoApprove(true, { afterPolls: 1 })
    const r = await cli(
      ['login', '--profile', 'dev', '--force', '--use-device-code', '--no-browser'],
      box.env,
    )
    expect(r.status).toBe(0)
    const code = /Then enter the code:\n\n(\S+)\n/.exec(r.stderr)?.[1] ?? ''
    expect(r.stderr).toBe(
      'Browser will not be automatically opened.\n' +
        'Please visit the following URL:\n' +
        `\n${box.emu.url}/device\n` +
        `\nThen enter the code:\n\n${code}\n` +
        '\nAlternatively, you may visit the following URL which will autofill the code upon loading:\n' +
        `${box.emu.url}/device?user_code=${code}\n` +
        `Waiting for approval of code ${code} (9m 59s left)\n` +
        `Successfully logged into Start URL: ${START_URL}\n` +
        'Signed in (sso-session my-sso), expires in 59m.\n',
    )
  })

  it.each([
    ['device code', ['--use-device-code', '--no-browser'], 'Then enter the code:'],
    ['PKCE', ['--no-browser'], '/authorize?'],
  ])('Ctrl-C while waiting (%s) exits 130 and leaves no token file', async (_name, flags, prompt) => {
    box.emu.controls.setAutoApprove(false)
    const tokenFile = join(box.cacheDir, SESSION_TOKEN_FILE)
    await rm(tokenFile, { force: true })
    const login = start(['login', '--profile', 'dev', ...flags], box.env)
    await login.waitForStderr(prompt)
    // Still waiting for a decision nobody will make.
    if (flags.includes('--use-device-code')) expect(box.emu.controls.pendingDevices()).toHaveLength(1)
    // PKCE: the loopback listener waits; nobody opened the URL (--no-browser).
    else expect(box.emu.controls.calls.count('Authorize')).toBe(0)
    login.child.kill('SIGINT')
    const r = await login.done
    expect(r.status).toBe(130)
    expect(r.stderr).toMatch(
      /\nerror: Sign-in was cancelled\.\nhint: Nothing was written; run the command again to sign in\.\n$/,
    )
    expect(r.stderr).not.toContain('Successfully')
    expect(await box.files(box.cacheDir)).not.toContain(SESSION_TOKEN_FILE)
  })
})

describe('logout and sessions (process)', () => {
  it('logout --all: Logout API per token, tokens and SSO role caches removed, registrations kept', async () => {
    await cli(['login', '--profile', 'dev', '--force'], box.env)
    await cli(['login', '--profile', 'legacy', '--force'], box.env)
    expect((await cli(['creds', '--profile', 'dev'], box.env)).status).toBe(0)
    expect((await cli(['creds', '--profile', 'legacy'], box.env)).status).toBe(0)
    const sessions = JSON.parse((await cli(['sessions', '--json'], box.env)).stdout) as { session: string }[]
    expect(sessions.map((s) => s.session)).toEqual([START_URL, 'my-sso'])
    expect(await box.files(box.roleCacheDir)).toHaveLength(2)
    box.emu.controls.calls.reset()

    const r = await cli(['logout', '--all', '--json'], box.env)
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ warnings: [] })
    expect(box.emu.controls.calls.count('Logout')).toBe(2)
    expect(await box.files(box.cacheDir)).toEqual(
      [
        'a8343d65418848d0bc13a5f25cbb32508ceec5d1.json',
        '365414a68be7c9bfc776c660981dbdbd942acea4.json',
      ].sort(),
    )
    expect(await box.files(box.roleCacheDir)).toEqual([])
    expect(JSON.parse((await cli(['sessions', '--json'], box.env)).stdout)).toEqual([])
    // Signed out: the credential commands say so in one line, exit 3.
    const after = await cli(['creds', '--profile', 'dev'], box.env)
    expect(after.status).toBe(3)
    expect(after.stderr).toMatch(/^error: [^\n]+\nhint: [^\n]*aws-idc login --profile dev[^\n]*\n$/)
    expect(sha1('my-sso')).toBe(SESSION_TOKEN_FILE.slice(0, 40))
  })
})

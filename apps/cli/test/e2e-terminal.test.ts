import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { KEY, Pty } from '@idc/emulator/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, type E2E, e2e, launcher, SESSION_TOKEN_FILE } from './e2e-helpers.js'

/**
 * What a person at a terminal sees (issue 10), in a real pseudo-terminal (util-linux `script`)
 * against the emulator: the offer to sign in when the session is missing, the retry progress line
 * of a throttled listing, colours (NO_COLOR / FORCE_COLOR respected).
 */

let box: E2E
/** The sandbox's environment without the test default NO_COLOR (a terminal decides). */
let env: Record<string, string>
beforeAll(async () => {
  box = await e2e()
  env = { ...box.env }
  for (const k of ['CI', 'NO_COLOR', 'FORCE_COLOR']) delete env[k]
})
afterAll(async () => {
  await box.cleanup()
})

const aws = (...args: string[]) => [process.execPath, launcher, ...args]
const signOut = async () => {
  await rm(box.cacheDir, { recursive: true, force: true })
  await rm(box.roleCacheDir, { recursive: true, force: true })
}

/** Runs `argv` in a pty, lets `drive` answer, and returns the exit code and the plain text. */
async function inPty(argv: string[], drive: (pty: Pty) => Promise<void>, ptyEnv = env) {
  const pty = new Pty(argv, ptyEnv)
  try {
    await drive(pty)
    return { status: await pty.wait(), text: pty.text, raw: pty.output }
  } finally {
    pty.kill()
  }
}

describe('sign in when needed (expected by users)', () => {
  it('a missing session on a terminal: "Sign in now?" yes signs in and answers', async () => {
    await signOut()
    const r = await inPty(aws('creds', '--profile', 'dev', '--format', 'json'), async (pty) => {
      await pty.answer(/Sign in now\?/, KEY.enter)
    })
    expect(r.text).toMatch(/not signed in|No cached sign-in|expired/i)
    expect(r.text).toContain('Successfully logged into Start URL')
    expect(r.text).toMatch(/"accountId": "111111111111"/)
    expect(r.status).toBe(0)
    // The sign-in is kept: the next run needs no terminal.
    expect((await cli(['creds', '--profile', 'dev', '--format', 'json'], box.env)).status).toBe(0)
  })

  it('an expired session that cannot refresh: whoami offers to sign in, yes answers', async () => {
    if ((await cli(['login', '--profile', 'dev'], box.env)).status !== 0) throw new Error('login failed')
    await rm(box.roleCacheDir, { recursive: true, force: true })
    const file = join(box.cacheDir, SESSION_TOKEN_FILE)
    const { refreshToken: _gone, ...token } = JSON.parse(await readFile(file, 'utf8'))
    await writeFile(file, JSON.stringify({ ...token, expiresAt: '2020-01-01T00:00:00Z' }))
    const r = await inPty(aws('whoami', '--profile', 'dev'), async (pty) => {
      await pty.answer(/Sign in now\?/, KEY.enter)
    })
    expect(r.text).toMatch(/expired/i)
    expect(r.text).toContain('Successfully logged into Start URL')
    expect(r.text).toMatch(/111111111111/)
    expect(r.status).toBe(0)
    expect(new Date(JSON.parse(await readFile(file, 'utf8')).expiresAt).getTime()).toBeGreaterThan(Date.now())
  })

  it('"Sign in now?" no: the error and its hint stand, exit 3, no token written', async () => {
    await signOut()
    const r = await inPty(aws('accounts', '--profile', 'dev'), async (pty) => {
      await pty.answer(/Sign in now\?/, `n${KEY.enter}`)
    })
    expect(r.status).toBe(3)
    expect(r.text).toMatch(/hint: .*aws-idc login --profile dev/)
    expect(r.text).not.toContain('Successfully logged into')
    expect(await box.files(box.cacheDir)).toEqual([])
  })

  it('not on a terminal the command does not ask; --auto-login signs in without asking', async () => {
    await signOut()
    const piped = await cli(['accounts', '--profile', 'dev'], box.env)
    expect(piped.status).toBe(3)
    expect(piped.stderr).not.toContain('Sign in now?')
    const auto = await cli(['accounts', '--profile', 'dev', '--auto-login'], box.env)
    expect(auto.stderr).not.toContain('Sign in now?')
    expect(auto.stderr).toContain('Successfully logged into Start URL')
    expect(auto.status).toBe(0)
    expect(auto.stdout).toContain('222222222222')
  })
})

describe('a throttled listing on a terminal (item 18)', () => {
  it('shows "retrying, throttled n/6" through the SDK retry hook, then the table', async () => {
    if ((await cli(['login', '--profile', 'dev'], box.env)).status !== 0) throw new Error('login failed')
    box.emu.controls.calls.reset()
    box.emu.controls.faults.throttleNext(3, 'ListAccounts')
    try {
      const r = await inPty(aws('accounts', '--profile', 'dev'), async () => {})
      expect(r.status).toBe(0)
      expect(r.text).toContain('Listing your accounts (retrying, throttled 2/6)')
      expect(r.text).toContain('Listing your accounts (retrying, throttled 3/6)')
      expect(r.text).toContain('Listing your accounts (retrying, throttled 4/6)')
      expect(r.text).toMatch(/ACCOUNT ID +NAME/)
      // Each retry was a real call the emulator throttled, then one that went through.
      expect(box.emu.controls.calls.count('ListAccounts')).toBe(4)
    } finally {
      box.emu.controls.faults.reset()
    }
  })

  it('the same listing in a pipe prints no progress line', async () => {
    box.emu.controls.faults.throttleNext(2, 'ListAccounts')
    try {
      const r = await cli(['accounts', '--profile', 'dev'], box.env)
      expect(r.status).toBe(0)
      expect(r.stderr).toBe('')
    } finally {
      box.emu.controls.faults.reset()
    }
  })
})

describe('colours on a terminal (item 18)', () => {
  const RED_ERROR = '\x1b[31merror:\x1b[39m '
  const YELLOW_HINT = '\x1b[33mhint:\x1b[39m '

  it('errors and hints are coloured on a terminal by default', async () => {
    const r = await inPty(aws('creds', '--profile', 'nope'), async () => {})
    expect(r.status).toBe(6)
    expect(r.raw).toContain(RED_ERROR)
    expect(r.raw).toContain(YELLOW_HINT)
  })

  it('NO_COLOR turns colour off on a terminal; FORCE_COLOR=0 too', async () => {
    for (const extra of [{ NO_COLOR: '1' }, { FORCE_COLOR: '0' }] as Record<string, string>[]) {
      const r = await inPty(aws('creds', '--profile', 'nope'), async () => {}, { ...env, ...extra })
      expect(r.status).toBe(6)
      expect(r.raw).toContain('error: ')
      expect(r.raw).not.toMatch(/\x1b\[3\dm/)
    }
  })

  it('doctor statuses are coloured on a terminal, plain in a pipe (FORCE_COLOR turns them on there)', async () => {
    if ((await cli(['login', '--profile', 'dev'], box.env)).status !== 0) throw new Error('login failed')
    const tty = await inPty(aws('doctor', '--profile', 'dev'), async () => {})
    expect(tty.status).toBe(0)
    expect(tty.raw).toContain('\x1b[32mok  \x1b[39m  config')
    const piped = await cli(['doctor', '--profile', 'dev'], env)
    expect(piped.stdout).not.toContain('\x1b[')
    const forced = await cli(['doctor', '--profile', 'dev'], { ...env, FORCE_COLOR: '1' })
    expect(forced.stdout).toContain('\x1b[32mok  \x1b[39m  config')
  })
})

import { createHash } from 'node:crypto'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { getToken as coreGetToken, getCredentials, resolveTarget } from '@idc/core'
import { runCommand } from '@oclif/test'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type Sandbox, sandbox } from './sandbox.js'

/** The sign-in commands end to end, in this process, against the emulator and a temporary HOME. */

const root = join(import.meta.dirname, '..')
const run = (args: string[]) => runCommand(args, { root })
const exitOf = (error: unknown) => (error as { oclif?: { exit?: number } } | undefined)?.oclif?.exit
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex')
const START_URL = 'https://d-1234567890.awsapps.com/start'
const SESSION_FILE = `${sha1('my-sso')}.json`
const LEGACY_FILE = `${sha1(START_URL)}.json`
// Registration caches, shared with the AWS CLI (docs/reference.md#registration-cache).
const SESSION_REGISTRATION = 'a8343d65418848d0bc13a5f25cbb32508ceec5d1.json'
const LEGACY_REGISTRATION = '365414a68be7c9bfc776c660981dbdbd942acea4.json'

let box: Sandbox
beforeAll(async () => {
  box = await sandbox()
})
afterAll(async () => {
  await box.cleanup()
})
beforeEach(async () => {
  await rm(join(box.home, '.aws', 'sso'), { recursive: true, force: true })
  await rm(join(box.home, '.aws', 'cli'), { recursive: true, force: true })
  box.emu.controls.setAutoApprove(true, { afterPolls: 0 })
  box.emu.controls.calls.reset()
  process.env['DISPLAY'] = ':99'
  process.env['BROWSER'] = box.browser
})

interface TokenFile {
  startUrl: string
  region: string
  accessToken: string
  expiresAt: string
  refreshToken?: string
  [key: string]: string | undefined
}

async function token(file = SESSION_FILE): Promise<TokenFile> {
  return JSON.parse(await readFile(join(box.cacheDir, file), 'utf8'))
}

describe('login', () => {
  it('signs in to an sso-session with PKCE, opening $BROWSER with the authorize URL', async () => {
    const { stdout, stderr, error } = await run(['login', '--profile', 'dev'])
    expect(error).toBeUndefined()
    expect(stdout).toBe('')
    const url = `${box.emu.url}/authorize?response_type=code&client_id=`
    expect(stderr).toMatch(
      /^Attempting to open your default browser\. If the browser does not open, open the following URL\.\nIf you are unable to open the URL on this device, run this command again with the '--use-device-code' option\.\n\n/,
    )
    expect(stderr).toContain(`\n${url}`)
    expect(stderr).toContain('Waiting for the browser sign-in (')
    expect(stderr).toContain(`Successfully logged into Start URL: ${START_URL}\n`)
    expect(stderr).toMatch(/Signed in \(sso-session my-sso\), expires in 59m\.\n$/)
    // The $BROWSER script completed the sign-in: one authorize, one code exchange.
    expect(box.emu.controls.calls.count('Authorize')).toBe(1)
    expect(box.emu.controls.calls.count('CreateToken', 'authorization_code')).toBe(1)
    const t = await token()
    expect(Object.keys(t)).toEqual([
      'startUrl',
      'region',
      'accessToken',
      'expiresAt',
      'clientId',
      'clientSecret',
      'registrationExpiresAt',
      'refreshToken',
    ])
    expect(t.startUrl).toBe(START_URL)
    expect(t.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(await box.files(box.cacheDir)).toEqual([SESSION_FILE, SESSION_REGISTRATION].sort())
  })

  it('says "signed in, expires in" and does nothing while the token has > 15 min left, unless --force', async () => {
    await run(['login', '--profile', 'dev'])
    const first = await token()
    box.emu.controls.calls.reset()
    const again = await run(['login', '--sso-session', 'my-sso'])
    expect(again.error).toBeUndefined()
    expect(again.stderr).toBe(
      'Signed in (sso-session my-sso), expires in 59m. Use --force to sign in again.\n',
    )
    expect(box.emu.controls.calls.list()).toEqual([])
    expect((await token()).accessToken).toBe(first.accessToken)

    const forced = await run(['login', '--profile', 'dev', '--force'])
    expect(forced.error).toBeUndefined()
    expect(forced.stderr).toContain('Successfully logged into Start URL')
    expect(box.emu.controls.calls.count('CreateToken', 'authorization_code')).toBe(1)
    // The cached registration was reused.
    expect(box.emu.controls.calls.count('RegisterClient')).toBe(0)
    expect((await token()).accessToken).not.toBe(first.accessToken)
  })

  it('signs in again when the token has less than 15 minutes left', async () => {
    await run(['login', '--profile', 'dev'])
    // The token's expiresAt is on the local clock: 10 minutes from now.
    const t = await token()
    t.expiresAt = new Date(Date.now() + 10 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z')
    await writeFile(join(box.cacheDir, SESSION_FILE), JSON.stringify(t))
    const { stderr, error } = await run(['login', '--profile', 'dev'])
    expect(error).toBeUndefined()
    expect(stderr).toContain('Successfully logged into Start URL')
  })

  it('--use-device-code --no-browser prints the AWS CLI text, the prefilled URL and a wait line (not a TTY)', async () => {
    box.emu.controls.setAutoApprove(true, { afterPolls: 1 })
    const { stderr, error } = await run(['login', '--profile', 'dev', '--use-device-code', '--no-browser'])
    expect(error).toBeUndefined()
    const code = /\n\n([A-Z0-9]{4}-[A-Z0-9]{4})\n/.exec(stderr)?.[1]
    expect(code).toBeDefined()
    expect(stderr).toContain(
      `Browser will not be automatically opened.\nPlease visit the following URL:\n\n${box.emu.url}/device\n\nThen enter the code:\n\n${code}\n\nAlternatively, you may visit the following URL which will autofill the code upon loading:\n${box.emu.url}/device?user_code=${code}\n`,
    )
    // Plain lines when not a TTY: the wait line with time left, then the result.
    expect(stderr).toMatch(new RegExp(`\\nWaiting for approval of code ${code} \\(9m 5\\ds left\\)\\n`))
    expect(stderr).toContain(`Successfully logged into Start URL: ${START_URL}\n`)
    expect(stderr).not.toContain('\r')
    expect(box.emu.controls.calls.count('CreateToken', 'device_code')).toBe(2)
    expect(box.emu.controls.calls.count('Authorize')).toBe(0)
    await token()
  })

  it('device flow with a browser opens verificationUriComplete and prints the AWS CLI text', async () => {
    box.emu.controls.setAutoApprove(true, { afterPolls: 1 })
    const { stderr, error } = await run(['login', '--profile', 'dev', '--use-device-code'])
    expect(error).toBeUndefined()
    expect(stderr).toMatch(
      /^Attempting to open your default browser\.\nIf the browser does not open or you wish to use a different device to authorize this request, open the following URL:\n\nhttp:\/\/127\.0\.0\.1:\d+\/device\n\nThen enter the code:\n\n([A-Z0-9-]{9})\nWaiting for approval of code \1 \(/,
    )
  })

  it('uses the device code flow by itself when headless (no DISPLAY on Linux, SSH, CI)', async () => {
    delete process.env['DISPLAY']
    process.env['SSH_CONNECTION'] = '10.0.0.1 50000 10.0.0.2 22'
    try {
      const { stdout, error } = await run(['login', '--profile', 'dev', '--json'])
      expect(error).toBeUndefined()
      expect(JSON.parse(stdout)).toMatchObject({ flow: 'device', reused: false })
      expect(box.emu.controls.calls.count('CreateToken', 'device_code')).toBe(1)
    } finally {
      delete process.env['SSH_CONNECTION']
    }
  })

  // Issue 10 item 10: the device code flow chosen because no browser can be used must not claim to open one.
  it('headless: prints the URL that fills in the code instead of "Attempting to open your default browser"', async () => {
    delete process.env['DISPLAY']
    process.env['SSH_CONNECTION'] = '10.0.0.1 50000 10.0.0.2 22'
    box.emu.controls.setAutoApprove(true, { afterPolls: 1 })
    try {
      const { stderr, error } = await run(['login', '--profile', 'dev', '--debug'])
      expect(error).toBeUndefined()
      expect(stderr).toContain('using the device code flow')
      expect(stderr).not.toContain('Attempting to open your default browser')
      expect(stderr).toMatch(
        /which will autofill the code upon loading:\nhttp:\/\/127\.0\.0\.1:\d+\/device\?user_code=/,
      )
    } finally {
      delete process.env['SSH_CONNECTION']
    }
  })

  it('--browser forces the browser flow even when headless', async () => {
    delete process.env['DISPLAY']
    process.env['CI'] = 'true'
    try {
      const { stdout, error } = await run(['login', '--profile', 'dev', '--browser', '--json'])
      expect(error).toBeUndefined()
      expect(JSON.parse(stdout)).toMatchObject({ flow: 'auth-code' })
    } finally {
      delete process.env['CI']
    }
  })

  it('--json prints the result on stdout and still shows the prompt on stderr', async () => {
    const { stdout, stderr, error } = await run(['login', '--profile', 'dev', '--json'])
    expect(error).toBeUndefined()
    const json = JSON.parse(stdout)
    expect(json).toEqual({
      file: join(box.cacheDir, SESSION_FILE),
      expiresAt: expect.stringMatching(/^\d{4}-.*Z$/),
      reused: false,
      refreshable: true,
      flow: 'auth-code',
      sessionName: 'my-sso',
      startUrl: START_URL,
      ssoRegion: 'us-east-1',
    })
    expect(new Date(json.expiresAt).getTime()).toBe(new Date((await token()).expiresAt).getTime())
    expect(stderr).toContain('/authorize?')
    expect(stderr).not.toContain('Successfully logged into')
    const again = await run(['login', '--profile', 'dev', '--json'])
    expect(JSON.parse(again.stdout)).toMatchObject({ reused: true })
    expect(again.stderr).toBe('')
  })

  it('a legacy profile and --start-url --region use the device flow and the start-URL token file', async () => {
    const legacy = await run(['login', '--profile', 'legacy', '--json'])
    expect(legacy.error).toBeUndefined()
    expect(JSON.parse(legacy.stdout)).toMatchObject({
      flow: 'device',
      startUrl: START_URL,
      refreshable: false,
    })
    // Issue 10 item 19: a sign-in that can never be refreshed says so once, with the fix.
    expect(legacy.stderr).toMatch(
      /warning: this sign-in cannot be refreshed: a legacy profile .* `aws-idc configure --non-interactive --profile legacy --sso-session legacy`/,
    )
    expect(await box.files(box.cacheDir)).toEqual([LEGACY_FILE, LEGACY_REGISTRATION].sort())
    // Legacy registrations carry no refresh scope: no refresh token (as the service).
    expect((await token(LEGACY_FILE)).refreshToken).toBeUndefined()

    await rm(join(box.cacheDir, LEGACY_FILE))
    const adHoc = await run(['login', '--start-url', START_URL, '--region', 'us-east-1'])
    expect(adHoc.error).toBeUndefined()
    expect(adHoc.stderr).toContain('Signed in (start URL https://d-1234567890.awsapps.com/start)')
    expect((await token(LEGACY_FILE)).startUrl).toBe(START_URL)
  })

  it('a denied sign-in exits 3 with one error line and a hint, and writes no token', async () => {
    box.emu.controls.setAutoApprove('deny')
    const { stderr, error } = await run(['login', '--profile', 'dev', '--use-device-code', '--no-browser'])
    expect(exitOf(error)).toBe(3)
    expect(stderr).toMatch(/^error: The sign-in request was denied.*\nhint: Run `aws-idc login.*\n$/)
    expect(await box.files(box.cacheDir)).not.toContain(SESSION_FILE)
  })

  it('an unknown profile exits 6 with a hint', async () => {
    const { stderr, error } = await run(['login', '--profile', 'nope'])
    expect(exitOf(error)).toBe(6)
    expect(stderr).toMatch(/^error: .*nope.*\nhint: .+\n$/)
  })
})

describe('logout', () => {
  async function signInAndFetch(): Promise<void> {
    await run(['login', '--profile', 'dev'])
    await run(['login', '--profile', 'legacy'])
    for (const profile of ['dev', 'dev-admin', 'legacy']) {
      await getCredentials({ from: 'profile', profile }, { env: process.env })
    }
    expect(await box.files(box.roleCacheDir)).toHaveLength(3)
    box.emu.controls.calls.reset()
  }

  it('signs out of one session: Logout API, its token and the role caches it fed; registrations kept', async () => {
    await signInAndFetch()
    const { accessToken } = await token()
    const { stdout, stderr, error } = await run(['logout', '--profile', 'dev', '--json'])
    expect(error).toBeUndefined()
    const json = JSON.parse(stdout)
    expect(json.tokens).toEqual([join(box.cacheDir, SESSION_FILE)])
    expect(json.roleCaches).toHaveLength(2)
    expect(json.warnings).toEqual([])
    expect(stderr).toBe('')
    expect(box.emu.controls.calls.count('Logout')).toBe(1)
    // On disk: the legacy token and its role cache stay, both registrations stay.
    expect(await box.files(box.cacheDir)).toEqual(
      [LEGACY_FILE, LEGACY_REGISTRATION, SESSION_REGISTRATION].sort(),
    )
    expect(await box.files(box.roleCacheDir)).toHaveLength(1)
    // The service ended the session: the old access token no longer works.
    const r = await fetch(`${box.emu.url}/assignment/accounts`, {
      headers: { 'x-amz-sso_bearer_token': accessToken ?? '' },
    })
    expect(r.status).toBe(401)
  })

  it('--all signs out of every session and removes every SSO role cache', async () => {
    await signInAndFetch()
    const { stderr, error } = await run(['logout', '--all'])
    expect(error).toBeUndefined()
    expect(stderr).toBe('Signed out: removed 2 token files and 3 cached role credential files.\n')
    expect(box.emu.controls.calls.count('Logout')).toBe(2)
    expect(await box.files(box.cacheDir)).toEqual([LEGACY_REGISTRATION, SESSION_REGISTRATION].sort())
    expect(await box.files(box.roleCacheDir)).toEqual([])
  })

  it('says so when not signed in', async () => {
    const { stderr, error } = await run(['logout', '--sso-session', 'my-sso'])
    expect(error).toBeUndefined()
    expect(stderr).toBe('Not signed in: no cached token to remove.\n')
  })
})

describe('sessions', () => {
  it('lists every cached token with its session, profiles, expiry, refreshability, region and file', async () => {
    const empty = await run(['sessions'])
    expect(empty.stdout).toBe('')
    expect(empty.stderr).toBe('No cached sessions. Sign in with `aws-idc login`.\n')

    await run(['login', '--profile', 'dev'])
    await run(['login', '--profile', 'legacy'])
    const { stdout, error } = await run(['sessions'])
    expect(error).toBeUndefined()
    const lines = stdout.trimEnd().split('\n')
    // The token files are in --json only: a row fits the terminal (issue 10 item 6).
    expect(lines[0]).toMatch(/^SESSION\s+PROFILES\s+EXPIRES\s+REFRESHABLE\s+REGION$/)
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(
      /^https:\/\/d-1234567890\.awsapps\.com\/start\s+legacy\s+in 59m\s+no\s+us-east-1$/,
    )
    expect(lines[2]).toMatch(/^my-sso\s+dev, dev-admin\s+in 59m\s+yes\s+us-east-1$/)

    const json = JSON.parse((await run(['sessions', '--json'])).stdout)
    expect(json).toEqual([
      {
        session: START_URL,
        kind: 'legacy',
        startUrl: START_URL,
        region: 'us-east-1',
        expiresAt: expect.any(String),
        expired: false,
        refreshable: false,
        profiles: ['legacy'],
        file: join(box.cacheDir, LEGACY_FILE),
      },
      {
        session: 'my-sso',
        kind: 'session',
        startUrl: START_URL,
        region: 'us-east-1',
        expiresAt: (await token()).expiresAt.replace('Z', '.000Z'),
        expired: false,
        refreshable: true,
        profiles: ['dev', 'dev-admin'],
        file: join(box.cacheDir, SESSION_FILE),
      },
    ])
  })

  // Issue 10 item 14: a session whose refresh the service refused is not "refreshable".
  it('says "no (refresh failed)" once the service refused a refresh, until the next sign-in', async () => {
    await run(['login', '--profile', 'dev'])
    const file = join(box.cacheDir, SESSION_FILE)
    const good = await token()
    // Expired, with a refresh token the service does not know (as after a revoked session).
    await writeFile(
      file,
      JSON.stringify({ ...good, expiresAt: '2020-01-01T00:00:00Z', refreshToken: 'revoked' }),
    )
    const error = await coreGetToken(await resolveTarget({ from: 'profile', profile: 'dev' }), {
      env: process.env,
    }).catch((e: unknown) => e)
    expect((error as { code?: string }).code).toBe('token-expired')
    const { stdout } = await run(['sessions'])
    expect(stdout).toMatch(/^my-sso\s+dev, dev-admin\s+\S.*\s+no \(refresh failed\)\s+us-east-1/m)
    const json = JSON.parse((await run(['sessions', '--json'])).stdout) as {
      session: string
      refreshable: boolean
      refreshFailed?: boolean
    }[]
    expect(json.find((s) => s.session === 'my-sso')).toMatchObject({
      refreshable: false,
      refreshFailed: true,
    })
    await run(['login', '--profile', 'dev', '--force'])
    expect((await run(['sessions'])).stdout).toMatch(/^my-sso\s+dev, dev-admin\s+in 59m\s+yes\s/m)
  })
})

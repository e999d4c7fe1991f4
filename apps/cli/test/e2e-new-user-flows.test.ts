import { readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG, cli, DEV_ROLE_CACHE, type E2E, e2e, SESSION_TOKEN_FILE, start } from './e2e-helpers.js'

/**
 * Issue 10 items whose other tests run the commands in-process (plugin tests): here as real
 * processes of the built CLI, so that each also runs against an older build (IDC_TEST_CLI_BIN) and
 * fails there. The emulator's accounts include names that need transliteration and natural order.
 */

const FIXTURE = {
  accounts: [
    { id: '111111111111', name: 'dev', email: 'aws-dev@example.com' },
    { id: '222222222222', name: 'staging', email: 'aws-staging@example.com' },
    { id: '444444444444', name: 'Sandbox Ünïcode', email: 'sandbox@example.com' },
    { id: '555555555553', name: 'Shared Services 53', email: 'ss53@example.com' },
    { id: '555555555558', name: 'Shared Services 58', email: 'ss58@example.com' },
    { id: '555555555599', name: 'Shared Services 8', email: 'ss8@example.com' },
  ],
  users: [
    {
      name: 'alice',
      password: 'alice-password',
      roles: {
        '111111111111': ['ReadOnly'],
        '222222222222': ['ReadOnly'],
        '444444444444': ['Admin'],
        '555555555553': ['ReadOnly'],
        '555555555558': ['ReadOnly'],
        '555555555599': ['ReadOnly'],
      },
    },
  ],
}

let box: E2E
beforeAll(async () => {
  box = await e2e({ fixture: FIXTURE })
})
afterAll(async () => {
  await box.cleanup()
})
const login = async () => {
  const r = await cli(['login', '--profile', 'dev'], box.env)
  if (r.status !== 0) throw new Error(`login failed: ${r.stderr}`)
}

// Item 10: the device code flow chosen because no browser can be used must not claim to open one.
it('headless (SSH, no display): the URL that fills in the code, never "Attempting to open your default browser"', async () => {
  await rm(box.cacheDir, { recursive: true, force: true })
  const env: Record<string, string> = { ...box.env, SSH_CONNECTION: '10.0.0.1 50000 10.0.0.2 22' }
  delete env['DISPLAY']
  // Approved after the first poll, as by a person: the code is shown only while pending.
  box.emu.controls.setAutoApprove(true, { afterPolls: 1 })
  const r = await cli(['login', '--profile', 'dev', '--debug'], env).finally(() =>
    box.emu.controls.setAutoApprove(true, { afterPolls: 0 }),
  )
  expect(r.status).toBe(0)
  expect(r.stderr).toContain('using the device code flow')
  expect(r.stderr).not.toContain('Attempting to open your default browser')
  expect(r.stderr).toMatch(/autofill the code upon loading:\nhttp:\/\/127\.0\.0\.1:\d+\/device\?user_code=/)
})

// Item 11: Ctrl-C while a listing waits on the network is an interruption, not a cancelled sign-in.
it('Ctrl-C during a slow accounts listing: exit 130, never "Sign-in was cancelled"', async () => {
  await login()
  // A portal that takes the request and does not answer (yet): the listing is in flight.
  let arrived: () => void = () => {}
  const inFlight = new Promise<void>((resolve) => {
    arrived = resolve
  })
  const slow = createServer(() => arrived())
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve))
  try {
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`
    const run = start(['accounts', '--profile', 'dev'], { ...box.env, AWS_ENDPOINT_URL_SSO: url })
    await Promise.race([
      inFlight,
      new Promise((_, reject) => setTimeout(() => reject(new Error('ListAccounts never arrived')), 30_000)),
    ])
    run.child.kill('SIGINT')
    const r = await run.done
    expect(r.stderr).not.toContain('Sign-in was cancelled')
    expect(r.status).toBe(130)
  } finally {
    slow.closeAllConnections()
    slow.close()
  }
})

// Item 12: credentials rejected because this clock is behind: say so, not "expired, run it again".
it('whoami when STS rejects for time names the clock skew from the service Date header, exit 1 (clock-skew)', async () => {
  await login()
  expect((await cli(['creds', '--profile', 'dev'], box.env)).status).toBe(0)
  box.emu.controls.clock.advance(2 * 3600_000)
  try {
    const r = await cli(['whoami', '--profile', 'dev'], box.env)
    expect(r.stderr).toMatch(/The local clock is (2h|1h 59m) behind STS \(by its Date header\)/)
    expect(r.stderr).toMatch(/hint: Set the system clock right/)
    expect(r.status).toBe(1)
  } finally {
    box.emu.controls.clock.reset()
  }
})

// Item 14: a session whose refresh the service refused is not "refreshable".
it('sessions says "no (refresh failed)" after the service refused a refresh, until the next sign-in', async () => {
  await login()
  const file = join(box.cacheDir, SESSION_TOKEN_FILE)
  const good = JSON.parse(await readFile(file, 'utf8'))
  await rm(join(box.roleCacheDir, DEV_ROLE_CACHE), { force: true })
  await writeFile(
    file,
    JSON.stringify({ ...good, expiresAt: '2020-01-01T00:00:00Z', refreshToken: 'revoked' }),
  )
  const refused = await cli(['creds', '--profile', 'dev'], box.env)
  expect(refused.status).toBe(3)
  const r = await cli(['sessions'], box.env)
  expect(r.stdout).toMatch(/^my-sso\s.*\sno \(refresh failed\)\s/m)
  await login()
  expect((await cli(['sessions'], box.env)).stdout).not.toContain('refresh failed')
})

// Item 19: a sign-in that can never be refreshed says so once, with the fix that works.
it('login of a legacy profile warns that it cannot be refreshed; the hinted migration works as written', async () => {
  const config = await readFile(join(box.home, '.aws', 'config'), 'utf8')
  try {
    const r = await cli(['login', '--profile', 'legacy', '--use-device-code', '--no-browser'], box.env)
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/^warning: this sign-in cannot be refreshed: a legacy profile/m)
    const hinted = [...r.stderr.matchAll(/`aws-idc ([^`]+)`/g)].map((m) => m[1]!)
    expect(hinted).toEqual([
      'configure --non-interactive --profile legacy --sso-session legacy',
      'login --profile legacy',
    ])
    for (const command of hinted) {
      const run = await cli(command.split(' '), box.env)
      expect({ command, status: run.status, stderr: run.stderr }).toMatchObject({ command, status: 0 })
      expect(run.stderr).not.toContain('cannot be refreshed')
    }
    const doctor = JSON.parse((await cli(['doctor', '--json'], box.env)).stdout) as {
      checks: { name: string }[]
    }
    expect(doctor.checks.filter((c) => c.name === 'refresh')).toEqual([])
  } finally {
    await writeFile(join(box.home, '.aws', 'config'), config)
  }
})

// Items 9 and 16: populate's results on stdout; transliterated names in natural order; the only
// sso-session without --sso-session (configure's default name: profiles.int.test.ts, on a terminal).
describe('populate and configure naming', () => {
  it('populate --dry-run uses the only sso-session without --sso-session', async () => {
    await login()
    const r = await cli(['populate', '--dry-run'], box.env)
    // (stderr may carry the listing's progress line when it is slow)
    expect(r.stderr).not.toMatch(/^error:/m)
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/Dry run, nothing written to .*: 6 added/)
  })

  // Item 18: a throttled listing says so, also in a log (populate's wait line prints plain lines).
  it('populate --dry-run under throttling: the retries on stderr, the same plan on stdout', async () => {
    await login()
    box.emu.controls.faults.throttleNext(2, 'ListAccounts')
    try {
      const r = await cli(['populate', '--sso-session', 'my-sso', '--dry-run'], box.env)
      expect(r.status).toBe(0)
      expect(r.stderr).toContain('(retrying, throttled 2/6)')
      expect(r.stderr).toContain('(retrying, throttled 3/6)')
      expect(r.stdout).toMatch(/Dry run, nothing written to .*: 6 added/)
    } finally {
      box.emu.controls.faults.reset()
    }
  })

  it('populate --dry-run: the diff on stdout, Ünïcode transliterated, 8 before 53 before 58', async () => {
    await login()
    const r = await cli(['populate', '--sso-session', 'my-sso', '--dry-run'], box.env)
    expect(r.status).toBe(0)
    const added = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('+ '))
      .map((l) => /\[profile ([^\]]+)\]/.exec(l)![1])
    // Soft: an older build shows every difference at once (names, order, where the summary goes).
    expect
      .soft(added)
      .toEqual([
        'dev-ReadOnly',
        'Sandbox-Unicode-Admin',
        'Shared-Services-8-ReadOnly',
        'Shared-Services-53-ReadOnly',
        'Shared-Services-58-ReadOnly',
        'staging-ReadOnly',
      ])
    expect.soft(r.stdout).toMatch(/Dry run, nothing written to .*: 6 added/)
    expect(await readFile(join(box.home, '.aws', 'config'), 'utf8')).toBe(CONFIG)
  })
})

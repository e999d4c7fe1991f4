import { readFile, rm } from 'node:fs/promises'
import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import type { Sandbox } from '@idc/emulator/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectSecrets, leakedSecrets } from '../src/secrets.js'
import { CLI, cli, expireTokens, login, nodeModule, readJson, sandbox, tokenFiles } from './helpers.js'

/** A TCP server that accepts every connection and never answers. */
let silent: Server
let silentUrl = ''
const sockets: Socket[] = []
beforeAll(async () => {
  silent = createServer((s) => {
    sockets.push(s)
    s.on('error', () => {})
  })
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
  silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`
})
afterAll(async () => {
  for (const s of sockets) s.destroy()
  await new Promise((r) => silent.close(r))
})

// Each test has its own sandbox and they mostly wait on timeouts: run them concurrently.
const boxes: Sandbox[] = []
afterAll(async () => {
  await Promise.all(boxes.map((b) => b.cleanup()))
})
async function track(pending: Promise<Sandbox>): Promise<Sandbox> {
  const box = await pending
  boxes.push(box)
  return box
}

const FAST = ['--cli-connect-timeout', '1', '--cli-read-timeout', '1']

/** One line on stderr naming the host, exit 5, no stack, nothing that says "sign in again". */
function expectCouldNotReach(r: { code: number | null; stderr: string }, host: string, debug = false) {
  expect(r.code, r.stderr).toBe(5)
  expect(r.stderr).toContain(`Could not reach ${host}`)
  if (!debug) expect(r.stderr.trim().split('\n')).toHaveLength(2) // error + hint, no stack
  expect(r.stderr).not.toMatch(/sign in again|expired/i)
}

describe.concurrent('a socket that accepts and never answers: every command that calls out ends, bounded', () => {
  it('with short timeouts (flags): accounts, roles, credential-process, creds, login (device code), populate, whoami', async () => {
    const box = await track(sandbox())
    await login(box)
    const host = silentUrl.replace('http://', '')
    const env = { ...box.env, AWS_ENDPOINT_URL: silentUrl }
    const commands = [
      ['accounts', '--profile', 'dev'],
      ['roles', '--profile', 'dev', '--account-id', '111111111111'],
      ['credential-process', '--profile', 'dev'],
      ['creds', '--profile', 'dev'],
      ['login', '--profile', 'dev', '--use-device-code', '--no-browser', '--force'],
      ['populate', '--sso-session', 'my-sso'],
    ]
    const before = await readFile(box.configFile, 'utf8')
    const runs = await Promise.all(commands.map((c) => cli([...c, ...FAST, '--debug'], env)))
    for (const [i, r] of runs.entries()) {
      expectCouldNotReach(r, host, true)
      // A --debug line as each attempt starts.
      expect(r.stderr, commands[i]!.join(' ')).toMatch(/attempt 1\/6 (GET|POST) http:\/\/127\.0\.0\.1:\d+\//)
    }
    expect(await readFile(box.configFile, 'utf8')).toBe(before)
    // whoami: the portal answers, STS is silent.
    const whoami = await cli(['whoami', '--profile', 'dev', ...FAST], {
      ...box.env,
      AWS_ENDPOINT_URL_STS: silentUrl,
    })
    expect(whoami.code, whoami.stderr).toBe(5)
    expect(whoami.stderr).toContain(`Could not reach STS at ${host}`)
  })

  it('with short timeouts (flags): exec, console, login with PKCE (no registration yet), logout, and serve refreshing for a caller', async () => {
    const box = await track(sandbox())
    await login(box)
    const host = silentUrl.replace('http://', '')
    const env = { ...box.env, AWS_ENDPOINT_URL: silentUrl }
    const [exec, consoleUrl] = await Promise.all([
      cli(['exec', '--profile', 'dev', ...FAST, '--debug', '--', process.execPath, '-e', '0'], env),
      cli(['console', '--profile', 'dev', '--url', ...FAST, '--debug'], env),
    ])
    for (const r of [exec, consoleUrl]) {
      expectCouldNotReach(r, host, true)
      expect(r.stderr).toMatch(/attempt 1\/6 (GET|POST) http:\/\/127\.0\.0\.1:\d+\//)
    }
    // PKCE: a home with no client registration, so the CLI itself calls out (RegisterClient) first.
    const fresh = await track(sandbox())
    const pkce = await cli(['login', '--profile', 'dev', ...FAST, '--debug'], {
      ...fresh.env,
      AWS_ENDPOINT_URL: silentUrl,
    })
    expectCouldNotReach(pkce, host, true)
    expect(pkce.stderr).toMatch(/RegisterClient: attempt 1\/6 POST/)
    // serve: its first fetch is bounded; then, serving, a refresh for a caller (expired SSO token,
    // no role cache, the service stalling 60 s) is bounded too and the caller gets a 503 saying why.
    const { spawn } = await import('node:child_process')
    const serveArgs = [CLI, 'serve', '--profile', 'dev', '--format', 'json', ...FAST]
    const early = await cli(serveArgs.slice(1), env)
    expectCouldNotReach(early, host)
    const serve = spawn(process.execPath, serveArgs, { env: box.env, stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      let out = ''
      const vars = await new Promise<Record<string, string>>((resolve, reject) => {
        serve.stdout.on('data', (d) => {
          out += d
          try {
            resolve(JSON.parse(out))
          } catch {}
        })
        serve.on('exit', (code) => reject(new Error(`serve exited ${code}`)))
      })
      await expireTokens(box.home)
      await rm(join(box.home, '.aws', 'cli', 'cache'), { recursive: true, force: true })
      box.emu.controls.faults.setLatency(60_000, 'CreateToken')
      const res = await fetch(vars.AWS_CONTAINER_CREDENTIALS_FULL_URI!, {
        headers: { Authorization: vars.AWS_CONTAINER_AUTHORIZATION_TOKEN! },
      })
      expect(res.status).toBe(503)
      expect(await res.json()).toMatchObject({
        Code: 'network-error',
        Message: expect.stringContaining('Could not reach 127.0.0.1:'),
      })
    } finally {
      serve.kill('SIGKILL')
      box.emu.controls.faults.reset()
    }
    // logout (last: it ends the session): the portal's Logout cannot be reached; the command still ends.
    const logout = await cli(['logout', '--profile', 'dev', ...FAST], env)
    expect(logout.code, logout.stderr).not.toBeNull()
    expect(logout.stderr).not.toMatch(/sign in again/i)
  })

  it('with the defaults (no flag, no variable): bounded by the default budget, also via the environment variables', async () => {
    const box = await track(sandbox())
    await login(box)
    const env = { ...box.env, AWS_ENDPOINT_URL: silentUrl }
    const [byDefault, byEnv] = await Promise.all([
      cli(['credential-process', '--profile', 'dev'], env),
      cli(['accounts', '--profile', 'dev'], {
        ...env,
        AWS_IDC_CLI_READ_TIMEOUT: '1',
        AWS_IDC_CLI_CONNECT_TIMEOUT: '1',
      }),
    ])
    expectCouldNotReach(byDefault, silentUrl.replace('http://', ''))
    expect(byDefault.stderr).toContain('no answer within 40 s')
    expectCouldNotReach(byEnv, silentUrl.replace('http://', ''))
  })

  it('cli_read_timeout / cli_connect_timeout in the profile are honoured', async () => {
    const box = await track(sandbox())
    await login(box)
    const { appendFile } = await import('node:fs/promises')
    await appendFile(
      box.configFile,
      '\n[profile slowpoke]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\ncli_connect_timeout = 1\ncli_read_timeout = 1\n',
    )
    const r = await cli(['credential-process', '--profile', 'slowpoke'], {
      ...box.env,
      AWS_ENDPOINT_URL: silentUrl,
    })
    expectCouldNotReach(r, silentUrl.replace('http://', ''))
    expect(r.stderr).toContain('no answer within 4 s')
  })

  it('@idc/node: getCredentials is a bounded promise, rejecting with network-error', async () => {
    const box = await track(sandbox())
    await login(box)
    const { getCredentials } = await nodeModule()
    const error = await getCredentials({
      profile: 'dev',
      env: { ...box.env, AWS_ENDPOINT_URL: silentUrl },
      connectTimeoutMs: 500,
      readTimeoutMs: 500,
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'network-error' })
    expect(String((error as Error).message)).toContain('Could not reach 127.0.0.1:')
  })
})

describe.concurrent('fault matrix against the emulator: retried, bounded, reported as what it is', () => {
  it('a throttled CreateToken during a refresh is retried: success, one new token', async () => {
    const box = await track(sandbox())
    await login(box)
    await expireTokens(box.home)
    box.emu.controls.faults.throttleNext(2, 'CreateToken')
    const r = await cli(['creds', '--profile', 'dev', '--format', 'json'], box.env)
    expect(r.code, r.stderr).toBe(0)
  })

  for (const [name, inject] of [
    ['persistent 500', (b: Sandbox) => b.emu.controls.faults.failNext(100, 'CreateToken', 500)],
    ['persistent 503', (b: Sandbox) => b.emu.controls.faults.failNext(100, 'CreateToken', 503)],
    ['dropped connections', (b: Sandbox) => b.emu.controls.faults.dropNext(100, 'CreateToken')],
    ['persistent throttling', (b: Sandbox) => b.emu.controls.faults.throttleNext(100, 'CreateToken')],
  ] as const) {
    it(`${name} on the refresh of an expired token: exit 5, not "sign in again", token file untouched`, async () => {
      const box = await track(sandbox())
      await login(box)
      await expireTokens(box.home)
      const [file] = await tokenFiles(box.home)
      const before = await readFile(file!, 'utf8')
      inject(box)
      const r = await cli(['creds', '--profile', 'dev', '--debug'], box.env)
      expect(r.code, r.stderr).toBe(5)
      expect(r.stderr).not.toMatch(/sign in again|login/i)
      expect(await readFile(file!, 'utf8')).toBe(before)
      expect(leakedSecrets(r.stdout + r.stderr, await collectSecrets(box.home))).toEqual([])
      // Once the fault passes, the same session refreshes: nothing was lost.
      box.emu.controls.faults.reset()
      expect((await cli(['creds', '--profile', 'dev'], box.env)).code).toBe(0)
    })
  }

  it('throttled and failing GetRoleCredentials: retried within the budget, then exit 5 with a clear line', async () => {
    const box = await track(sandbox())
    await login(box)
    box.emu.controls.faults.failNext(2, 'GetRoleCredentials', 503)
    expect((await cli(['creds', '--profile', 'dev'], box.env)).code).toBe(0)
    box.emu.controls.faults.throttleNext(100, 'GetRoleCredentials')
    const r = await cli(['creds', '--profile', 'admin'], box.env)
    expect(r.code).toBe(5)
    expect(r.stderr).toContain('throttled GetRoleCredentials')
    expect(box.emu.controls.calls.count('GetRoleCredentials')).toBeLessThanOrEqual(2 + 1 + 6)
  })

  it('one SlowDown on StartDeviceAuthorization does not end login', async () => {
    const box = await track(sandbox())
    box.emu.controls.faults.throttleNext(1, 'StartDeviceAuthorization')
    const r = await cli(['login', '--profile', 'dev', '--use-device-code', '--no-browser'], box.env)
    expect(r.code, r.stderr).toBe(0)
    expect(box.emu.controls.calls.count('StartDeviceAuthorization')).toBe(2)
  })

  it('60 s of latency is not waited out: the read timeout ends it', async () => {
    const box = await track(sandbox())
    await login(box)
    box.emu.controls.faults.setLatency(60_000, 'GetRoleCredentials')
    const r = await cli(['creds', '--profile', 'dev', '--cli-read-timeout', '1'], box.env)
    expect(r.code).toBe(5)
    expect(r.stderr).toContain('Could not reach 127.0.0.1:')
    box.emu.controls.faults.reset()
  })

  it('local clock 2 h ahead of the service: creds --write-profile says so, writes nothing, exits non-zero', async () => {
    const box = await track(sandbox({ emulator: { now: new Date(Date.now() - 2 * 3600_000) } }))
    await login(box)
    const r = await cli(['creds', '--profile', 'dev', '--write-profile', 'skewed'], box.env)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/local clock is (2h|1h 59m) ahead of IAM Identity Center/)
    expect(r.stderr).not.toContain('expired 1h ago')
    expect(await readFile(box.credentialsFile, 'utf8').catch(() => '')).not.toContain('[skewed]')
  })

  it('a 70,000-character role name is a clear validation error (exit 2), not "Unknown." from HTTP 431', async () => {
    const box = await track(sandbox())
    await login(box)
    const r = await cli(['creds', '--profile', 'dev', '--role-name', 'R'.repeat(70_000)], box.env)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('(70000 characters) is not a permission set name')
    expect(r.stderr.length).toBeLessThan(600)
    expect(box.emu.controls.calls.count('GetRoleCredentials')).toBe(0)
  })

  it('a rotated refresh token is written before anything else: the file holds the new one', async () => {
    const box = await track(sandbox({ emulator: { rotateRefreshTokens: true } }))
    await login(box)
    const [file] = await tokenFiles(box.home)
    const old = (await readJson(file!)).refreshToken
    await expireTokens(box.home)
    box.emu.controls.faults.failNext(100, 'GetRoleCredentials', 500)
    const r = await cli(['creds', '--profile', 'dev'], box.env)
    expect(r.code).toBe(5)
    const now = (await readJson(file!)).refreshToken
    expect(now).not.toBe(old)
    box.emu.controls.faults.reset()
    expect((await cli(['creds', '--profile', 'dev'], box.env)).code).toBe(0)
  })
})

import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { cli, DEV_ROLE_CACHE, type E2E, e2e, type Running, SESSION_TOKEN_FILE, start } from './e2e-helpers.js'

/**
 * `aws-idc serve` and `exec --server` / `--allowed-account-ids` / `--logout-after` as real processes
 * against the emulator, with the AWS SDK for JavaScript v3 and botocore as the callers.
 */

const fixtures = join(import.meta.dirname, 'fixtures')
const ROLE_LIFETIME_MS = 3600_000

let box: E2E
beforeAll(async () => {
  box = await e2e()
})
afterAll(async () => {
  await box.cleanup()
})
beforeEach(async () => {
  box.emu.controls.reset()
  const r = await cli(['login', '--profile', 'dev'], box.env)
  expect(r.status, r.stderr).toBe(0)
})

/** Waits (bounded) for `file` to exist and returns its JSON. */
async function waitForJson<T>(file: string, what: string, child: Running, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (existsSync(file)) {
      try {
        return JSON.parse(await readFile(file, 'utf8')) as T
      } catch {
        // Being written.
      }
    }
    if (child.child.exitCode !== null) break
    await new Promise((r) => setTimeout(r, 50))
  }
  const exit = await Promise.race([child.done, new Promise((r) => setTimeout(() => r(undefined), 10))])
  throw new Error(`no ${what} (${file}); aws-idc: ${JSON.stringify(exit)}`)
}

describe('exec --server: SDKs refresh through the server for longer than the credentials last', () => {
  it('the JS SDK v3 and botocore never fail; one GetRoleCredentials per expiry however many callers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aws-idc-rounds-'))
    const clockFile = join(dir, 'clock.json')
    const setRound = async (round: number, offsetMs: number) => {
      // Atomic, so a caller never reads half a file.
      await writeFile(`${clockFile}.tmp`, JSON.stringify({ round, offsetMs }))
      await rename(`${clockFile}.tmp`, clockFile)
    }
    await setRound(0, 0)
    const env = {
      ...box.env,
      IDC_TEST_CLOCK_FILE: clockFile,
      IDC_TEST_OUT: dir,
      IDC_TEST_CALLERS: '3',
      // Every Node process (aws-idc and the SDK script) sees the same time as the emulator.
      NODE_OPTIONS: `--import=${join(fixtures, 'shifted-clock.mjs')}`,
      // The child's own AWS SDK would warn on Node 20 (exec passes on only what the user set):
      // set here as a user would, so stderr holds only what aws-idc says.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    }
    box.emu.controls.calls.reset()
    const script = `node ${join(fixtures, 'sts-rounds.mjs')} & n=$!; python3 ${join(fixtures, 'sts-rounds.py')}; p=$?; wait $n; exit $((p | $?))`
    const run = start(['exec', '--profile', 'dev', '--server', '--', 'sh', '-c', script], env)
    try {
      // 5 rounds, 50 minutes apart: the role credentials (1 h) expire between every two rounds, the
      // sign-in token (1 h) too, so the server refreshes both; 200 minutes in all.
      const ROUNDS = 5
      const STEP_MS = (5 / 6) * ROLE_LIFETIME_MS
      for (let round = 0; round < ROUNDS; round++) {
        if (round > 0) {
          box.emu.controls.clock.set(Date.now() + round * STEP_MS)
          await setRound(round, round * STEP_MS)
        }
        for (const caller of ['node', 'python']) {
          const out = await waitForJson<{ ok: number; accounts: string[]; errors: string[] }>(
            join(dir, `${caller}-${round}.json`),
            `${caller} round ${round}`,
            run,
          )
          expect(out.errors, `${caller} round ${round}`).toEqual([])
          expect(out).toMatchObject({ ok: 3, accounts: ['111111111111', '111111111111', '111111111111'] })
        }
      }
      await setRound(-1, (ROUNDS - 1) * STEP_MS)
      const exit = await run.done
      expect(exit.stderr).toBe('')
      expect(exit.status).toBe(0)
      // One fetch before the child starts, then exactly one per expiry (rounds 1..4).
      expect(box.emu.controls.calls.count('GetRoleCredentials')).toBe(ROUNDS)
      // The sign-in token was refreshed along the way (it lasts 1 h).
      expect(box.emu.controls.calls.count('CreateToken', 'refresh_token')).toBeGreaterThanOrEqual(1)
      // Every STS call was signed with credentials the server handed out.
      expect(box.emu.controls.calls.count('GetCallerIdentity')).toBe(ROUNDS * 6)
    } finally {
      run.child.kill('SIGKILL')
      await rm(dir, { recursive: true, force: true })
    }
  })
})

/** Starts `serve` and waits until it listens; returns the variables it printed (JSON). */
async function serve(args: string[], env = box.env) {
  const run = start(['serve', '--format', 'json', ...args], env)
  await run.waitForStderr('Stop with Ctrl-C.')
  const vars = await waitForStdoutJson(run)
  return {
    run,
    url: vars['AWS_CONTAINER_CREDENTIALS_FULL_URI']!,
    token: vars['AWS_CONTAINER_AUTHORIZATION_TOKEN']!,
  }
}

async function waitForStdoutJson(run: Running): Promise<Record<string, string>> {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    try {
      return JSON.parse(run.stdout())
    } catch {
      await new Promise((r) => setTimeout(r, 20))
    }
  }
  throw new Error(`serve printed no JSON: ${run.stdout()}`)
}

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(url, { method, headers }).then(async (r) => ({ status: r.status, body: await r.text() }))

describe('serve', () => {
  it('hands the JSON the SDKs parse to a caller with the token; prints only the two variables', async () => {
    const { run, url, token } = await serve(['--profile', 'dev'])
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/role\/dev$/)
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      const r = await get(url, { authorization: token })
      expect(r.status).toBe(200)
      const body = JSON.parse(r.body)
      expect(Object.keys(body)).toEqual([
        'AccessKeyId',
        'SecretAccessKey',
        'Token',
        'Expiration',
        'AccountId',
      ])
      const cached = await box.json<{ Credentials: Record<string, string> }>(
        join(box.roleCacheDir, DEV_ROLE_CACHE),
      )
      expect(body).toEqual({
        AccessKeyId: cached.Credentials['AccessKeyId'],
        SecretAccessKey: cached.Credentials['SecretAccessKey'],
        Token: cached.Credentials['SessionToken'],
        Expiration: cached.Credentials['Expiration'],
        AccountId: '111111111111',
      })
      run.child.kill('SIGTERM')
      const exit = await run.done
      expect(exit.status).toBe(0)
      expect(JSON.parse(exit.stdout)).toEqual({
        AWS_CONTAINER_CREDENTIALS_FULL_URI: url,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: token,
      })
      for (const secret of [body.SecretAccessKey, body.Token, token])
        expect(exit.stderr).not.toContain(secret)
      expect(exit.stdout).not.toContain(body.SecretAccessKey)
      expect(exit.stderr).toContain('Serving 111111111111/ReadOnly (dev) at ')
    } finally {
      run.child.kill('SIGKILL')
    }
  })

  it('refuses no token, a wrong token, a bad path and other methods; Ctrl-C stops it (exit 0)', async () => {
    const { run, url, token } = await serve(['--profile', 'dev', '--debug'])
    try {
      const origin = new URL(url).origin
      const fetched = box.emu.controls.calls.count('GetRoleCredentials')
      // Without the token: 401 and an empty body, whatever the path.
      expect(await get(url)).toEqual({ status: 401, body: '' })
      expect(await get(`${origin}/nope`)).toEqual({ status: 401, body: '' })
      expect(await get(url, { authorization: `${token}x` })).toEqual({ status: 401, body: '' })
      expect(await get(url, { authorization: token.slice(0, -1) })).toEqual({ status: 401, body: '' })
      expect(await get(url, { authorization: `Bearer ${token}` })).toEqual({ status: 401, body: '' })
      // With it: a bad path is 404, another method 405, both without a body.
      for (const path of ['/', '/role/', '/role/prod', '/role/dev/x', '/creds']) {
        expect(await get(`${origin}${path}`, { authorization: token }), path).toEqual({
          status: 404,
          body: '',
        })
      }
      expect(await get(url, { authorization: token }, 'POST')).toEqual({ status: 405, body: '' })
      expect(box.emu.controls.calls.count('GetRoleCredentials')).toBe(fetched)
      run.child.kill('SIGINT')
      const exit = await run.done
      expect(exit.status).toBe(0)
      expect(exit.stderr).toContain('Stopped (SIGINT).')
      // --debug logs each request without the token or any credential.
      expect(exit.stderr).toContain('credential server: GET (unauthorised) -> 401')
      expect(exit.stderr).toContain('credential server: GET /role/prod -> 404')
      expect(exit.stderr).not.toContain(token)
      await expect(get(url, { authorization: token })).rejects.toThrow()
    } finally {
      run.child.kill('SIGKILL')
    }
  })

  it.each([['0.0.0.0'], ['::'], ['192.0.2.1']])(
    'refuses the non-loopback address %s without --allow-non-loopback (exit 2, nothing served)',
    async (host) => {
      const r = await cli(['serve', '--profile', 'dev', '--host', host], box.env)
      expect(r.status).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr).toBe(
        `error: Refusing to serve credentials on ${host}: it is not a loopback address.\n` +
          'hint: Leave out --host (127.0.0.1), or add --allow-non-loopback if every host that can reach this address may ask for the credentials.\n',
      )
    },
  )

  it('--allow-non-loopback serves on 0.0.0.0, still only with the token', async () => {
    const { run, url, token } = await serve(['--profile', 'dev', '--host', '0.0.0.0', '--allow-non-loopback'])
    try {
      const port = new URL(url).port
      expect(await get(`http://127.0.0.1:${port}/role/dev`)).toEqual({ status: 401, body: '' })
      expect((await get(`http://127.0.0.1:${port}/role/dev`, { authorization: token })).status).toBe(200)
    } finally {
      run.child.kill('SIGKILL')
    }
  })

  it('several profiles, each at /role/<profile>; --port; env and fish formats', async () => {
    expect((await cli(['login', '--profile', 'legacy'], box.env)).status).toBe(0)
    const free = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port
        s.close(() => resolve(p))
      })
    })
    const { run, url, token } = await serve([
      '--profile',
      'dev',
      '--profile',
      'legacy',
      '--port',
      String(free),
    ])
    try {
      expect(url).toBe(`http://127.0.0.1:${free}/role/dev`)
      const legacy = JSON.parse(
        (await get(`http://127.0.0.1:${free}/role/legacy`, { authorization: token })).body,
      )
      expect(legacy.AccountId).toBe('222222222222')
    } finally {
      run.child.kill('SIGKILL')
    }
    const env = start(['serve', '--profile', 'dev'], box.env)
    const fish = start(['serve', '--profile', 'dev', '--format', 'fish'], box.env)
    try {
      await env.waitForStderr('Stop with Ctrl-C.')
      await fish.waitForStderr('Stop with Ctrl-C.')
      env.child.kill('SIGTERM')
      fish.child.kill('SIGTERM')
      expect((await env.done).stdout).toMatch(
        /^export AWS_CONTAINER_CREDENTIALS_FULL_URI=http:\/\/127\.0\.0\.1:\d+\/role\/dev\nexport AWS_CONTAINER_AUTHORIZATION_TOKEN=[\w-]{43}\n$/,
      )
      expect((await fish.done).stdout).toMatch(
        /^set -gx AWS_CONTAINER_CREDENTIALS_FULL_URI "http:\/\/127\.0\.0\.1:\d+\/role\/dev"\nset -gx AWS_CONTAINER_AUTHORIZATION_TOKEN "[\w-]{43}"\n$/,
      )
    } finally {
      env.child.kill('SIGKILL')
      fish.child.kill('SIGKILL')
    }
  })

  it('not signed in: the usual error before anything is printed or served', async () => {
    await rm(join(box.cacheDir, SESSION_TOKEN_FILE))
    await rm(join(box.roleCacheDir, DEV_ROLE_CACHE), { force: true })
    const r = await cli(['serve', '--profile', 'dev'], box.env)
    expect(r.status).toBe(3)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^error: .+\nhint: .*aws-idc login --profile dev.*\n$/)
  })
})

describe('agent-safe exec', () => {
  it('--allowed-account-ids refuses another account before any GetRoleCredentials (exit 4, child not run)', async () => {
    await rm(join(box.roleCacheDir, DEV_ROLE_CACHE), { force: true })
    box.emu.controls.calls.reset()
    const marker = join(box.home, 'ran')
    for (const args of [
      ['exec', '--profile', 'dev', '--allowed-account-ids', '222222222222,333333333333'],
      ['exec', '--profile', 'dev', '--server', '--allowed-account-ids', '222222222222'],
      [
        'exec',
        '--profile',
        'legacy',
        '--allowed-account-ids',
        '111111111111',
        '--account-id',
        '222222222222',
      ],
      ['serve', '--profile', 'dev', '--allowed-account-ids', '222222222222'],
    ]) {
      const r = await cli(args[0] === 'serve' ? args : [...args, '--', 'touch', marker], box.env)
      expect(r.status, args.join(' ')).toBe(4)
      expect(r.stderr).toMatch(
        /^error: Account \d{12} is not in --allowed-account-ids \([\d, ]+\); no credentials were fetched\.\nhint: .+\n$/,
      )
    }
    expect(existsSync(marker)).toBe(false)
    expect(box.emu.controls.calls.count('GetRoleCredentials')).toBe(0)
    // The allowed account goes through (so the count above could have been non-zero).
    const ok = await cli(
      [
        'exec',
        '--profile',
        'dev',
        '--allowed-account-ids',
        '222222222222, 111111111111',
        '--',
        'touch',
        marker,
      ],
      box.env,
    )
    expect(ok.status, ok.stderr).toBe(0)
    expect(existsSync(marker)).toBe(true)
    expect(box.emu.controls.calls.count('GetRoleCredentials')).toBe(1)
  })

  it('--allowed-account-ids with something but account IDs is a usage error (exit 2)', async () => {
    const r = await cli(['exec', '--profile', 'dev', '--allowed-account-ids', '1111', '--', 'true'], box.env)
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(
      'error: --allowed-account-ids: "1111" is not a 12-digit AWS account ID.\n' +
        'hint: List 12-digit account IDs separated by commas, e.g. --allowed-account-ids 111122223333,444455556666.\n',
    )
  })

  it.each([
    ['exec', []],
    ['exec --server', ['--server']],
  ])(
    '%s --logout-after: no token file remains and the emulator rejects the old token; exit code passed on',
    async (_n, extra) => {
      const tokenFile = join(box.cacheDir, SESSION_TOKEN_FILE)
      const { accessToken } = await box.json<{ accessToken: string }>(tokenFile)
      const roleCredentials = (token: string) =>
        get(`${box.emu.url}/federation/credentials?role_name=ReadOnly&account_id=111111111111`, {
          'x-amz-sso_bearer_token': token,
        })
      expect((await roleCredentials(accessToken)).status).toBe(200)
      const script = 'test -n "$AWS_ACCESS_KEY_ID$AWS_CONTAINER_CREDENTIALS_FULL_URI" && exit 7'
      const r = await cli(
        ['exec', '--profile', 'dev', ...extra, '--logout-after', '--', 'sh', '-c', script],
        box.env,
      )
      expect(r.stderr).toBe('')
      expect(r.status).toBe(7)
      expect(existsSync(tokenFile)).toBe(false)
      expect(existsSync(join(box.roleCacheDir, DEV_ROLE_CACHE))).toBe(false)
      expect((await roleCredentials(accessToken)).status).toBe(401)
      expect(box.emu.controls.calls.count('Logout')).toBe(1)
    },
  )
})

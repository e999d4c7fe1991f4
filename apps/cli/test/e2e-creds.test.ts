import { spawn } from 'node:child_process'
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { format } from '@idc/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { cli, DEV_ROLE_CACHE, type E2E, e2e, launcher, SESSION_TOKEN_FILE } from './e2e-helpers.js'

/** creds / credential-process / exec / whoami as real processes against the emulator. */

let box: E2E
beforeAll(async () => {
  box = await e2e()
  expect((await cli(['login', '--profile', 'dev'], box.env)).status).toBe(0)
})
afterAll(async () => {
  await box.cleanup()
})
beforeEach(() => {
  box.emu.controls.calls.reset()
})

interface RoleCache {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string }
}
const roleCache = () => box.json<RoleCache>(join(box.roleCacheDir, DEV_ROLE_CACHE))

describe('creds (process)', () => {
  it.each(['process', 'env', 'env-no-export', 'fish', 'powershell', 'windows-cmd'])(
    '--format %s: the fast path and oclif print the same bytes, equal to @idc/core format()',
    async (name) => {
      const fast = await cli(['creds', '--profile', 'dev', '--format', name], box.env)
      const oclif = await cli(['creds', '--profile', 'dev', '--format', name], {
        ...box.env,
        AWS_IDC_NO_FAST_PATH: '1',
      })
      expect(fast.status).toBe(0)
      expect(fast.stderr).toBe('')
      expect(oclif).toEqual(fast)
      const c = (await roleCache()).Credentials
      const expected = format(name as 'env', {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: new Date(c.Expiration),
      })
      expect(fast.stdout).toBe(expected)
      expect(fast.stdout).toContain(c.Expiration.replace('Z', '+00:00'))
    },
  )

  it('--region adds AWS_REGION / AWS_DEFAULT_REGION on both paths', async () => {
    const args = ['creds', '--profile', 'dev', '--region', 'eu-central-1']
    const fast = await cli(args, box.env)
    const oclif = await cli(args, { ...box.env, AWS_IDC_NO_FAST_PATH: '1' })
    expect(oclif.stdout).toBe(fast.stdout)
    expect(fast.stdout).toMatch(/\nexport AWS_REGION=eu-central-1\nexport AWS_DEFAULT_REGION=eu-central-1\n$/)
  })
})

describe('credential-process (process)', () => {
  it('is used for real: the JS SDK (fromIni, fromProcess) resolves credentials through it and STS accepts them', async () => {
    await appendFile(
      join(box.home, '.aws', 'config'),
      `\n[profile app]\ncredential_process = ${process.execPath} ${launcher} credential-process --profile dev\n`,
    )
    const sdk = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [join(import.meta.dirname, 'fixtures', 'sdk-identity.mjs'), 'app'],
        {
          env: box.env,
        },
      )
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d) => {
        stdout += d
      })
      child.stderr.on('data', (d) => {
        stderr += d
      })
      child.on('close', (status) => resolve({ status, stdout, stderr }))
    })
    expect(sdk.stderr).not.toMatch(/Error/)
    expect(sdk.status).toBe(0)
    const c = (await roleCache()).Credentials
    const out = JSON.parse(sdk.stdout)
    for (const provider of ['fromIni', 'fromProcess']) {
      expect(out[provider]).toEqual({
        accessKeyId: c.AccessKeyId,
        expiration: new Date(c.Expiration).toISOString(),
        arn: expect.stringMatching(
          /^arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_ReadOnly_\w+\/alice$/,
        ),
        account: '111111111111',
      })
    }
    // STS verified the SigV4 signatures made with the credentials credential-process printed.
    expect(box.emu.controls.calls.count('GetCallerIdentity')).toBe(2)
  })
})

describe('exec (process)', () => {
  it('the child gets the credentials, not AWS_PROFILE; its exit code passes through', async () => {
    const r = await cli(
      [
        'exec',
        '--',
        process.execPath,
        '-e',
        'console.log(JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("AWS_"))))); process.exit(42)',
      ],
      { ...box.env, AWS_PROFILE: 'dev' },
    )
    expect(r.status).toBe(42)
    expect(r.stderr).toBe('')
    const env = JSON.parse(r.stdout) as Record<string, string>
    const c = (await roleCache()).Credentials
    expect(env).toMatchObject({
      AWS_ACCESS_KEY_ID: c.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: c.SecretAccessKey,
      AWS_SESSION_TOKEN: c.SessionToken,
      AWS_CREDENTIAL_EXPIRATION: c.Expiration.replace('Z', '+00:00'),
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
    })
    expect(env).not.toHaveProperty('AWS_PROFILE')
  })

  it('stdin and stdout are the child’s', async () => {
    const r = await cli(
      ['exec', '--profile', 'dev', '--', process.execPath, '-e', 'process.stdin.pipe(process.stdout)'],
      box.env,
      'piped through\nexec\n',
    )
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('piped through\nexec\n')
  })

  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    'a child killed by %s makes aws-idc die by the same signal',
    async (signal) => {
      const r = await cli(
        ['exec', '--profile', 'dev', '--', process.execPath, '-e', `process.kill(process.pid, '${signal}')`],
        box.env,
      )
      expect(r.signal).toBe(signal)
      expect(r.status).toBeNull()
    },
  )

  it('SIGTERM sent to aws-idc reaches the child, which decides how to end', async () => {
    const { start } = await import('./e2e-helpers.js')
    const run = start(
      [
        'exec',
        '--profile',
        'dev',
        '--',
        process.execPath,
        '-e',
        "process.on('SIGTERM', () => { console.log('child got SIGTERM'); process.exit(3) }); console.error('ready'); setInterval(() => {}, 1000)",
      ],
      box.env,
    )
    await run.waitForStderr('ready')
    run.child.kill('SIGTERM')
    const r = await run.done
    expect(r.stdout).toBe('child got SIGTERM\n')
    expect(r.status).toBe(3)
  })
})

describe('whoami (process)', () => {
  it('table and --json', async () => {
    const table = await cli(['whoami', '--profile', 'dev'], box.env)
    expect(table.status).toBe(0)
    expect(table.stdout).toMatch(
      /^ACCOUNT\s+ROLE\s+EXPIRES\s+ARN\s+USER ID\n111111111111\s+ReadOnly\s+in \d+m\s+arn:aws:sts::/,
    )
    const json = await cli(['whoami', '--profile', 'dev', '--json'], box.env)
    expect(JSON.parse(json.stdout)).toMatchObject({ account: '111111111111', roleName: 'ReadOnly' })
    expect(box.emu.controls.calls.count('GetCallerIdentity')).toBe(2)
  })
})

describe('--debug never prints a secret on stderr', () => {
  it('login, creds, credential-process, exec (including a refresh and an error)', async () => {
    const stderrs: string[] = []
    const run = async (args: string[], extra: Record<string, string> = {}) => {
      const dash = args.indexOf('--')
      const withDebug =
        dash === -1 ? [...args, '--debug'] : [...args.slice(0, dash), '--debug', ...args.slice(dash)]
      const r = await cli(withDebug, { ...box.env, ...extra })
      stderrs.push(r.stderr)
      return r
    }
    const tokenFile = join(box.cacheDir, SESSION_TOKEN_FILE)
    expect((await run(['login', '--profile', 'dev', '--force'])).status).toBe(0)
    expect((await run(['login', '--profile', 'legacy', '--force', '--no-browser'])).status).toBe(0)
    // An expiring token and no role cache: creds refreshes the token and fetches credentials.
    const token = JSON.parse(await readFile(tokenFile, 'utf8'))
    const before = { ...token }
    token.expiresAt = new Date(Date.now() + 60_000).toISOString().replace(/\.\d+Z$/, 'Z')
    await writeFile(tokenFile, JSON.stringify(token))
    await rm(box.roleCacheDir, { recursive: true, force: true })
    const creds = await run(['creds', '--profile', 'dev'])
    expect(creds.status).toBe(0)
    expect(box.emu.controls.calls.count('CreateToken', 'refresh_token')).toBe(1)
    expect(creds.stderr).toContain('debug: ')
    expect((await run(['credential-process', '--profile', 'dev'])).status).toBe(0)
    expect((await run(['credential-process', '--profile', 'legacy'])).status).toBe(0)
    expect((await run(['exec', '--profile', 'dev', '--', process.execPath, '-e', '0'])).status).toBe(0)
    expect((await run(['whoami', '--profile', 'dev'])).status).toBe(0)
    // Errors print their cause chain with --debug: a forbidden role, a revoked session.
    expect(
      (
        await run([
          'creds',
          '--sso-session',
          'my-sso',
          '--account-id',
          '333333333333',
          '--role-name',
          'Admin',
        ])
      ).status,
    ).toBe(4)

    const after = JSON.parse(await readFile(tokenFile, 'utf8'))
    const legacy = await box.json(
      join(box.cacheDir, (await box.files(box.cacheDir)).find((f) => f.startsWith('7487'))!),
    )
    const registrations = await Promise.all(
      ['a8343d65418848d0bc13a5f25cbb32508ceec5d1.json', '365414a68be7c9bfc776c660981dbdbd942acea4.json'].map(
        (f) => box.json(join(box.cacheDir, f)),
      ),
    )
    const roleCaches = await Promise.all(
      (await box.files(box.roleCacheDir)).map((f) => box.json<RoleCache>(join(box.roleCacheDir, f))),
    )
    const secrets = [
      before.accessToken,
      before.refreshToken,
      before.clientSecret,
      after.accessToken,
      after.refreshToken,
      legacy.accessToken,
      ...registrations.map((r) => r.clientSecret),
      ...roleCaches.flatMap((r) => [r.Credentials.SecretAccessKey, r.Credentials.SessionToken]),
    ]
    expect(secrets.every((s) => typeof s === 'string' && s.length > 15)).toBe(true)
    expect(after.accessToken).not.toBe(before.accessToken)
    expect(roleCaches.length).toBeGreaterThanOrEqual(2)
    const all = stderrs.join('\n')
    expect(all).toContain('debug: ')
    for (const secret of secrets) expect(all).not.toContain(secret)
  })
})

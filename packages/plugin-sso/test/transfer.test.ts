import { execFile, spawn } from 'node:child_process'
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { login, resolveCredentials, tokenFromCiSecrets } from '@idc/core'
import { createSandbox, type Sandbox, sandboxEnv } from '@idc/emulator/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CONFIG } from './sandbox.js'

/**
 * `sessions export` / `sessions import` and `login --for-ci` as real processes (pipes, a pseudo
 * terminal through `script`), between two temporary HOMEs, read back by botocore.
 */

const BIN = join(import.meta.dirname, 'bin.mjs')
const hasBotocore = await new Promise<boolean>((resolve) =>
  execFile('python3', ['-c', 'import botocore.session'], (error) => resolve(!error)),
)

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function cli(args: string[], env: Record<string, string>, stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    )
    child.stdin?.end(stdin ?? '')
  })
}

/** `export … | import` as a shell runs it: the first process's stdout is the second's stdin. */
function pipe(
  exportArgs: string[],
  env1: Record<string, string>,
  importArgs: string[],
  env2: Record<string, string>,
) {
  const run = (args: string[], env: Record<string, string>) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
    return { child, done }
  }
  const a = run(exportArgs, env1)
  const b = run(importArgs, env2)
  a.child.stdout.pipe(b.child.stdin)
  return Promise.all([a.done, b.done])
}

/** Runs a command in a real pseudo-terminal (util-linux `script`), so stdout and stderr are TTYs. */
function inTerminal(args: string[], env: Record<string, string>): Promise<Run> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ')
  return new Promise((resolve) =>
    execFile('script', ['-qfec', command, '/dev/null'], { env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    ),
  )
}

async function files(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const name of (await readdir(dir).catch(() => [] as string[])).sort()) {
    out.set(name, await readFile(join(dir, name), 'utf8'))
  }
  return out
}

let box: Sandbox
let remote: string
let remoteEnv: Record<string, string>
const cache = (home: string) => join(home, '.aws', 'sso', 'cache')
// The remote host has the profile but not the sso-session: import adds it.
const REMOTE_CONFIG = `[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = ReadOnly
`

beforeAll(async () => {
  box = await createSandbox({ config: CONFIG, prefix: 'idc-export-' })
  await login({ from: 'profile', profile: 'dev' }, { env: box.env, flow: 'device' })
})
afterAll(async () => {
  await box?.cleanup()
  if (remote) await rm(remote, { recursive: true, force: true })
})
beforeEach(async () => {
  if (remote) await rm(remote, { recursive: true, force: true })
  remote = await mkdtemp(join(tmpdir(), 'idc-import-'))
  remoteEnv = sandboxEnv(remote, { endpoint: box.emu.url })
  await import('node:fs/promises').then((fs) => fs.mkdir(join(remote, '.aws'), { recursive: true }))
  await writeFile(join(remote, '.aws', 'config'), REMOTE_CONFIG)
})

describe('sessions export | sessions import', () => {
  it('moves the sign-in to another HOME: the same files the AWS CLI writes, and botocore uses them', async () => {
    const [exp, imp] = await pipe(
      ['sessions', 'export', 'my-sso'],
      box.env,
      ['sessions', 'import'],
      remoteEnv,
    )
    expect(exp.code, exp.stderr).toBe(0)
    expect(imp.code, imp.stderr).toBe(0)
    // Piped, not a terminal: no warning, nothing but the data.
    expect(exp.stderr).toBe('')
    expect(imp.stderr).toMatch(
      /^Added \[sso-session my-sso\] to .*config\.\nImported the sign-in to sso-session my-sso, expires /,
    )
    expect(imp.stdout).toBe('')
    // Byte for byte what the laptop's AWS-CLI-compatible cache holds: token and registration.
    expect(await files(cache(remote))).toEqual(await files(cache(box.home)))
    expect(await readFile(join(remote, '.aws', 'config'), 'utf8')).toBe(
      `${REMOTE_CONFIG}\n[sso-session my-sso]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`,
    )
  })

  it.skipIf(!hasBotocore && !process.env.CI)(
    'botocore on the other HOME resolves SSO credentials from the imported session',
    async () => {
      const [, imp] = await pipe(['sessions', 'export', 'my-sso'], box.env, ['sessions', 'import'], remoteEnv)
      expect(imp.code, imp.stderr).toBe(0)
      const calls = box.emu.controls.calls.count('GetRoleCredentials')
      const script = `
import json, botocore.session
c = botocore.session.Session(profile='dev').get_credentials().get_frozen_credentials()
print(json.dumps({'accessKeyId': c.access_key, 'secretAccessKey': c.secret_key, 'sessionToken': c.token}))
`
      const out = await new Promise<string>((resolve, reject) =>
        execFile('python3', ['-c', script], { env: remoteEnv, timeout: 60_000 }, (error, stdout, stderr) =>
          error ? reject(new Error(stderr)) : resolve(stdout),
        ),
      )
      const creds = JSON.parse(out) as { accessKeyId: string; secretAccessKey: string; sessionToken: string }
      expect(box.emu.controls.calls.count('GetRoleCredentials')).toBe(calls + 1)
      const sts = new STSClient({ region: 'us-east-1', endpoint: box.emu.url, credentials: creds })
      try {
        expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('111111111111')
      } finally {
        sts.destroy()
      }
    },
  )

  it('refuses to print to a terminal without --force, and warns on a terminal with it', async () => {
    const refused = await inTerminal(['sessions', 'export', 'my-sso'], box.env)
    expect(refused.code).toBe(2)
    // A terminal gets the coloured error and hint lines (NO_COLOR / FORCE_COLOR aside).
    expect(refused.stdout).toMatch(
      /does not print them to a terminal.*\r?\n(\x1b\[\d+m)?hint:(\x1b\[\d+m)? .*--force/,
    )
    const token = JSON.parse(
      [...(await files(cache(box.home))).values()].find((t) => t.includes('accessToken'))!,
    )
    expect(refused.stdout).not.toContain(token.refreshToken)
    expect(refused.stdout).not.toContain(token.accessToken)
    const forced = await inTerminal(['sessions', 'export', 'my-sso', '--force'], box.env)
    expect(forced.code).toBe(0)
    expect(forced.stdout).toMatch(
      /warning: this output lets whoever reads it use your sign-in to sso-session my-sso/,
    )
    expect(forced.stdout).toContain('"format":"aws-idc-session"')
  })

  const bad: [string, string, RegExp][] = [
    ['empty input', '', /it is empty/],
    ['not JSON', 'export AWS_ACCESS_KEY_ID=x\n', /it is not JSON/],
    ['another JSON document', '{"accessToken":"x"}', /"format" is not "aws-idc-session"/],
    [
      'a later version',
      '{"format":"aws-idc-session","version":9}',
      /version 9; this aws-idc reads version 1/,
    ],
  ]
  it.each(bad)('import of %s: one line + hint, exit 2, nothing written', async (_name, input, pattern) => {
    const before = await readFile(join(remote, '.aws', 'config'), 'utf8')
    const run = await cli(['sessions', 'import'], remoteEnv, input)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(pattern)
    expect(run.stderr.trim().split('\n')).toHaveLength(2)
    expect(run.stderr).toMatch(/\nhint: /)
    expect(await files(cache(remote))).toEqual(new Map())
    expect(await readFile(join(remote, '.aws', 'config'), 'utf8')).toBe(before)
  })

  it('import into an sso-session of the same name that names another start URL: refused, nothing written', async () => {
    const other = `${REMOTE_CONFIG}\n[sso-session my-sso]\nsso_start_url = https://other.awsapps.com/start\nsso_region = us-east-1\n`
    await writeFile(join(remote, '.aws', 'config'), other)
    const [exp, imp] = await pipe(
      ['sessions', 'export', 'my-sso'],
      box.env,
      ['sessions', 'import'],
      remoteEnv,
    )
    expect(exp.code).toBe(0)
    expect(imp.code).toBe(6)
    expect(imp.stderr).toMatch(
      /names https:\/\/other\.awsapps\.com\/start in us-east-1, the exported session/,
    )
    expect(await files(cache(remote))).toEqual(new Map())
    expect(await readFile(join(remote, '.aws', 'config'), 'utf8')).toBe(other)
  })

  it('keeps a longer-lasting sign-in on the other side unless --force', async () => {
    const exported = await cli(['sessions', 'export', 'my-sso'], box.env)
    const bundle = JSON.parse(exported.stdout)
    const older = JSON.stringify({
      ...bundle,
      token: {
        ...bundle.token,
        expiresAt: new Date(Date.now() + 600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      },
    })
    expect((await cli(['sessions', 'import'], remoteEnv, exported.stdout)).code).toBe(0)
    const kept = await cli(['sessions', 'import'], remoteEnv, older)
    expect(kept.code).toBe(2)
    expect(kept.stderr).toMatch(/lasts longer .* nothing was changed\.\nhint: Add --force/)
    expect((await cli(['sessions', 'import', '--force', '--json'], remoteEnv, older)).code).toBe(0)
  })

  it('export of a name that is neither an sso-session nor a profile', async () => {
    const run = await cli(['sessions', 'export', 'nope'], box.env)
    expect(run.code).toBe(6)
    expect(run.stderr).toMatch(
      /^error: There is no \[sso-session nope\] or profile nope in .*config\.\nhint: List the signed-in sessions .* `aws-idc sessions`\.\n$/,
    )
    expect(run.stdout).toBe('')
  })

  it('export of a session that is not signed in: the login hint', async () => {
    await writeFile(join(remote, '.aws', 'config'), CONFIG)
    const run = await cli(['sessions', 'export', 'my-sso'], remoteEnv)
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(
      /Not signed in to sso-session my-sso.*\nhint: Run `aws-idc login --sso-session my-sso`/,
    )
    expect(run.stdout).toBe('')
  })
})

describe('GitHub Action secrets', () => {
  /** A stand-in `gh` (the real one needs GitHub): records `secret set NAME --body VALUE`. */
  async function fakeGh(dir: string): Promise<string> {
    const gh = join(dir, 'gh')
    await writeFile(
      gh,
      `#!/bin/sh\n[ "$1 $2" = "secret set" ] && [ "$4" = "--body" ] || exit 9\nprintf '%s=%s\\n' "$3" "$5" >> "${join(dir, 'secrets')}"\n`,
    )
    await chmod(gh, 0o755)
    return dir
  }

  async function storeWithSh(output: string): Promise<Record<string, string>> {
    const dir = await fakeGh(remote)
    await new Promise<void>((resolve, reject) => {
      const sh = execFile('sh', [], { env: { PATH: `${dir}:${process.env.PATH}` } }, (e) =>
        e ? reject(e) : resolve(),
      )
      sh.stdin?.end(output)
    })
    const lines = (await readFile(join(dir, 'secrets'), 'utf8')).trim().split('\n')
    return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]))
  }

  async function expectWorking(secrets: Record<string, string>) {
    const target = await resolveCredentials(
      {
        from: 'values',
        startUrl: box.emu.startUrl,
        ssoRegion: box.emu.region,
        accountId: '111111111111',
        roleName: 'ReadOnly',
      },
      { env: box.env },
    )
    const token = await tokenFromCiSecrets(
      target,
      {
        refreshToken: secrets.AWS_IDC_REFRESH_TOKEN!,
        clientId: secrets.AWS_IDC_CLIENT_ID!,
        clientSecret: secrets.AWS_IDC_CLIENT_SECRET!,
      },
      { env: box.env },
    )
    expect(token.accessToken).toBeTruthy()
  }

  it('sessions export --for github: a warning on stderr, `gh secret set` lines that store the three values', async () => {
    const before = await files(cache(box.home))
    const run = await cli(['sessions', 'export', '--sso-session', 'my-sso', '--for', 'github'], box.env)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(
      /^warning: These values let anyone who holds them get AWS credentials for every account and role/,
    )
    expect(run.stdout).toMatch(/^# aws-idc: GitHub Actions secrets for sso-session my-sso\n# WARNING: /)
    const stored = await storeWithSh(run.stdout)
    const token = JSON.parse(
      before.get([...before.keys()].find((k) => before.get(k)!.includes('accessToken'))!)!,
    )
    expect(stored).toEqual({
      AWS_IDC_REFRESH_TOKEN: token.refreshToken,
      AWS_IDC_CLIENT_ID: token.clientId,
      AWS_IDC_CLIENT_SECRET: token.clientSecret,
    })
    await expectWorking(stored)
  })

  it('login --for-ci: its own registration, nothing cached, values that refresh', async () => {
    const before = await files(cache(box.home))
    const registrations = box.emu.controls.calls.count('RegisterClient')
    // One pending poll first, so the code is shown as a person would see it.
    box.emu.controls.setAutoApprove(true, { afterPolls: 1 })
    const run = await cli(['login', '--sso-session', 'my-sso', '--for-ci', '--no-browser'], box.env).finally(
      () => box.emu.controls.setAutoApprove(true, { afterPolls: 0 }),
    )
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/user_code=/)
    expect(box.emu.controls.calls.count('RegisterClient')).toBe(registrations + 1)
    expect(await files(cache(box.home))).toEqual(before)
    const stored = await storeWithSh(run.stdout)
    const laptop = JSON.parse([...before.values()].find((t) => t.includes('accessToken'))!)
    expect(stored.AWS_IDC_CLIENT_ID).not.toBe(laptop.clientId)
    expect(stored.AWS_IDC_REFRESH_TOKEN).not.toBe(laptop.refreshToken)
    await expectWorking(stored)
  })

  it('login --for-ci refuses a terminal before signing in', async () => {
    const registrations = box.emu.controls.calls.count('RegisterClient')
    const run = await inTerminal(['login', '--sso-session', 'my-sso', '--for-ci', '--no-browser'], box.env)
    expect(run.code).toBe(2)
    expect(run.stdout).toMatch(/does not print them to a terminal/)
    expect(box.emu.controls.calls.count('RegisterClient')).toBe(registrations)
  })
})

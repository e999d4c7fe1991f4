import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG, cli, type E2E, e2e } from './e2e-helpers.js'
import { manyProfiles } from './fixtures/many-profiles.js'

/**
 * What a new user trips over (issue 10), as real processes against the emulator, with the small
 * config and with 200 profiles: hints that work when run, no secret where none was asked for,
 * help and muscle memory from the AWS CLI and aws-vault.
 */
const SMALL = `${CONFIG}\n[profile Payments-Prod-ReadOnly]\nsso_session = my-sso\nsso_account_id = 333333333333\nsso_role_name = ReadOnly\n`

// Tests of several independent behaviours use soft assertions, so that a run against an older build
// (IDC_TEST_CLI_BIN) reports each missing fix, not only the first.
describe.each([
  ['the small config', SMALL, 3],
  ['200 profiles', manyProfiles(CONFIG, 200), 200],
])('with %s', (_label, config, _count) => {
  let box: E2E
  beforeAll(async () => {
    box = await e2e({}, config)
    expect((await cli(['login', '--profile', 'dev'], box.env)).status).toBe(0)
  })
  afterAll(async () => {
    await box.cleanup()
  })
  const credentialsFile = () => join(box.home, '.aws', 'credentials')

  // Item 2.
  it('creds --json --write-profile reports the file it wrote, never the secrets', async () => {
    const r = await cli(['creds', '--profile', 'dev', '--write-profile', 'dev-static', '--json'], box.env)
    expect(r.status).toBe(0)
    const json = JSON.parse(r.stdout) as Record<string, string>
    const file = await readFile(credentialsFile(), 'utf8')
    const secret = /aws_secret_access_key = (\S+)/.exec(file)![1]!
    const token = /aws_session_token = (\S+)/.exec(file)![1]!
    expect(json).toMatchObject({ profile: 'dev-static', file: credentialsFile(), accountId: '111111111111' })
    expect(r.stdout).not.toContain(secret)
    expect(r.stdout).not.toContain(token)
    expect(r.stderr).not.toContain(secret)
  })

  // Item 3.
  it('refuses to shadow an SSO profile with static keys unless --force', async () => {
    await rm(credentialsFile(), { force: true })
    const refused = await cli(['creds', '--profile', 'dev', '--write-profile', 'dev'], box.env)
    expect.soft(refused.status).toBe(2)
    expect.soft(refused.stderr).toMatch(/^error: \[profile dev\] is an SSO profile .* would shadow it/)
    expect.soft(refused.stderr).toContain('--write-profile dev-static')
    await expect.soft(readFile(credentialsFile(), 'utf8')).rejects.toThrow()
    const forced = await cli(['creds', '--profile', 'dev', '--write-profile', 'dev', '--force'], box.env)
    expect.soft(forced.status).toBe(0)
    const doctor = JSON.parse((await cli(['doctor', '--profile', 'dev', '--json'], box.env)).stdout) as {
      checks: { name: string; status: string; subject?: string }[]
    }
    expect
      .soft(doctor.checks.find((c) => c.name === 'shadow'))
      .toMatchObject({ status: 'fail', subject: 'dev' })
    await rm(credentialsFile(), { force: true })
  })

  // Item 5.
  it('a mistyped profile gets the closest SSO names, a few, and how to list them', async () => {
    const r = await cli(['creds', '--profile', 'payments-prod-readonly'], box.env)
    expect(r.status).toBe(6)
    const hint = r.stderr.split('\n')[1]!
    expect(hint).toMatch(
      /^hint: Did you mean --profile Payments-Prod-ReadOnly\? `aws configure list-profiles` lists all \d+ profiles\.$/,
    )
    expect(r.stderr.length).toBeLessThan(400)
    const typo = await cli(['creds', '--profile', 'Team-001-ReadOnyl'], box.env)
    expect(typo.stderr.length).toBeLessThan(400)
    expect(typo.stderr).not.toMatch(/\btool\b|\bci\b/) // never a non-SSO profile
  })

  // Item 6.
  it('sessions fits a terminal line; --json lists every profile', async () => {
    const r = await cli(['sessions'], box.env)
    expect(r.status).toBe(0)
    // COLUMNS=100 in the test environment: every row fits it.
    for (const line of r.stdout.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(100)
    expect(r.stdout).toMatch(/^my-sso\s+(\d+: )?\S/m)
    const json = JSON.parse((await cli(['sessions', '--json'], box.env)).stdout) as {
      session?: string
      profiles: string[]
    }[]
    const mine = json.find((s) => s.session === 'my-sso')!
    expect(mine.profiles).toContain('Payments-Prod-ReadOnly')
    expect(mine.profiles.length).toBeGreaterThanOrEqual(2)
  })

  // Items 6 and 9 at scale: doctor's and populate's results are data on stdout, one short line each.
  it('doctor: one line per check on stdout, each fits a line, a check per SSO profile in --json', async () => {
    const r = await cli(['doctor'], box.env)
    expect(r.stderr).toBe('')
    const lines = r.stdout.trimEnd().split('\n')
    for (const line of lines) expect(line.length).toBeLessThan(300)
    const all = config.match(/^\[(profile [^\]]+|default)\]$/gm)!.length
    expect(r.stdout).toMatch(new RegExp(`config .*: ${all} profiles, 1 sso-session`))
    const json = JSON.parse((await cli(['doctor', '--json'], box.env)).stdout) as {
      checks: { name: string; subject?: string }[]
    }
    // Every SSO profile is checked (the plain ones tool, ci, local and [default] are not SSO).
    const profiles = json.checks.filter((c) => c.name === 'profile').map((c) => c.subject)
    expect(profiles).toContain('Payments-Prod-ReadOnly')
    expect(profiles.length).toBe(config.match(/^\[profile [^\]]+\]\nsso_/gm)!.length)
  })

  it('populate --dry-run: the plan on stdout, hand-written profiles left alone, one short line each', async () => {
    const before = await readFile(join(box.home, '.aws', 'config'), 'utf8')
    const r = await cli(['populate', '--dry-run'], box.env)
    expect(r.status).toBe(0)
    for (const line of r.stdout.trimEnd().split('\n')) expect(line.length).toBeLessThan(300)
    expect(r.stdout).toContain('+ [profile dev-AdministratorAccess] 111111111111 AdministratorAccess')
    expect(r.stdout).toMatch(/Dry run, nothing written to .*: \d+ added, 0 changed, 0 removed/)
    expect(await readFile(join(box.home, '.aws', 'config'), 'utf8')).toBe(before)
  })

  // Item 7: the hint runs as written.
  it('the wrong-role hint carries --profile, and running it works', async () => {
    const r = await cli(['creds', '--profile', 'dev', '--role-name', 'NoSuchRole'], box.env)
    expect(r.status).toBe(4)
    const command = /`aws-idc (roles [^`]+)`/.exec(r.stderr)?.[1]
    expect(command).toBe('roles --profile dev --account-id 111111111111')
    const hinted = await cli(command!.split(' '), box.env)
    expect(hinted.status).toBe(0)
    expect(hinted.stdout).toContain('ReadOnly')
  })

  // Item 7: every hint that names a command works when run as written.
  it('the hints of each error run as written and lead to the next step', async () => {
    const hinted = (stderr: string) => [...stderr.matchAll(/`aws-idc ([^`]+)`/g)].map((m) => m[1]!.split(' '))
    const runs = async (command: string[], expected = 0) => {
      const r = await cli(command, box.env)
      expect({ command, status: r.status, stderr: r.stderr }).toMatchObject({ command, status: expected })
      return r
    }
    // Not signed in: the login hint signs in, then the command works.
    await rm(box.cacheDir, { recursive: true, force: true })
    await rm(box.roleCacheDir, { recursive: true, force: true })
    const signedOut = await cli(['creds', '--profile', 'dev'], box.env)
    expect(signedOut.status).toBe(3)
    expect(hinted(signedOut.stderr)).toEqual([['login', '--profile', 'dev']])
    await runs(hinted(signedOut.stderr)[0]!)
    await runs(['creds', '--profile', 'dev'])

    // No account: the listing it points to works for the same target.
    const noAccount = await cli(['roles', '--sso-session', 'my-sso'], box.env)
    expect(noAccount.status).toBe(2)
    expect(hinted(noAccount.stderr)).toEqual([['accounts', '--sso-session', 'my-sso']])
    expect((await runs(hinted(noAccount.stderr)[0]!)).stdout).toContain('111111111111')

    // A mistyped profile: the suggestion works, and the AWS CLI lists as many profiles as the hint says.
    const typo = await cli(['creds', '--profile', 'payments-prod-readonly'], box.env)
    await runs(['creds', '--profile', /Did you mean --profile (\S+)\?/.exec(typo.stderr)![1]!])
    const listed = /`aws configure list-profiles` lists all (\d+) profiles/.exec(typo.stderr)![1]!
    const aws = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn('/usr/bin/aws', ['configure', 'list-profiles'], { env: box.env })
      let stdout = ''
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
      child.on('close', (status) => resolve({ status, stdout }))
    })
    expect(aws.status).toBe(0)
    expect(aws.stdout.trimEnd().split('\n')).toHaveLength(Number(listed))

    // Static keys that would shadow the SSO profile: the suggested name works.
    const shadow = await cli(['creds', '--profile', 'dev', '--write-profile', 'dev'], box.env)
    expect(shadow.status).toBe(2)
    for (const command of hinted(shadow.stderr)) await runs(command)
    await rm(credentialsFile(), { force: true })

    // A command typo, two profiles at once: the hinted commands run.
    for (const argv of [['logni'], ['creds', 'dev', '--profile', 'prod']]) {
      const r = await cli(argv, box.env)
      expect(r.status).toBe(2)
      const commands = hinted(r.stderr).filter((c) => c[0] !== 'login') // bare login would ask for a target
      expect(commands.length).toBeGreaterThan(0)
      for (const command of commands) await runs(command)
    }

    // doctor's hints for a missing sign-in sign in.
    await rm(box.cacheDir, { recursive: true, force: true })
    const doctor = JSON.parse((await cli(['doctor', '--profile', 'dev', '--json'], box.env)).stdout) as {
      checks: { name: string; status: string; hint?: string }[]
    }
    const hints = doctor.checks.flatMap((c) => hinted(c.hint ?? ''))
    expect(hints).toEqual([['login', '--sso-session', 'my-sso']])
    await runs(hints[0]!)
    const after = JSON.parse((await cli(['doctor', '--profile', 'dev', '--json'], box.env)).stdout) as {
      checks: { name: string; status: string }[]
    }
    expect(after.checks.find((c) => c.name === 'token')?.status).toBe('ok')
  })

  // Item 8.
  it('-h, did-you-mean, the profile as an argument, --profile before the command, -p', async () => {
    const help = await cli(['-h'], box.env)
    expect.soft(help.status).toBe(0)
    expect.soft(help.stdout).toContain('USAGE')
    const credsHelp = await cli(['creds', '-h'], box.env)
    expect.soft(credsHelp.status).toBe(0)
    expect.soft(credsHelp.stdout).toContain('$ aws-idc creds [PROFILE]')
    const logni = await cli(['logni'], box.env)
    expect.soft(logni.status).toBe(2)
    expect
      .soft(logni.stderr)
      .toBe(
        'error: logni is not an aws-idc command.\nhint: Did you mean `aws-idc login`? `aws-idc help` lists the commands.\n',
      )
    const formt = await cli(['creds', '--formt', 'json'], box.env)
    expect.soft(formt.status).toBe(2)
    expect.soft(formt.stderr).toContain('hint: Did you mean --format?')

    const expected = (await cli(['creds', '--profile', 'dev', '--format', 'json'], box.env)).stdout
    for (const argv of [
      ['creds', 'dev', '--format', 'json'],
      ['--profile', 'dev', 'creds', '--format', 'json'],
      ['-p', 'dev', 'creds', '-f', 'json'],
      ['creds', '-p', 'dev', '--format', 'json'],
    ]) {
      for (const env of [box.env, { ...box.env, AWS_IDC_NO_FAST_PATH: '1' }]) {
        const r = await cli(argv, env)
        expect.soft({ argv, status: r.status, stderr: r.stderr }).toEqual({ argv, status: 0, stderr: '' })
        expect.soft(r.stdout).toBe(expected)
      }
    }
    const exec = await cli(
      ['exec', 'dev', '--', process.execPath, '-p', 'process.env.AWS_IDC_PROFILE'],
      box.env,
    )
    expect.soft(exec.status).toBe(0)
    expect.soft(exec.stdout).toBe('dev\n')
  })

  // A missing argument is never read from stdin (oclif's default): inside `while read` a piped line
  // would become the profile (or exec's command) and the loop would lose its input.
  it("a piped stdin is never taken as the profile argument or as exec's command", async () => {
    const env = { ...box.env, AWS_PROFILE: 'dev', AWS_IDC_NO_FAST_PATH: '1' }
    for (const argv of [
      ['creds', '--format', 'json'],
      ['whoami'],
      ['sessions', 'export', '--for', 'github'],
    ]) {
      const r = await cli(argv, env, 'prod-typo\n')
      expect.soft({ argv, status: r.status, stderr: r.stderr.includes('prod-typo') }).toEqual({
        argv,
        status: 0,
        stderr: false,
      })
    }
    const marker = join(box.home, 'pwned')
    const exec = await cli(['exec', '--profile', 'dev'], box.env, `touch ${marker}\n`)
    expect.soft(exec.status).toBe(2)
    expect.soft(existsSync(marker)).toBe(false)
  })

  // Item 13.
  it('an account id that is not 12 digits is refused before any call', async () => {
    box.emu.controls.calls.reset()
    const r = await cli(['roles', '--profile', 'dev', '--account-id', '123'], box.env)
    expect.soft(r.status).toBe(2)
    expect.soft(r.stderr).toMatch(/^error: The value of --account-id is not an AWS account ID: "123"\./)
    expect.soft(box.emu.controls.calls.count('ListAccountRoles')).toBe(0)
  })

  // Expected by users: account names wherever an account ID is accepted.
  it('an account name is accepted wherever an account ID is', async () => {
    const byName = await cli(['roles', '--profile', 'dev', '--account-id', 'staging', '--json'], box.env)
    expect.soft(byName.status).toBe(0)
    expect
      .soft(
        (JSON.parse(byName.stdout) as { accountId: string }[]).every((r) => r.accountId === '222222222222'),
      )
      .toBe(true)
    const byRole = ['--account-id', 'staging', '--role-name', 'ReadOnly']
    for (const env of [box.env, { ...box.env, AWS_IDC_NO_FAST_PATH: '1' }]) {
      const creds = await cli(['creds', '--profile', 'dev', ...byRole, '--format', 'json'], env)
      expect.soft(creds.stderr).toBe('')
      expect.soft(creds.status).toBe(0)
      if (creds.status === 0)
        expect.soft(JSON.parse(creds.stdout)).toMatchObject({ accountId: '222222222222' })
    }
    const whoami = await cli(['whoami', '--profile', 'dev', ...byRole, '--json'], box.env)
    expect.soft(whoami.status).toBe(0)
    expect.soft(whoami.stdout).toContain('222222222222')
    const exec = await cli(['exec', '--profile', 'dev', ...byRole, '--', process.execPath, '-e', ''], box.env)
    expect.soft(exec.status).toBe(0)
    // A name that matches no account: one line, the closest name, nothing fetched.
    box.emu.controls.calls.reset()
    const typo = await cli(
      ['creds', '--profile', 'dev', '--account-id', 'stagign', '--role-name', 'ReadOnly'],
      box.env,
    )
    expect.soft(typo.status).toBe(2)
    expect
      .soft(typo.stderr)
      .toMatch(
        /^error: No account named "stagign" is assigned to you\.\nhint: Did you mean --account-id "staging"\?/,
      )
    expect.soft(box.emu.controls.calls.count('GetRoleCredentials')).toBe(0)
  })

  // Expected by users: roles across all accounts in one listing.
  it('roles --all lists the roles of every account, with a table naming the accounts', async () => {
    const r = await cli(['roles', '--profile', 'dev', '--all', '--json'], box.env)
    expect(r.stderr).toBe('')
    const all = JSON.parse(r.stdout) as { accountId: string; accountName?: string; roleName: string }[]
    expect(new Set(all.map((a) => a.accountId))).toEqual(
      new Set(['111111111111', '222222222222', '333333333333']),
    )
    expect(all).toContainEqual({
      accountId: '222222222222',
      accountName: 'staging',
      roleName: 'AdministratorAccess',
    })
    const table = (await cli(['roles', '--profile', 'dev', '--all'], box.env)).stdout.split('\n')
    expect(table[0]).toMatch(/^ACCOUNT +ACCOUNT ID +ROLE NAME$/)
    expect(table).toContain('staging  222222222222  ReadOnly')
  })

  // Item 15.
  it('exec: no SDK switch leaked, 127 for a missing command, AWS_IDC_PROFILE, a warning when nested', async () => {
    const env = { ...box.env }
    delete env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED']
    const print = [
      process.execPath,
      '-p',
      'JSON.stringify([process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ?? null, process.env.AWS_IDC_PROFILE])',
    ]
    for (const e of [env, { ...env, AWS_IDC_NO_FAST_PATH: '1' }]) {
      const r = await cli(['exec', '--profile', 'dev', '--', ...print], e)
      expect.soft(r.status).toBe(0)
      expect.soft(JSON.parse(r.stdout)).toEqual([null, 'dev'])
    }
    const missing = await cli(['exec', '--profile', 'dev', '--', 'no-such-command-xyz'], env)
    expect.soft(missing.status).toBe(127)
    const nested = await cli(['exec', '--profile', 'dev', '--', process.execPath, '-e', ''], {
      ...env,
      AWS_IDC_PROFILE: 'prod',
    })
    expect.soft(nested.status).toBe(0)
    expect.soft(nested.stderr).toMatch(/^warning: already inside `aws-idc exec` \(AWS_IDC_PROFILE=prod\)/)
  })

  // Item 17.
  it('help text: creds -f points below, doctor lists its checks one per line', async () => {
    const creds = (await cli(['creds', '--help'], { ...box.env, COLUMNS: '200' })).stdout
    expect.soft(creds).toContain('Output format (see the list below)')
    expect.soft(creds).not.toContain('see above')
    const doctor = (await cli(['doctor', '--help'], { ...box.env, COLUMNS: '200' })).stdout
    expect.soft(doctor).toMatch(/\n {2}- config: /)
    expect.soft(doctor).toMatch(/\n {2}- profile: /)
    expect.soft(doctor).toMatch(/\n {2}- shadow: /)
  })

  // Item 18.
  it('errors are coloured when asked (FORCE_COLOR) and plain with NO_COLOR', async () => {
    const coloured = await cli(['creds', '--profile', 'nope'], { ...box.env, NO_COLOR: '', FORCE_COLOR: '1' })
    expect(coloured.stderr).toMatch(/^\x1b\[31merror:\x1b\[39m /)
    expect(coloured.stderr).toContain('\x1b[33mhint:\x1b[39m ')
    const plain = await cli(['creds', '--profile', 'nope'], { ...box.env, NO_COLOR: '1', FORCE_COLOR: '' })
    expect(plain.stderr).not.toContain('\x1b[')
  })

  // "Sign in when needed": --auto-login signs in and goes on (no terminal needed).
  it('--auto-login signs in when the session is missing, then answers', async () => {
    await rm(box.cacheDir, { recursive: true, force: true })
    await rm(box.roleCacheDir, { recursive: true, force: true })
    const without = await cli(['creds', '--profile', 'dev'], box.env)
    expect(without.status).toBe(3)
    const r = await cli(['creds', '--profile', 'dev', '--auto-login', '--format', 'json'], box.env)
    expect(r.stderr).toContain('Successfully logged into Start URL')
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ accountId: '111111111111' })
  })
})

describe('a region typo', () => {
  let box: E2E
  beforeAll(async () => {
    box = await e2e(
      {},
      CONFIG.replace(
        'sso_region = us-east-1\nsso_registration_scopes',
        'sso_region = eu-wset-1\nsso_registration_scopes',
      ),
    )
  })
  afterAll(async () => {
    await box.cleanup()
  })

  // Item 13: reported as the typo, not as a network problem.
  it('login names the unknown region and the closest ones', async () => {
    const env = { ...box.env }
    delete env['AWS_ENDPOINT_URL']
    const r = await cli(['login', '--profile', 'dev', '--use-device-code', '--no-browser'], {
      ...env,
      HTTPS_PROXY: 'http://127.0.0.1:9',
    })
    expect(r.status).toBe(6)
    expect(r.stderr).toMatch(/^error: sso_region "eu-wset-1" .* is not a known AWS Region/)
    expect(r.stderr).toMatch(/hint: Did you mean eu-west-1/)
    await writeFile(join(box.home, '.keep'), '')
  })
})

import { createHash } from 'node:crypto'
import { readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FORMATS, type FormatName, format } from '@idc/core'
import { runCommand } from '@oclif/test'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CONFIG, type Sandbox, sandbox, signIn } from './sandbox.js'

/** The credential commands end to end, in this process, against the emulator and a temporary HOME. */

const root = join(import.meta.dirname, '..')
const run = (args: string[]) => runCommand(args, { root })
const exitOf = (error: unknown) => (error as { oclif?: { exit?: number } } | undefined)?.oclif?.exit
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex')
const START_URL = 'https://d-1234567890.awsapps.com/start'

let box: Sandbox
beforeAll(async () => {
  box = await sandbox(
    {},
    `${CONFIG}
[sso-session never]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1

[profile never]
sso_session = never
sso_account_id = 111111111111
sso_role_name = ReadOnly
`,
  )
  await signIn()
})
afterAll(async () => {
  await box.cleanup()
})
beforeEach(() => {
  box.emu.controls.calls.reset()
})

interface RoleCache {
  ProviderType: string
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string }
}

/** The AWS CLI-compatible role cache entry (docs/reference.md#role-cache) the commands read and write. */
async function roleCache(key: string): Promise<RoleCache> {
  return JSON.parse(await readFile(join(box.roleCacheDir, `${sha1(key)}.json`), 'utf8'))
}
const DEV_KEY = '{"accountId":"111111111111","roleName":"ReadOnly","sessionName":"my-sso"}'

/**
 * `aws configure export-credentials --format F` output, built from docs/reference.md#export-credentials line templates
 * and the cached values alone (the expiration as Python's isoformat: `+00:00`, no fraction).
 */
function awsCliExport(name: string, c: RoleCache['Credentials']): string {
  const template: Record<string, (n: string, v: string) => string> = {
    env: (n, v) => `export ${n}=${v}`,
    'env-no-export': (n, v) => `${n}=${v}`,
    powershell: (n, v) => `$Env:${n}="${v}"`,
    'windows-cmd': (n, v) => `set ${n}=${v}`,
    fish: (n, v) => `set -gx ${n} "${v}"`,
  }
  const expiration = c.Expiration.replace(/Z$/, '+00:00')
  if (name === 'process') {
    return `{\n  "Version": 1,\n  "AccessKeyId": "${c.AccessKeyId}",\n  "SecretAccessKey": "${c.SecretAccessKey}",\n  "SessionToken": "${c.SessionToken}",\n  "Expiration": "${expiration}"\n}\n`
  }
  const line = template[name]!
  return [
    ['AWS_ACCESS_KEY_ID', c.AccessKeyId],
    ['AWS_SECRET_ACCESS_KEY', c.SecretAccessKey],
    ['AWS_SESSION_TOKEN', c.SessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', expiration],
  ]
    .map(([n, v]) => `${line(n!, v!)}\n`)
    .join('')
}

const AWS_CLI_FORMATS = FORMATS.filter((f) => f.awsCli).map((f) => f.name)

describe('creds', () => {
  it('the first call fetches, the next ones answer from the AWS CLI role cache', async () => {
    const first = await run(['creds', '--profile', 'dev', '--json'])
    expect(first.error).toBeUndefined()
    expect(JSON.parse(first.stdout).source).toBe('portal')
    const second = await run(['creds', '--profile', 'dev', '--json'])
    expect(JSON.parse(second.stdout)).toEqual({ ...JSON.parse(first.stdout), source: 'cache' })
    expect(box.emu.controls.calls.count('GetRoleCredentials')).toBe(1)
    const cache = await roleCache(DEV_KEY)
    expect(cache.ProviderType).toBe('sso')
    // Real-shaped values: the emulator issues ASIA key ids and base64 secrets and tokens.
    expect(cache.Credentials.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(cache.Credentials.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/)
    expect(cache.Credentials.SessionToken.length).toBeGreaterThan(100)
  })

  it.each(AWS_CLI_FORMATS)(
    '--format %s is byte-identical to `aws configure export-credentials` (docs/reference.md#export-credentials)',
    async (name) => {
      const { stdout, stderr, error } = await run(['creds', '--profile', 'dev', '--format', name])
      expect(error).toBeUndefined()
      expect(stderr).toBe('')
      const cache = await roleCache(DEV_KEY)
      expect(stdout).toBe(awsCliExport(name, cache.Credentials))
    },
  )

  it.each(FORMATS.map((f) => f.name))(
    '--format %s equals @idc/core format() for the same credentials',
    async (name) => {
      const { stdout, error } = await run([
        'creds',
        '--profile',
        'dev',
        '--format',
        name,
        '--region',
        'eu-west-1',
      ])
      expect(error).toBeUndefined()
      const c = (await roleCache(DEV_KEY)).Credentials
      const credentials = {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: new Date(c.Expiration),
        accountId: '111111111111',
      }
      expect(stdout).toBe(format(name as FormatName, credentials, { region: 'eu-west-1', profile: 'dev' }))
    },
  )

  it('defaults to env; --region appends AWS_REGION and AWS_DEFAULT_REGION after the AWS CLI lines', async () => {
    const cache = await roleCache(DEV_KEY)
    const plain = await run(['creds', '--profile', 'dev'])
    expect(plain.stdout).toBe(awsCliExport('env', cache.Credentials))
    const withRegion = await run(['creds', '--profile', 'dev', '--region', 'eu-west-1'])
    expect(withRegion.stdout).toBe(
      `${awsCliExport('env', cache.Credentials)}export AWS_REGION=eu-west-1\nexport AWS_DEFAULT_REGION=eu-west-1\n`,
    )
    const fish = await run(['creds', '--profile', 'dev', '-f', 'fish', '--region', 'ap-south-2'])
    expect(fish.stdout.split('\n').slice(-3)).toEqual([
      'set -gx AWS_REGION "ap-south-2"',
      'set -gx AWS_DEFAULT_REGION "ap-south-2"',
      '',
    ])
  })

  it('--json returns the credentials with account and role', async () => {
    const c = (await roleCache(DEV_KEY)).Credentials
    const { stdout } = await run(['creds', '--profile', 'dev', '--json', '--region', 'eu-west-1'])
    expect(JSON.parse(stdout)).toEqual({
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: new Date(c.Expiration).toISOString(),
      accountId: '111111111111',
      roleName: 'ReadOnly',
      region: 'eu-west-1',
      source: 'cache',
    })
  })

  it('ad hoc targets: --sso-session / --start-url with --account-id and --role-name', async () => {
    const session = await run([
      'creds',
      '--sso-session',
      'my-sso',
      '--account-id',
      '222222222222',
      '--role-name',
      'AdministratorAccess',
      '--json',
    ])
    expect(session.error).toBeUndefined()
    expect(JSON.parse(session.stdout)).toMatchObject({
      accountId: '222222222222',
      roleName: 'AdministratorAccess',
    })
    // A profile with --role-name overriding its role.
    const override = await run(['creds', '--profile', 'dev', '--role-name', 'AdministratorAccess', '--json'])
    expect(JSON.parse(override.stdout)).toMatchObject({
      accountId: '111111111111',
      roleName: 'AdministratorAccess',
    })
    expect(box.emu.controls.calls.count('GetRoleCredentials', '222222222222/AdministratorAccess')).toBe(1)
    expect(box.emu.controls.calls.count('GetRoleCredentials', '111111111111/AdministratorAccess')).toBe(1)

    // --start-url without a config: the token is the legacy one, keyed by the start URL.
    const adHoc = [
      '--start-url',
      START_URL,
      '--sso-region',
      'us-east-1',
      '--account-id',
      '111111111111',
      '--role-name',
      'ReadOnly',
    ]
    const notSignedIn = await run(['creds', ...adHoc])
    expect(exitOf(notSignedIn.error)).toBe(3)
    expect(notSignedIn.stderr).toBe(
      `error: ${notSignedIn.stderr.split('\n')[0]!.slice(7)}\nhint: ${notSignedIn.stderr.split('\n')[1]!.slice(6)}\n`,
    )
    expect(notSignedIn.stderr).toContain(`aws-idc login --start-url ${START_URL} --sso-region us-east-1`)
    await signIn({ from: 'values', startUrl: START_URL, ssoRegion: 'us-east-1' })
    const ok = await run(['creds', ...adHoc, '--format', 'process'])
    expect(ok.error).toBeUndefined()
    const cache = await roleCache(
      `{"accountId":"111111111111","roleName":"ReadOnly","startUrl":"${START_URL}"}`,
    )
    expect(ok.stdout).toBe(awsCliExport('process', cache.Credentials))
  })

  it('a role that is not assigned exits 4 with one line and a hint', async () => {
    const { stdout, stderr, error } = await run([
      'creds',
      '--sso-session',
      'my-sso',
      '--account-id',
      '333333333333',
      '--role-name',
      'Nope',
    ])
    expect(exitOf(error)).toBe(4)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^error: [^\n]*Nope[^\n]*\nhint: [^\n]+\n$/)
  })
})

describe('creds --write-profile', () => {
  // A credentials file edited by hand and by other tools: comments of both kinds, CRLF line
  // endings, odd spacing, another tool's keys, and no newline at the end.
  const TRICKY =
    '# Managed by hand; keep this comment.\r\n' +
    '; and this one\r\n' +
    '[default]\r\n' +
    'aws_access_key_id=AKIAIOSFODNN7EXAMPLE\r\n' +
    'aws_secret_access_key   =   wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n' +
    '\r\n' +
    '[saml]\r\n' +
    'x_principal_arn = arn:aws:iam::123456789012:saml-provider/Okta\r\n' +
    'x_security_token_expires = 2026-01-01T00:00:00Z\r\n' +
    '\r\n' +
    '[dev-static]\r\n' +
    'aws_access_key_id = ASIAOLDOLDOLDOLDOLD1\r\n' +
    'aws_secret_access_key = old\r\n' +
    'aws_session_token = old\r\n' +
    '\r\n' +
    '[last]\r\n' +
    'region = us-west-2'

  const file = () => join(box.home, '.aws', 'credentials')
  const section = (name: string, c: RoleCache['Credentials'], extra: string[] = []) =>
    [
      `[${name}]`,
      `aws_access_key_id = ${c.AccessKeyId}`,
      `aws_secret_access_key = ${c.SecretAccessKey}`,
      `aws_session_token = ${c.SessionToken}`,
      ...extra,
    ]
      .map((l) => `${l}\r\n`)
      .join('')

  beforeEach(async () => {
    await writeFile(file(), TRICKY, { mode: 0o640 })
    await run(['creds', '--profile', 'dev'])
  })

  it('adds a new profile at the end and leaves every other byte as it was', async () => {
    const c = (await roleCache(DEV_KEY)).Credentials
    const { stdout, stderr, error } = await run(['creds', '--profile', 'dev', '--write-profile', 'dev-new'])
    expect(error).toBeUndefined()
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^Wrote profile dev-new to .*credentials, expires in 59m\.\n$/)
    expect(await readFile(file(), 'utf8')).toBe(`${TRICKY}\r\n\r\n${section('dev-new', c)}`)
    expect((await stat(file())).mode & 0o777).toBe(0o640)
  })

  it('replaces an existing profile in place (with --region) and leaves the rest as it was', async () => {
    const c = (await roleCache(DEV_KEY)).Credentials
    const { error } = await run([
      'creds',
      '--profile',
      'dev',
      '--write-profile',
      'dev-static',
      '--region',
      'eu-west-1',
    ])
    expect(error).toBeUndefined()
    const [before, rest] = TRICKY.split('[dev-static]\r\n') as [string, string]
    const after = rest.slice(rest.indexOf('\r\n\r\n[last]') + 2)
    expect(await readFile(file(), 'utf8')).toBe(
      `${before}${section('dev-static', c, ['region = eu-west-1'])}${after}`,
    )
  })

  // One value rule for both ways of writing a credentials file (the section name rule is one too:
  // packages/core/src/config/portable.test.ts). Before, --write-profile wrote what --format ini refused.
  it.each(['eu-wést-1', '#eu-west-1'])(
    'refuses --region %j exactly as --format ini does, and leaves the file as it was',
    async (region) => {
      const written = await run(['creds', '--profile', 'dev', '--write-profile', 'dev-x', '--region', region])
      const printed = await run(['creds', '--profile', 'dev', '--format', 'ini', '--region', region])
      expect(exitOf(written.error)).toBe(2)
      expect(exitOf(printed.error)).toBe(2)
      expect(printed.stdout).toBe('')
      expect(written.stderr).toBe(printed.stderr)
      expect(written.stderr).toMatch(/The value ".*eu-w.*" for region cannot be written: /)
      expect(await readFile(file(), 'utf8')).toBe(TRICKY)
    },
  )

  it('creates the file (0600) when there is none', async () => {
    await rm(file())
    const c = (await roleCache(DEV_KEY)).Credentials
    await run(['creds', '--profile', 'dev', '--write-profile', 'fresh'])
    expect(await readFile(file(), 'utf8')).toBe(section('fresh', c).replaceAll('\r\n', '\n'))
    expect((await stat(file())).mode & 0o777).toBe(0o600)
  })
})

describe('credential-process', () => {
  it('prints Version 1 JSON byte-identical to `export-credentials --format process`', async () => {
    const { stdout, stderr, error } = await run(['credential-process', '--profile', 'dev'])
    expect(error).toBeUndefined()
    expect(stderr).toBe('')
    expect(stdout).toBe(awsCliExport('process', (await roleCache(DEV_KEY)).Credentials))
    expect(Object.keys(JSON.parse(stdout))).toEqual([
      'Version',
      'AccessKeyId',
      'SecretAccessKey',
      'SessionToken',
      'Expiration',
    ])
  })

  it('not signed in: one line on stderr naming `aws-idc login`, exit 3, nothing on stdout', async () => {
    const { stdout, stderr, error } = await run(['credential-process', '--profile', 'never'])
    expect(exitOf(error)).toBe(3)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^error: [^\n]+\nhint: [^\n]*aws-idc login --profile never[^\n]*\n$/)
  })
})

describe('exec', () => {
  it('gives the child the credential variables, not AWS_PROFILE, and passes its exit code on', async () => {
    const out = join(box.home, 'child-env.json')
    process.env['AWS_PROFILE'] = 'dev'
    try {
      // @oclif/test re-splits arguments on spaces: the child's code goes in a file.
      const script = join(box.home, 'child.cjs')
      await writeFile(
        script,
        `require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ env: process.env, argv: process.argv.slice(2) }))\nprocess.exit(7)\n`,
      )
      const { error } = await run(['exec', '--', process.execPath, script, '--profile', 'x', '--', '-e'])
      expect(exitOf(error)).toBe(7)
    } finally {
      delete process.env['AWS_PROFILE']
    }
    const { env, argv } = JSON.parse(await readFile(out, 'utf8')) as {
      env: Record<string, string>
      argv: string[]
    }
    // Arguments after `--` reach the child unparsed and in order, even ones that look like ours.
    expect(argv).toEqual(['--profile', 'x', '--', '-e'])
    const c = (await roleCache(DEV_KEY)).Credentials
    expect(env).toMatchObject({
      AWS_ACCESS_KEY_ID: c.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: c.SecretAccessKey,
      AWS_SESSION_TOKEN: c.SessionToken,
      AWS_CREDENTIAL_EXPIRATION: c.Expiration.replace('Z', '+00:00'),
      // The profile's region.
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
    })
    expect(env).not.toHaveProperty('AWS_PROFILE')
  })

  // Issue 10 item 15: as a shell, 127 for a command not found.
  it('a command that does not exist: one line, exit 127', async () => {
    const { stderr, error } = await run(['exec', '--profile', 'dev', '--', 'no-such-command-xyz'])
    expect(exitOf(error)).toBe(127)
    expect(stderr).toBe(
      'error: Command not found: no-such-command-xyz.\nhint: Check the name and your PATH; put the command after --.\n',
    )
  })
})

describe('whoami', () => {
  it('calls STS GetCallerIdentity (SigV4 verified by the emulator) and prints a table', async () => {
    const { stdout, error } = await run(['whoami', '--profile', 'dev'])
    expect(error).toBeUndefined()
    const [header, row, end] = stdout.split('\n')
    expect(header).toMatch(/^ACCOUNT\s+ROLE\s+EXPIRES\s+ARN\s+USER ID$/)
    expect(row).toMatch(
      /^111111111111\s+ReadOnly\s+in 59m\s+arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_ReadOnly_[0-9a-f]+\/alice\s+AROA\w+:alice$/,
    )
    expect(end).toBe('')
    expect(box.emu.controls.calls.count('GetCallerIdentity')).toBe(1)
  })

  it('--json', async () => {
    const { stdout } = await run(['whoami', '--profile', 'dev-admin', '--json'])
    expect(JSON.parse(stdout)).toEqual({
      account: '111111111111',
      arn: expect.stringMatching(
        /^arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_AdministratorAccess_\w+\/alice$/,
      ),
      userId: expect.stringMatching(/:alice$/),
      roleName: 'AdministratorAccess',
      expiration: expect.stringMatching(/Z$/),
    })
  })

  // Issue 10 item 12: "expired, run it again" forever was wrong; the clock is off and the error says so.
  it('credentials STS rejects because this clock is behind: one line naming the skew, exit 1 (clock-skew)', async () => {
    box.emu.controls.clock.advance(2 * 3600_000)
    try {
      // The role cache is on the local clock and still fresh; the emulator says it expired.
      const { stderr, error } = await run(['whoami', '--profile', 'dev'])
      expect(exitOf(error)).toBe(1)
      expect(stderr).toMatch(
        /^error: The local clock is (2h|1h 59m) behind STS \(by its Date header\): STS rejected the request \(ExpiredToken\w*\)\.\nhint: Set the system clock right.+\n$/,
      )
    } finally {
      box.emu.controls.clock.reset()
    }
  })
})

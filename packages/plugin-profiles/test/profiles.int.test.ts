import { spawnSync } from 'node:child_process'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tokenFilePath } from '@idc/core'
import { KEY, Pty } from '@idc/emulator/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DoctorJson, PopulateJson } from '../src/index.js'
import { cliBin, pluginRoot, runProcess, type Sandbox, START_URL, sandbox } from './helpers.js'

/** A config as people have them: comments of both kinds, CRLF, no final newline, other tools' sections, unknown keys. */
const TRICKY = [
  '# AWS config, edited by hand',
  '; a semicolon comment',
  '[default]',
  'region = eu-west-1',
  'cli_pager =',
  '',
  '[profile tool]',
  'credential_process = /usr/local/bin/other-tool --profile x',
  'unknown_key = kept # as it is',
  '',
  '[services local]',
  'sso =',
  '  endpoint_url = http://127.0.0.1:9',
  '',
  '[profile dev]',
  'sso_session = corp',
  'sso_account_id = 222222222222',
  '# a comment inside the section',
  'sso_role_name = AdministratorAccess',
  'cli_pager = less',
  '',
  '; trailing comment, no final newline',
].join('\r\n')

const SESSION = [
  '[sso-session corp]',
  `sso_start_url = ${START_URL}`,
  'sso_region = us-east-1',
  'sso_registration_scopes = sso:account:access',
].join('\n')

const hasBotocore = spawnSync('python3', ['-c', 'import botocore.session']).status === 0

/** The caller identity ARN botocore (the AWS CLI's engine) gets for a profile, through the emulator. */
async function botocoreArn(box: Sandbox, profile: string): Promise<string> {
  const script = [
    'import botocore.session, sys',
    's = botocore.session.Session(profile=sys.argv[1])',
    "print(s.create_client('sts', region_name='us-east-1').get_caller_identity()['Arn'])",
  ].join('\n')
  const r = await runProcess('python3', ['-c', script, profile], box.env)
  expect(r.stderr).toBe('')
  return r.stdout.trim()
}

/** The access key the JS SDK's own fromSSO resolves for a profile, in a fresh process (the SDK caches config files per process). */
async function jsSdkAccessKey(box: Sandbox, profile: string): Promise<string> {
  const script = [
    "const { fromSSO } = require('@aws-sdk/credential-provider-sso')",
    'fromSSO({ profile: process.argv[1] })().then((c) => console.log(c.accessKeyId), (e) => { console.error(e.message); process.exit(1) })',
  ].join('\n')
  const r = await runProcess(process.execPath, ['-e', script, profile], box.env, undefined, pluginRoot)
  expect(r.stderr).toBe('')
  return r.stdout.trim()
}

describe('configure', () => {
  let box: Sandbox
  beforeAll(async () => {
    box = await sandbox(TRICKY)
  })
  afterAll(() => box.cleanup())

  it('--non-interactive writes [sso-session] and [profile] like `aws configure sso`, keeping every other byte', async () => {
    const r = await box.cli([
      'configure',
      '--non-interactive',
      '--sso-session',
      'corp',
      '--start-url',
      START_URL,
      '--sso-region',
      'us-east-1',
      '--profile',
      'dev',
      '--account-id',
      '111111111111',
      '--role-name',
      'ReadOnly',
      '--region',
      'us-west-2',
      '--output',
      'json',
    ])
    expect(r.stderr).toContain(`Wrote [sso-session corp] and [profile dev] to ${box.configFile}.`)
    expect(r.status).toBe(0)
    const expected = [
      ...TRICKY.split('\r\n').slice(0, 16),
      'sso_account_id = 111111111111',
      '# a comment inside the section',
      'sso_role_name = ReadOnly',
      'cli_pager = less',
      'region = us-west-2',
      'output = json',
      '',
      '; trailing comment, no final newline',
      '',
      ...SESSION.split('\n'),
      '',
    ].join('\r\n')
    expect(await box.config()).toBe(expected)
  })

  it('adds a profile to an existing sso-session from flags alone; a second identical run changes nothing', async () => {
    const before = await box.config()
    const args = [
      'configure',
      '--non-interactive',
      '--sso-session',
      'corp',
      '--profile',
      'staging',
      '--account-id',
      '222222222222',
      '--role-name',
      'ReadOnly',
    ]
    const r = await box.cli(args)
    expect(r.status).toBe(0)
    const after = await box.config()
    expect(after).toBe(
      `${before}\r\n[profile staging]\r\nsso_session = corp\r\nsso_account_id = 222222222222\r\nsso_role_name = ReadOnly\r\n`,
    )
    expect((await box.cli(args)).status).toBe(0)
    expect(await box.config()).toBe(after)
  })

  // Issue 8 (drifted copy): configure refused an http start URL that core (and the AWS CLI) accept.
  it('accepts an http start URL as core does; a region typo gets the closest region as the hint', async () => {
    const http = await box.cli([
      'configure',
      '--non-interactive',
      '--sso-session',
      'local',
      '--start-url',
      'http://127.0.0.1:9/start',
      '--sso-region',
      'us-east-1',
    ])
    expect(http.stderr).toContain('Wrote [sso-session local]')
    expect(http.status).toBe(0)
    expect(await box.config()).toContain(
      '[sso-session local]\r\nsso_start_url = http://127.0.0.1:9/start\r\n',
    )
    const typo = await box.cli([
      'configure',
      '--non-interactive',
      '--sso-session',
      'local',
      '--sso-region',
      'eu-wset-1',
    ])
    expect(typo.status).toBe(2)
    expect(typo.stderr).toMatch(
      /^error: The value of --sso-region is not a known AWS Region: "eu-wset-1"\.\nhint: Did you mean eu-west-1/,
    )
  })

  it('writes profiles the AWS CLI (botocore) and the JS SDK both use for credentials', async () => {
    await box.signIn('corp')
    expect(await jsSdkAccessKey(box, 'dev')).toMatch(/^ASIA/)
    if (hasBotocore) {
      expect(await botocoreArn(box, 'staging')).toMatch(
        /^arn:aws:sts::222222222222:assumed-role\/AWSReservedSSO_ReadOnly_/,
      )
    }
  })

  it.each([
    [
      ['--sso-session', 'my corp', '--start-url', START_URL, '--sso-region', 'us-east-1'],
      /^error: "my corp" cannot be used as an? sso-session name/,
    ],
    [
      [
        '--sso-session',
        'x',
        '--start-url',
        'ftp://d-1234567890.awsapps.com/start',
        '--sso-region',
        'us-east-1',
      ],
      /^error: The value of --start-url is not a start URL/,
    ],
    [
      ['--sso-session', 'x', '--start-url', START_URL, '--sso-region', 'eu-wset-1'],
      /^error: The value of --sso-region is not a known AWS Region: "eu-wset-1"\./,
    ],
    [
      ['--sso-session', 'x', '--start-url', START_URL, '--sso-region', 'US East'],
      /^error: The value of --sso-region is not an AWS Region/,
    ],
    [
      [
        '--sso-session',
        'x',
        '--start-url',
        START_URL,
        '--sso-region',
        'us-east-1',
        '--profile',
        'p',
        '--account-id',
        '12',
        '--role-name',
        'R',
      ],
      /^error: The value of --account-id is not an AWS account ID: "12"/,
    ],
    [
      [
        '--sso-session',
        'x',
        '--start-url',
        START_URL,
        '--sso-region',
        'us-east-1',
        '--scopes',
        'sso:account:access, a b',
      ],
      /^error: The value of --scopes is not a list of scopes/,
    ],
    [['--sso-session', 'new'], /^error: Missing --start-url, --sso-region\./],
    [['--sso-session', 'corp', '--profile', 'p'], /^error: --profile needs --account-id and --role-name\./],
  ])('rejects %j with one error line and a hint, exit 2, file untouched', async (args, message) => {
    const before = await box.config()
    const r = await box.cli(['configure', '--non-interactive', ...args])
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(message)
    expect(lines[1]).toMatch(/^hint: /)
    expect(await box.config()).toBe(before)
  })

  it('--json returns what was written (in-process, @oclif/test)', async () => {
    const { stdout, error } = await box.oclif([
      'configure',
      '--sso-session',
      'corp',
      '--profile',
      'json-one',
      '--account-id',
      '333333333333',
      '--role-name',
      'ReadOnly',
      '--json',
    ])
    expect(error).toBeUndefined()
    expect(JSON.parse(stdout)).toEqual({
      configFile: box.configFile,
      ssoSession: {
        name: 'corp',
        values: {
          sso_start_url: START_URL,
          sso_region: 'us-east-1',
          sso_registration_scopes: 'sso:account:access',
        },
      },
      profile: {
        name: 'json-one',
        values: { sso_session: 'corp', sso_account_id: '333333333333', sso_role_name: 'ReadOnly' },
      },
    })
  })
})

describe('configure on a terminal (real pseudo-terminal via util-linux script)', () => {
  let box: Sandbox
  beforeAll(async () => {
    // The code is shown only when the first poll finds the request pending, as with a person.
    box = await sandbox('# mine\n[profile keep]\nregion = eu-north-1\n', { autoApproveAfterPolls: 1 })
  })
  afterAll(() => box.cleanup())

  it('asks, signs in with the device code, lists accounts and roles from the portal, then writes', async () => {
    const pty = new Pty([process.execPath, await cliBin(), 'configure'], box.env)
    try {
      await pty.answer(/SSO session name/, `team${KEY.enter}`)
      await pty.answer(/SSO start URL/, `nope${KEY.enter}`)
      await pty.expect(/not a start URL/i) // validated while typing (core's rule); the prompt stays
      await pty.type('\x7f'.repeat(4) + START_URL + KEY.enter)
      await pty.answer(/SSO region/, `us-east-1${KEY.enter}`)
      await pty.answer(/registration scopes.*sso:account:access/, KEY.enter)
      // Not signed in: login's device code flow (no display here), approved by the emulator.
      await pty.answer(/Account \(3 available\)/, KEY.down + KEY.down + KEY.enter) // by name: dev, prod, staging
      await pty.answer(/Role \(2 available\)/, KEY.enter)
      // populate's name for the account and role (issue 10 item 16); soft, so that an older build
      // goes on to show the Next line too (item 17).
      await pty.expect(/Profile name/)
      expect.soft(pty.text).toMatch(/Profile name \(staging-AdministratorAccess\)/)
      await pty.type(KEY.enter)
      await pty.answer(/Default client region/, `eu-central-1${KEY.enter}`)
      await pty.answer(/Default output format/, KEY.down + KEY.enter)
      expect(await pty.wait()).toBe(0)
    } finally {
      pty.kill()
    }
    expect(pty.text).toMatch(/enter the code/)
    expect.soft(pty.text).toContain('Wrote [sso-session team] and [profile staging-AdministratorAccess]')
    // Just signed in: the next step is not `login` (issue 10 item 17).
    expect.soft(pty.text).toMatch(/Next: aws-idc creds --profile \S+/)
    expect.soft(pty.text).not.toContain('Next: aws-idc login')
    expect(pty.text).not.toMatch(/accessToken|ASIA[A-Z0-9]{12}/)
    expect(await box.config()).toBe(
      [
        '# mine',
        '[profile keep]',
        'region = eu-north-1',
        '',
        '[sso-session team]',
        `sso_start_url = ${START_URL}`,
        'sso_region = us-east-1',
        'sso_registration_scopes = sso:account:access',
        '',
        '[profile staging-AdministratorAccess]',
        'sso_session = team',
        'sso_account_id = 222222222222',
        'sso_role_name = AdministratorAccess',
        'region = eu-central-1',
        'output = yaml',
        '',
      ].join('\n'),
    )
    expect(box.emu.controls.calls.count('CreateToken', 'device_code')).toBeGreaterThan(0)
  })

  // Issue 10 item 4: typing an existing profile's name must not silently repoint it.
  it('asks before changing the account of an existing profile; "no" asks for another name', async () => {
    // On its own (also when the test above failed): the session and the profile exist.
    await writeFile(
      box.configFile,
      `# mine\n[profile keep]\nregion = eu-north-1\n\n[sso-session team]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n[profile staging-AdministratorAccess]\nsso_session = team\nsso_account_id = 222222222222\nsso_role_name = AdministratorAccess\nregion = eu-central-1\noutput = yaml\n`,
    )
    const pty = new Pty([process.execPath, await cliBin(), 'configure', '--sso-session', 'team'], box.env)
    try {
      await pty.answer(/SSO start URL/, KEY.enter)
      await pty.answer(/SSO region/, KEY.enter)
      await pty.answer(/registration scopes/, KEY.enter)
      await pty.answer(/Account \(3 available\)/, KEY.enter) // dev
      await pty.answer(/Role \(2 available\)/, KEY.enter)
      await pty.expect(/Profile name/)
      expect.soft(pty.text).toMatch(/Profile name \(dev-AdministratorAccess\)/) // populate's name (item 16)
      await pty.type(`${'\x7f'.repeat(40)}staging-AdministratorAccess${KEY.enter}`)
      await pty.answer(
        /\[profile staging-AdministratorAccess\] is account 222222222222, role\s+AdministratorAccess\. Change it[\s\S]*\(y\/N\)/,
        `n${KEY.enter}`,
      )
      await pty.answer(/Profile name/, `${'\x7f'.repeat(40)}dev-admin${KEY.enter}`)
      await pty.answer(/Default client region/, KEY.enter)
      await pty.answer(/Default output format/, KEY.enter)
      expect(await pty.wait()).toBe(0)
    } finally {
      pty.kill()
    }
    const config = await box.config()
    expect(config).toContain(
      '[profile staging-AdministratorAccess]\nsso_session = team\nsso_account_id = 222222222222\n',
    )
    expect(config).toMatch(/\[profile dev-admin\]\nsso_session = team\nsso_account_id = \d{12}\n/)
    expect(config).not.toMatch(/\[profile dev-admin\]\nsso_session = team\nsso_account_id = 222222222222/)
  })

  it('reuses the cached sign-in the second time, and Ctrl-C leaves the file as it was', async () => {
    const before = await box.config()
    const calls = box.emu.controls.calls.count('CreateToken')
    const pty = new Pty([process.execPath, await cliBin(), 'configure', '--sso-session', 'team'], box.env)
    try {
      await pty.answer(/SSO start URL/, KEY.enter) // defaults from [sso-session team]
      await pty.answer(/SSO region/, KEY.enter)
      await pty.answer(/registration scopes/, KEY.enter)
      await pty.expect(/Using the cached sign-in of sso-session team/)
      await pty.answer(/Account \(3 available\)/, KEY.ctrlC)
      expect(await pty.wait()).not.toBe(0)
    } finally {
      pty.kill()
    }
    expect(box.emu.controls.calls.count('CreateToken')).toBe(calls)
    expect(await box.config()).toBe(before)
  })
})

describe('accounts and roles', () => {
  let box: Sandbox
  beforeAll(async () => {
    box = await sandbox(
      `${SESSION}\n\n[profile dev]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\n`,
    )
  })
  afterAll(() => box.cleanup())

  it('not signed in: one error line naming login, exit 3', async () => {
    const r = await box.cli(['accounts', '--sso-session', 'corp'])
    expect(r.status).toBe(3)
    expect(r.stderr).toMatch(/^error: .*\nhint: .*aws-idc login --sso-session corp/)
  })

  it('accounts prints a table sorted by name, and --json', async () => {
    await box.signIn('corp')
    const r = await box.cli(['accounts', '--sso-session', 'corp'])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(
      [
        'ACCOUNT ID    NAME     EMAIL',
        '111111111111  dev      aws-dev@example.com',
        '333333333333  prod     aws-prod@example.com',
        '222222222222  staging  aws-staging@example.com',
        '',
      ].join('\n'),
    )
    const { stdout, error } = await box.oclif(['accounts', '--profile', 'dev', '--json'])
    expect(error).toBeUndefined()
    expect(JSON.parse(stdout)).toEqual([
      { accountId: '111111111111', accountName: 'dev', emailAddress: 'aws-dev@example.com' },
      { accountId: '333333333333', accountName: 'prod', emailAddress: 'aws-prod@example.com' },
      { accountId: '222222222222', accountName: 'staging', emailAddress: 'aws-staging@example.com' },
    ])
  })

  it("roles lists --account-id's roles, defaulting to the profile's account", async () => {
    const r = await box.cli(['roles', '--sso-session', 'corp', '--account-id', '111111111111'])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(
      [
        'ROLE NAME            ACCOUNT ID',
        'AdministratorAccess  111111111111',
        'ReadOnly             111111111111',
        '',
      ].join('\n'),
    )
    const { stdout } = await box.oclif(['roles', '--profile', 'dev', '--json'])
    expect(JSON.parse(stdout)).toEqual([
      { accountId: '111111111111', roleName: 'AdministratorAccess' },
      { accountId: '111111111111', roleName: 'ReadOnly' },
    ])
    const none = await box.cli(['roles', '--sso-session', 'corp'])
    expect(none.status).toBe(2)
    expect(none.stderr).toBe(
      'error: No account given and the profile has no sso_account_id.\nhint: Add --account-id <id or name> (see `aws-idc accounts --sso-session corp`), or --all.\n',
    )
  })
})

describe('populate', () => {
  let box: Sandbox
  const base = `${TRICKY}\r\n\r\n${SESSION.replaceAll('\n', '\r\n')}\r\n`
  const theirs = [
    '[profile dev-ReadOnly]',
    'sso_session = corp',
    'sso_account_id = 111111111111',
    'sso_role_name = ReadOnly',
    '',
    '[profile old-one]',
    'sso_session = corp',
    'sso_account_id = 999999999999',
    'sso_role_name = Gone',
    'aws_idc_populated = corp',
    '',
    '[profile other-session]',
    'sso_session = elsewhere',
    'sso_account_id = 999999999999',
    'sso_role_name = Gone',
    'aws_idc_populated = elsewhere',
    '',
    '[profile hand-written-gone]',
    'sso_session = corp',
    'sso_account_id = 999999999999',
    'sso_role_name = Gone',
    '',
  ].join('\r\n')
  beforeAll(async () => {
    box = await sandbox(`${base}\r\n${theirs}`)
    await box.signIn('corp')
  })
  afterAll(() => box.cleanup())

  // Issue 10 items 9 and 16: the result (diff and summary) on stdout, names in natural order, and
  // the only sso-session used without --sso-session.
  it('--dry-run prints the diff and the summary on stdout and writes nothing', async () => {
    const before = await box.config()
    const r = await box.cli(['populate', '--dry-run', '--prune'])
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(
      [
        '+ [profile dev-AdministratorAccess] 111111111111 AdministratorAccess',
        '+ [profile prod-ReadOnly] 333333333333 ReadOnly',
        '+ [profile staging-AdministratorAccess] 222222222222 AdministratorAccess',
        '+ [profile staging-ReadOnly] 222222222222 ReadOnly',
        '- [profile old-one] 999999999999 Gone (no longer assigned)',
        '! [profile dev-ReadOnly] left alone: the profile exists and was not written by populate',
        `Dry run, nothing written to ${box.configFile}: 4 added, 0 changed, 1 removed, 0 unchanged, 1 left alone.`,
        '',
      ].join('\n'),
    )
    expect(r.stderr).not.toContain('Dry run')
    expect(await box.config()).toBe(before)
  })

  it('writes marked profiles, prunes only its own, and keeps every other byte', async () => {
    const r = await box.oclif([
      'populate',
      '--sso-session',
      'corp',
      '--prune',
      '--region',
      'eu-west-1',
      '--json',
    ])
    expect(r.error).toBeUndefined()
    const json = JSON.parse(r.stdout) as PopulateJson
    expect(json).toMatchObject({
      dryRun: false,
      added: ['dev-AdministratorAccess', 'prod-ReadOnly', 'staging-AdministratorAccess', 'staging-ReadOnly'],
      removed: ['old-one'],
      skipped: [{ name: 'dev-ReadOnly', reason: 'the profile exists and was not written by populate' }],
    })
    const profile = (name: string, account: string, role: string) =>
      `[profile ${name}]\r\nsso_session = corp\r\nsso_account_id = ${account}\r\nsso_role_name = ${role}\r\nregion = eu-west-1\r\naws_idc_populated = corp\r\n`
    const kept = theirs.replace(/\[profile old-one\][^[]*/, '')
    expect(await box.config()).toBe(
      `${base}\r\n${kept}\r\n${[
        profile('dev-AdministratorAccess', '111111111111', 'AdministratorAccess'),
        profile('prod-ReadOnly', '333333333333', 'ReadOnly'),
        profile('staging-AdministratorAccess', '222222222222', 'AdministratorAccess'),
        profile('staging-ReadOnly', '222222222222', 'ReadOnly'),
      ].join('\r\n')}`,
    )
  })

  it('the populated profiles (with the marker key) work in the JS SDK and in botocore', async () => {
    expect(await jsSdkAccessKey(box, 'prod-ReadOnly')).toMatch(/^ASIA/)
    if (hasBotocore) expect(await botocoreArn(box, 'staging-AdministratorAccess')).toContain(':222222222222:')
  })

  it('a second run changes nothing; a changed value is updated in place; a new template prunes the old names', async () => {
    const before = await box.config()
    const again = await box.cli(['populate', '--sso-session', 'corp', '--region', 'eu-west-1'])
    expect(again.status).toBe(0)
    expect(again.stdout).toBe(
      '! [profile dev-ReadOnly] left alone: the profile exists and was not written by populate\n',
    )
    expect(again.stderr).toContain('Nothing to change in')
    expect(await box.config()).toBe(before)

    const changed = await box.cli(['populate', '--sso-session', 'corp', '--region', 'us-east-2', '--dry-run'])
    expect(changed.stdout).toContain('~ [profile prod-ReadOnly] region: eu-west-1 -> us-east-2\n')

    const renamed = await box.cli([
      'populate',
      '--sso-session',
      'corp',
      '--template',
      '{account_id}.{role_name}',
      '--prune',
    ])
    expect(renamed.status).toBe(0)
    expect(renamed.stdout).toContain('+ [profile 111111111111.ReadOnly] 111111111111 ReadOnly\n')
    expect(renamed.stdout).toContain(
      '- [profile prod-ReadOnly] 333333333333 ReadOnly region=eu-west-1 (renamed)\n',
    )
    const after = await box.config()
    expect(after.startsWith(`${base}\r\n${theirs.replace(/\[profile old-one\][^[]*/, '')}`)).toBe(true)
    expect(after).not.toContain('[profile prod-ReadOnly]')
    expect(after).toContain('[profile dev-ReadOnly]') // not populate's: never pruned
    expect(after).toContain('[profile hand-written-gone]')
    expect(after).toContain('[profile other-session]')
  })

  it('bad template or not signed in: one line + hint', async () => {
    const t = await box.cli(['populate', '--sso-session', 'corp', '--template', '{nope}-{role_name}'])
    expect(t.status).toBe(2)
    expect(t.stderr).toMatch(/^error: Unknown template placeholder \{nope\} in --template\.\nhint: /)
    const missing = await box.cli(['populate', '--sso-session', 'absent'])
    expect(missing.status).toBe(6)
    expect(missing.stderr).toMatch(/^error: The specified sso-session does not exist: "absent"/)
  })
})

describe('doctor', () => {
  let box: Sandbox
  let skewed: Server
  beforeAll(async () => {
    box = await sandbox(
      [
        SESSION,
        '',
        '[profile dev]',
        'sso_session = corp',
        'sso_account_id = 111111111111',
        'sso_role_name = ReadOnly',
        '',
        '[profile login-only]',
        'sso_session = corp',
        '',
        '[profile plain]',
        'region = eu-west-1',
        '',
      ].join('\n'),
    )
    // An "IAM Identity Center" whose clock is 10 minutes behind.
    skewed = createServer((_req, res) => {
      res.setHeader('Date', new Date(Date.now() - 600_000).toUTCString())
      res.end()
    })
    await new Promise<void>((resolve) => skewed.listen(0, '127.0.0.1', resolve))
  })
  afterAll(async () => {
    skewed.close()
    await box.cleanup()
  })

  it('all good: every check on its own line, on stdout (results are data), exit 0', async () => {
    await box.signIn('corp')
    const r = await box.cli(['doctor'])
    expect(r.status).toBe(0)
    expect(r.stderr).toBe('')
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines).toEqual([
      `ok    config     ${box.configFile}: 3 profiles, 1 sso-session; the AWS CLI and the JS SDK read it alike`,
      'ok    profile    dev: sso-session corp, account 111111111111, role ReadOnly',
      'ok    profile    login-only: sso-session corp (sign-in only: no sso_account_id / sso_role_name)',
      expect.stringMatching(
        /^ok {4}token {6}sso-session corp: signed in, expires in 59m \(.*Z\), refreshable$/,
      ),
      `ok    cache      ${box.home}/.aws/sso/cache: private`,
      `ok    clock      ${box.emu.url}: in sync`,
      `info  endpoints  overrides in effect: sso-oidc ${box.emu.url}, sso ${box.emu.url} (set: AWS_ENDPOINT_URL=${box.emu.url})`,
    ])
    expect(r.stdout).not.toMatch(/accessToken|refreshToken/)
    expect(r.stdout).not.toContain('\x1b[')
  })

  // Issue 10 item 18: statuses coloured when asked (FORCE_COLOR), never with NO_COLOR or in a pipe.
  it('colours the statuses with FORCE_COLOR=1 and not with NO_COLOR', async () => {
    const coloured = await box.cli(['doctor'], { env: { ...box.env, NO_COLOR: '', FORCE_COLOR: '1' } })
    expect(coloured.stdout).toContain('\x1b[32mok  \x1b[39m  config')
    const plain = await box.cli(['doctor'], { env: { ...box.env, NO_COLOR: '1' } })
    expect(plain.stdout).not.toContain('\x1b[')
  })

  // Issue 8 (drifted copy): the clock check asked oidc.cn-north-1.amazonaws.com (no such host).
  it('checks the clock of a China (or EUSC) sso_region at its own partition host', async () => {
    const env = { ...box.env }
    delete env['AWS_ENDPOINT_URL']
    const config = await box.config()
    await writeFile(
      box.configFile,
      '[sso-session cn]\nsso_start_url = https://start.example.cn/start\nsso_region = cn-north-1\nsso_registration_scopes = sso:account:access\n[sso-session eu]\nsso_start_url = https://start.example.eu/start\nsso_region = eusc-de-east-1\nsso_registration_scopes = sso:account:access\n',
    )
    try {
      // Offline here: the check cannot reach the host, but it must ask the right one.
      const r = await box.cli(['doctor', '--json'], { env: { ...env, HTTPS_PROXY: 'http://127.0.0.1:9' } })
      const clocks = (JSON.parse(r.stdout) as DoctorJson).checks
        .filter((c) => c.name === 'clock')
        .map((c) => c.subject)
      expect(clocks).toEqual([
        'https://oidc.cn-north-1.amazonaws.com.cn',
        'https://oidc.eusc-de-east-1.amazonaws.eu',
      ])
    } finally {
      await writeFile(box.configFile, config)
    }
  })

  // Issue 10 items 3, 7 and 19.
  it('reports sign-ins that cannot refresh, static keys shadowing an SSO profile, and no login hint for a broken session', async () => {
    const config = await box.config()
    await writeFile(
      box.configFile,
      `${config}\n[sso-session noscopes]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\n\n[sso-session half]\nsso_start_url = ${START_URL}\n\n[profile old]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\n`,
    )
    const credentials = `${box.home}/.aws/credentials`
    await writeFile(credentials, '[dev]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n')
    try {
      const r = await box.cli(['doctor', '--json'])
      expect(r.status).toBe(1)
      const checks = (JSON.parse(r.stdout) as DoctorJson).checks
      const of = (name: string) => checks.filter((c) => c.name === name)
      expect.soft(of('refresh').map((c) => [c.subject, c.status, c.hint])).toEqual([
        [
          'sso-session noscopes',
          'warn',
          'Add the scope: `aws-idc configure --non-interactive --sso-session noscopes --scopes sso:account:access`, then `aws-idc login --sso-session noscopes --force`.',
        ],
        [
          'old',
          'warn',
          'Move it to an sso-session with sso:account:access: `aws-idc configure --non-interactive --profile old --sso-session old`, then `aws-idc login --profile old`.',
        ],
      ])
      expect.soft(of('shadow').map((c) => [c.subject, c.status])).toEqual([['dev', 'fail']])
      // [sso-session half] has no sso_region: `login --sso-session half` would fail, so it is not suggested.
      expect.soft(JSON.stringify(checks)).not.toContain('login --sso-session half')
      // The fixes work when run as written.
      const migrate = await box.cli([
        'configure',
        '--non-interactive',
        '--profile',
        'old',
        '--sso-session',
        'old',
      ])
      expect(migrate.stderr).toContain('Removed sso_start_url, sso_region from [profile old]')
      expect(migrate.status).toBe(0)
      const scopes = await box.cli([
        'configure',
        '--non-interactive',
        '--sso-session',
        'noscopes',
        '--scopes',
        'sso:account:access',
      ])
      expect(scopes.status).toBe(0)
      const after = (JSON.parse((await box.cli(['doctor', '--json'])).stdout) as DoctorJson).checks
      expect(after.filter((c) => c.name === 'refresh')).toEqual([])
    } finally {
      await writeFile(box.configFile, config)
      await rm(credentials, { force: true })
    }
  })

  it('fails (exit 1, --json) on a profile/session region mismatch, a token from another region and clock skew', async () => {
    const config = await box.config()
    await writeFile(
      box.configFile,
      config.replace(
        'sso_session = corp\nsso_account_id',
        'sso_session = corp\nsso_region = eu-west-1\nsso_account_id',
      ),
    )
    const tokenFile = tokenFilePath(box.home, 'corp')
    const token = JSON.parse(await readFile(tokenFile, 'utf8'))
    await writeFile(tokenFile, JSON.stringify({ ...token, region: 'ap-south-1' }))
    const url = `http://127.0.0.1:${(skewed.address() as AddressInfo).port}`
    const r = await box.cli(['doctor', '--json'], { env: { ...box.env, AWS_ENDPOINT_URL: url } })
    expect(r.status).toBe(1)
    const json = JSON.parse(r.stdout) as DoctorJson
    expect(json.ok).toBe(false)
    const failed = json.checks
      .filter((c) => c.status === 'fail')
      .map((c) => `${c.name} ${c.subject}: ${c.message}`)
    expect(failed).toEqual([
      'region dev: sso_region eu-west-1 in the profile, but us-east-1 in [sso-session corp]: the AWS CLI refuses the profile, the JS SDK uses us-east-1',
      `region sso-session corp: the cached token (${tokenFile}) was issued in ap-south-1, but sso_region is us-east-1`,
      `clock ${url}: local clock 10m ahead of the service`,
    ])
    expect(JSON.stringify(json)).not.toContain(token.accessToken)
    await writeFile(tokenFile, JSON.stringify(token))
    await writeFile(box.configFile, config)
  })

  it('--profile checks one profile; not signed in is a warning with the login hint', async () => {
    await rm(`${box.home}/.aws/sso`, { recursive: true, force: true })
    const r = await box.cli(['doctor', '--profile', 'dev', '--json'])
    expect(r.status).toBe(0)
    const json = JSON.parse(r.stdout) as DoctorJson
    expect(json.ok).toBe(true)
    expect(json.checks.map((c) => `${c.status} ${c.name} ${c.subject ?? ''}`)).toEqual([
      `ok config ${box.configFile}`,
      'ok profile dev',
      'warn token sso-session corp',
      `info cache ${box.home}/.aws/sso/cache`,
      `ok clock ${box.emu.url}`,
      'info endpoints ',
    ])
    expect(json.checks[2]!.hint).toBe('Run `aws-idc login --sso-session corp`.')
  })

  it('a broken config file is a failed check naming the file and line', async () => {
    const config = await box.config()
    await writeFile(box.configFile, `${config}[profile dev]\nregion = x\n`)
    const r = await box.cli(['doctor'])
    expect(r.status).toBe(1)
    expect(r.stdout.split('\n')[0]).toMatch(/^fail {2}config {5}.*config/)
    expect(r.stdout).toMatch(/line \d+/)
    await writeFile(box.configFile, config)
  })
})

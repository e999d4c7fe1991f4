import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { type CiSignIn, login, resolveCredentials, signInForCi, tokenFromCiSecrets } from '@idc/core'
import { createSandbox, type Sandbox } from '@idc/emulator/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { maskProblems, Runner, type StepRun, secretsIn } from './runner.js'

/** Acceptance: the committed dist/index.js, run as the runner runs it, against the emulator. */

const ACCOUNT = '111111111111'
const ROLE = 'ReadOnly'
const CONFIG = `[profile dev]
sso_session = my-sso
sso_account_id = ${ACCOUNT}
sso_role_name = ${ROLE}

[sso-session my-sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`
// Someone's hand-written credentials file: comments, CRLF, no final newline. The post step must
// give it back byte for byte.
const TOKEN_FILE = () =>
  join(box.home, '.aws', 'sso', 'cache', `${createHash('sha1').update('my-sso').digest('hex')}.json`)
const CREDENTIALS =
  '# my keys\r\n[other]\r\naws_access_key_id = AKIDOTHER\r\naws_secret_access_key = other-secret'

let box: Sandbox
let runner: Runner
beforeAll(async () => {
  box = await createSandbox({ config: CONFIG, credentials: CREDENTIALS })
  runner = await Runner.create()
})
afterAll(async () => {
  await runner?.cleanup()
  await box?.cleanup()
})
beforeEach(async () => {
  await writeFile(box.credentialsFile, CREDENTIALS, { mode: 0o600 })
  box.emu.controls.reset()
  box.emu.controls.setAutoApprove(true, { afterPolls: 0 })
  box.emu.controls.setRefreshTokenRotation(true)
})

const target = () => ({
  'start-url': box.emu.startUrl,
  'sso-region': box.emu.region,
  'account-id': ACCOUNT,
  'role-name': ROLE,
})

async function ciSecrets(): Promise<CiSignIn> {
  return signInForCi(
    { from: 'values', startUrl: box.emu.startUrl, ssoRegion: box.emu.region },
    { env: box.env },
  )
}

function secretInputs(s: CiSignIn): Record<string, string> {
  return { 'refresh-token': s.refreshToken, 'client-id': s.clientId, 'client-secret': s.clientSecret }
}

function credentialsTarget() {
  const request = { from: 'values', startUrl: box.emu.startUrl, ssoRegion: box.emu.region } as const
  return resolveCredentials({ ...request, accountId: ACCOUNT, roleName: ROLE }, { env: box.env })
}

async function accessToken(): Promise<string> {
  const secrets = await ciSecrets()
  const t = await credentialsTarget()
  return (await tokenFromCiSecrets(t, secrets, { env: box.env })).accessToken
}

/** GetCallerIdentity through the emulator with the credentials the step exported: the signature is verified. */
async function callerIdentity(env: Record<string, string>): Promise<string | undefined> {
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint: box.emu.url,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID!,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY!,
      sessionToken: env.AWS_SESSION_TOKEN,
    },
  })
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Account
  } finally {
    sts.destroy()
  }
}

function credentialSecrets(run: StepRun): Record<string, string | undefined> {
  return {
    accessKeyId: run.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: run.env.AWS_SECRET_ACCESS_KEY,
    sessionToken: run.env.AWS_SESSION_TOKEN,
  }
}

function expectNoLeak(run: StepRun, secrets: Record<string, string | undefined>): void {
  expect(maskProblems(run.stdout, secrets)).toEqual([])
  expect(secretsIn(run.stderr, secrets)).toEqual([])
  expect(secretsIn(run.summary, secrets)).toEqual([])
  // GITHUB_STATE is a file on the runner and STATE_* variables of the post step: no secret there either.
  expect(secretsIn(JSON.stringify(run.state), secrets)).toEqual([])
}

async function expectGoodRun(main: StepRun, extra: Record<string, string | undefined>): Promise<void> {
  expect(main.stderr).toBe('')
  expect(main.code, main.stdout).toBe(0)
  expect(main.lines.filter((l) => l.startsWith('::error::'))).toEqual([])
  expect(Object.keys(main.env).sort()).toEqual([
    'AWS_ACCESS_KEY_ID',
    'AWS_CREDENTIAL_EXPIRATION',
    'AWS_DEFAULT_REGION',
    'AWS_REGION',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
  ])
  expect(main.env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/)
  expect(main.env.AWS_REGION).toBe('eu-west-1')
  expect(main.env.AWS_DEFAULT_REGION).toBe('eu-west-1')
  expect(main.outputs['aws-account-id']).toBe(ACCOUNT)
  expect(main.outputs['aws-access-key-id']).toBe(main.env.AWS_ACCESS_KEY_ID)
  expect(main.outputs['aws-secret-access-key']).toBe(main.env.AWS_SECRET_ACCESS_KEY)
  expect(main.outputs['aws-session-token']).toBe(main.env.AWS_SESSION_TOKEN)
  expect(new Date(main.outputs['aws-expiration']!).getTime()).toBeGreaterThan(Date.now())
  expect(await callerIdentity(main.env)).toBe(ACCOUNT)
  expectNoLeak(main, { ...credentialSecrets(main), ...extra })
}

const common = { 'aws-region': 'eu-west-1', 'output-credentials': 'true', 'profile-name': 'ci' }

async function expectProfileWritten(main: StepRun): Promise<void> {
  const text = await readFile(box.credentialsFile, 'utf8')
  expect(text.startsWith(CREDENTIALS)).toBe(true)
  // The file's own line ends (CRLF here) are kept.
  expect(text.replaceAll('\r\n', '\n')).toContain(
    `[ci]\naws_access_key_id = ${main.env.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${main.env.AWS_SECRET_ACCESS_KEY}\naws_session_token = ${main.env.AWS_SESSION_TOKEN}\nregion = eu-west-1\n`,
  )
}

async function expectRestored(post: StepRun): Promise<void> {
  expect(post.code, post.stdout).toBe(0)
  expect(post.stderr).toBe('')
  expect(await readFile(box.credentialsFile, 'utf8')).toBe(CREDENTIALS)
}

describe('modes', () => {
  it('refresh-token + client-id + client-secret: credentials, profile, rotated token masked and reported', async () => {
    const s = await ciSecrets()
    const { main, post } = await runner.job(
      {
        ...target(),
        ...common,
        ...secretInputs(s),
      },
      box.env,
      expectProfileWritten,
    )
    const rotated = main.outputs['refresh-token']
    expect(rotated).toBeTruthy()
    expect(rotated).not.toBe(s.refreshToken)
    expect(main.lines.filter((l) => l.startsWith('::warning::'))).toHaveLength(1)
    expect(main.stdout).toContain('rotated the refresh token')
    await expectGoodRun(main, { refreshToken: s.refreshToken, clientSecret: s.clientSecret, rotated })
    await expectRestored(post)
  })

  it('refresh-token without rotation: no refresh-token output, no warning', async () => {
    box.emu.controls.setRefreshTokenRotation(false)
    const s = await ciSecrets()
    const { main, post } = await runner.job(
      {
        ...target(),
        ...common,
        ...secretInputs(s),
      },
      box.env,
    )
    expect(main.outputs['refresh-token']).toBeUndefined()
    expect(main.lines.filter((l) => l.startsWith('::warning::'))).toEqual([])
    await expectGoodRun(main, { refreshToken: s.refreshToken, clientSecret: s.clientSecret })
    await expectRestored(post)
  })

  it('access-token', async () => {
    const token = await accessToken()
    const { main, post } = await runner.job(
      { ...target(), ...common, 'access-token': token },
      box.env,
      expectProfileWritten,
    )
    await expectGoodRun(main, { accessToken: token })
    await expectRestored(post)
  })

  it("profile: the runner user's cached sign-in, refreshed and locked like the CLI", async () => {
    await login({ from: 'profile', profile: 'dev' }, { env: box.env, flow: 'device' })
    // Five minutes left: inside the CLI's 15-minute window, so the step must refresh the token file.
    const before = JSON.parse(await readFile(TOKEN_FILE(), 'utf8')) as Record<string, string>
    const soon = new Date(Math.floor(Date.now() / 1000 + 300) * 1000).toISOString().replace('.000Z', 'Z')
    await writeFile(TOKEN_FILE(), JSON.stringify({ ...before, expiresAt: soon }))
    const refreshes = box.emu.controls.calls.count('CreateToken')
    const { main, post } = await runner.job({ profile: 'dev', ...common }, box.env, expectProfileWritten)
    const after = JSON.parse(await readFile(TOKEN_FILE(), 'utf8')) as Record<string, string>
    expect(box.emu.controls.calls.count('CreateToken')).toBe(refreshes + 1)
    expect(after.accessToken).not.toBe(before.accessToken)
    expect(after.refreshToken).not.toBe(before.refreshToken)
    await expectGoodRun(main, {})
    const cached = {
      oldAccessToken: before.accessToken,
      accessToken: after.accessToken,
      refreshToken: after.refreshToken,
      clientSecret: after.clientSecret,
    }
    expect(secretsIn(main.stdout + main.stderr + main.summary, cached)).toEqual([])
    await expectRestored(post)
  })

  it('profile names the target, secrets give the token; account-id overrides; no token cache written', async () => {
    const s = await ciSecrets()
    const before = await box.snapshot()
    const main = await runner.step(
      'main',
      {
        profile: 'dev',
        'account-id': '222222222222',
        ...secretInputs(s),
      },
      box.env,
    )
    expect(main.code, main.stdout).toBe(0)
    expect(main.outputs['aws-account-id']).toBe('222222222222')
    expect(await callerIdentity(main.env)).toBe('222222222222')
    expect(await box.snapshot()).toEqual(before)
    expectNoLeak(main, {
      ...credentialSecrets(main),
      refreshToken: s.refreshToken,
      clientSecret: s.clientSecret,
    })
  })

  it('device-code: URL and code in the log and the job summary', async () => {
    box.emu.controls.setAutoApprove(true, { afterPolls: 1 })
    const { main, post } = await runner.job(
      { ...target(), ...common, 'device-code': 'true' },
      box.env,
      expectProfileWritten,
    )
    expect(main.stdout).toMatch(/To sign in, open http:\/\/127\.0\.0\.1:\d+\/device\?user_code=[A-Z0-9-]+/)
    const userCode = /enter the code ([A-Z0-9-]+)/.exec(main.stdout)?.[1]
    expect(userCode).toBeTruthy()
    expect(main.summary).toContain(userCode)
    expect(main.summary).toContain('/device')
    await expectGoodRun(main, {})
    await expectRestored(post)
  })

  it('export-env false, mask-account-id, no profile: outputs only, account id masked', async () => {
    const token = await accessToken()
    const main = await runner.step(
      'main',
      {
        ...target(),
        'access-token': token,
        'export-env': 'false',
        'output-credentials': 'true',
        'mask-account-id': 'true',
      },
      box.env,
    )
    expect(main.code, main.stdout).toBe(0)
    expect(main.env).toEqual({})
    expect(main.outputs['aws-account-id']).toBe(ACCOUNT)
    expect(
      await callerIdentity({
        AWS_ACCESS_KEY_ID: main.outputs['aws-access-key-id']!,
        AWS_SECRET_ACCESS_KEY: main.outputs['aws-secret-access-key']!,
        AWS_SESSION_TOKEN: main.outputs['aws-session-token']!,
      }),
    ).toBe(ACCOUNT)
    expect(maskProblems(main.stdout, { accountId: ACCOUNT, accessToken: token })).toEqual([])
  })
})

async function expectOneError(
  run: StepRun,
  pattern: RegExp,
  secrets: Record<string, string | undefined> = {},
) {
  const errors = run.lines.filter((l) => l.startsWith('::error::'))
  expect(errors, run.stdout).toHaveLength(1)
  expect(errors[0]).toMatch(pattern)
  expect(run.code).toBe(1)
  expect(run.env).toEqual({})
  expect(run.stderr).toBe('')
  expectNoLeak(run, secrets)
}

describe('failures: one ::error:: line, exit 1, nothing exported, the credentials file untouched', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    [
      'no way to get a token',
      {
        ...{
          'start-url': 'https://d-1234567890.awsapps.com/start',
          'sso-region': 'us-east-1',
          'account-id': ACCOUNT,
          'role-name': ROLE,
        },
      },
      /No way to get a token/,
    ],
    [
      'refresh-token without client-secret',
      { 'refresh-token': 'r'.repeat(20), 'client-id': 'c'.repeat(12) },
      /client-secret is missing/,
    ],
    [
      'access-token and device-code',
      { 'access-token': 'a'.repeat(20), 'device-code': 'true' },
      /access-token and device-code conflict/,
    ],
    [
      'profile with start-url',
      { profile: 'dev', 'start-url': 'https://d-1234567890.awsapps.com/start' },
      /profile and start-url\/sso-region conflict/,
    ],
    [
      'no target',
      { 'access-token': 'a'.repeat(20) },
      /start-url, sso-region, account-id, role-name are missing/,
    ],
    ['timeout without device-code', { profile: 'dev', timeout: '30' }, /timeout applies to device-code only/],
    ['bad boolean', { profile: 'dev', 'export-env': 'yes' }, /export-env must be true or false/],
    ['unknown profile', { profile: 'nope' }, /nope/],
  ]
  it.each(cases)('%s', async (_name, inputs, pattern) => {
    const run = await runner.step('main', inputs, box.env)
    await expectOneError(run, pattern, { refresh: inputs['refresh-token'], access: inputs['access-token'] })
    expect(await readFile(box.credentialsFile, 'utf8')).toBe(CREDENTIALS)
  })

  it('a refresh token that was already rotated away', async () => {
    const s = await ciSecrets()
    await tokenFromCiSecrets(await credentialsTarget(), s, { env: box.env })
    const run = await runner.step('main', { ...target(), ...secretInputs(s) }, box.env)
    await expectOneError(run, /rejected the grant.*aws-idc login --for-ci/, {
      refreshToken: s.refreshToken,
      clientSecret: s.clientSecret,
    })
  })

  it('a revoked refresh token (the session was signed out)', async () => {
    const s = await ciSecrets()
    box.emu.controls.setRefreshTokenRotation(false)
    const t = await credentialsTarget()
    const { accessToken } = await tokenFromCiSecrets(t, s, { env: box.env })
    // The portal's Logout, as the SDK sends it (POST /logout with the bearer token header).
    const out = await fetch(`${box.emu.url}/logout`, {
      method: 'POST',
      headers: { 'x-amz-sso_bearer_token': accessToken },
    })
    expect(out.status).toBe(200)
    const run = await runner.step('main', { ...target(), ...secretInputs(s) }, box.env)
    await expectOneError(run, /aws-idc login --for-ci/, {
      refreshToken: s.refreshToken,
      clientSecret: s.clientSecret,
    })
    expect(secretsIn(run.stdout, { accessToken })).toEqual([])
  })

  it('an expired session (emulator clock past the session lifetime)', async () => {
    const s = await ciSecrets()
    box.emu.controls.clock.advance(9 * 3600 * 1000)
    const run = await runner.step('main', { ...target(), ...secretInputs(s) }, box.env)
    await expectOneError(run, /aws-idc login --for-ci/, {
      refreshToken: s.refreshToken,
      clientSecret: s.clientSecret,
    })
  })

  it('a wrong role name: ForbiddenException with the role hint', async () => {
    const token = await accessToken()
    const run = await runner.step(
      'main',
      { ...target(), 'role-name': 'NoSuchRole', 'access-token': token, 'profile-name': 'ci' },
      box.env,
    )
    await expectOneError(run, /denied GetRoleCredentials for role NoSuchRole.*Check the role name/, { token })
    expect(await readFile(box.credentialsFile, 'utf8')).toBe(CREDENTIALS)
  })

  it('an expired access token', async () => {
    const token = await accessToken()
    box.emu.controls.clock.advance(2 * 3600 * 1000)
    const run = await runner.step('main', { ...target(), 'access-token': token }, box.env)
    await expectOneError(run, /rejected the SSO access token/, { token })
  })

  it('IAM Identity Center answering 500', async () => {
    const s = await ciSecrets()
    box.emu.controls.faults.failNext(50, 'CreateToken', 500)
    const run = await runner.step('main', { ...target(), ...secretInputs(s) }, box.env)
    await expectOneError(run, /server error.*try again/i, {
      refreshToken: s.refreshToken,
      clientSecret: s.clientSecret,
    })
  })

  it('a dropped connection', async () => {
    const s = await ciSecrets()
    box.emu.controls.faults.dropNext(50, 'CreateToken')
    const run = await runner.step('main', { ...target(), ...secretInputs(s) }, box.env)
    await expectOneError(run, /Could not reach 127\.0\.0\.1:\d+ \(CreateToken: /, {
      refreshToken: s.refreshToken,
      clientSecret: s.clientSecret,
    })
  })

  it('device-code nobody approves: fails cleanly after timeout', async () => {
    box.emu.controls.setAutoApprove(false)
    const run = await runner.step('main', { ...target(), 'device-code': 'true', timeout: '3' }, box.env)
    await expectOneError(run, /Nobody approved the sign-in within 3 s/)
    expect(run.summary).toContain('/device')
  })

  it('profile-name that already exists in the credentials file is refused', async () => {
    const token = await accessToken()
    const run = await runner.step(
      'main',
      { ...target(), 'access-token': token, 'profile-name': 'other' },
      box.env,
    )
    await expectOneError(run, /already has a profile other/, { token })
    expect(await readFile(box.credentialsFile, 'utf8')).toBe(CREDENTIALS)
  })
})

describe('post step', () => {
  it('removes a credentials file the step created', async () => {
    const { rm, stat } = await import('node:fs/promises')
    await rm(box.credentialsFile)
    try {
      const token = await accessToken()
      const { main, post } = await runner.job(
        { ...target(), 'access-token': token, 'profile-name': 'ci' },
        box.env,
        async () => {
          expect((await stat(box.credentialsFile)).size).toBeGreaterThan(0)
        },
      )
      expect(main.code).toBe(0)
      expect(post.code).toBe(0)
      await expect(stat(box.credentialsFile)).rejects.toThrow(/ENOENT/)
    } finally {
      await writeFile(box.credentialsFile, CREDENTIALS, { mode: 0o600 })
    }
  })
})

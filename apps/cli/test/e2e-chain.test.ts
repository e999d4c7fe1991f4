// Chained-role profiles and `console` as users run them: bin/run.cjs as a real child process against
// @idc/emulator in a temporary HOME. Credentials are checked by the emulator's STS (SigV4), console
// URLs by following them against the emulator (a real Chromium for the portal shortcut).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { format } from '@idc/core'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { cliRoot, compileCache, isolatedEnv, runCli, runCliAsync } from './helpers.js'
import { type Sandbox, startSandbox } from './sandbox.mjs'

const OCLIF = { AWS_IDC_NO_FAST_PATH: '1' }

function chainConfig(startUrl: string, region: string): string {
  return `[sso-session my-sso]
sso_start_url = ${startUrl}
sso_region = ${region}
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = eu-west-1

[profile org]
role_arn = arn:aws:iam::222222222222:role/OrganizationAccountAccessRole
source_profile = dev
role_session_name = alice

[profile prod]
role_arn = arn:aws:iam::333333333333:role/OrganizationAccountAccessRole
source_profile = org

[profile loop-a]
role_arn = arn:aws:iam::222222222222:role/OrganizationAccountAccessRole
source_profile = loop-b

[profile loop-b]
role_arn = arn:aws:iam::222222222222:role/OrganizationAccountAccessRole
source_profile = loop-a

[profile orphan]
role_arn = arn:aws:iam::222222222222:role/OrganizationAccountAccessRole
source_profile = nowhere

[profile denied]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = dev

[profile too-long]
role_arn = arn:aws:iam::222222222222:role/OrganizationAccountAccessRole
source_profile = dev
duration_seconds = 43200
`
}

async function chainSandbox(fixture: { region?: string; startUrl?: string } = {}): Promise<Sandbox> {
  const startUrl = fixture.startUrl ?? 'https://d-1234567890.awsapps.com/start'
  const region = fixture.region ?? 'us-east-1'
  const box = await startSandbox({
    emulator: { fixture: { startUrl, region } },
    config: chainConfig(startUrl, region),
  })
  await box.login()
  return box
}

const envOf = (box: Sandbox, extra: Record<string, string> = {}) => isolatedEnv({ ...box.env, ...extra })
const cli = (box: Sandbox, args: string[], extra: Record<string, string> = {}) =>
  runCliAsync(args, { env: envOf(box, extra) })

async function callerArn(
  box: Sandbox,
  c: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
) {
  const sts = new STSClient({ region: 'us-east-1', endpoint: box.emu.url, credentials: c })
  return (await sts.send(new GetCallerIdentityCommand({}))).Arn!
}

const PROD_ARN = /^arn:aws:sts::333333333333:assumed-role\/OrganizationAccountAccessRole\/aws-idc-\d+$/

describe('a chained profile two links deep (prod -> org -> dev)', () => {
  let box: Sandbox
  beforeAll(async () => {
    box = await chainSandbox()
  })
  afterAll(async () => box?.teardown())

  it('credential-process: the emulator STS accepts the credentials as the chained role; warm on the fast path', async () => {
    const cold = await cli(box, ['credential-process', '--profile', 'prod'])
    expect(cold.stderr).toBe('')
    expect(cold.status).toBe(0)
    const json = JSON.parse(cold.stdout)
    expect(
      await callerArn(box, {
        accessKeyId: json.AccessKeyId,
        secretAccessKey: json.SecretAccessKey,
        sessionToken: json.SessionToken,
      }),
    ).toMatch(PROD_ARN)
    expect(box.emu.controls.calls.count('AssumeRole')).toBe(2)
    const fast = await cli(box, ['credential-process', '--profile', 'prod'])
    const oclif = await cli(box, ['credential-process', '--profile', 'prod'], OCLIF)
    expect(fast).toEqual(cold)
    expect(oclif).toEqual(cold)
    expect(box.emu.controls.calls.count('AssumeRole')).toBe(2)
  })

  it('a warm chained credential-process loads no @aws-sdk (or oclif, or any ESM) module', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aws-idc-trace-'))
    const trace = join(dir, 'trace.jsonl')
    try {
      const r = runCli(['credential-process', '--profile', 'prod'], {
        env: envOf(box, { AWS_IDC_TRACE_FILE: trace }),
        nodeArgs: ['--require', join(cliRoot, 'test', 'fixtures', 'trace-loads.cjs')],
      })
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      expect(JSON.parse(r.stdout).Version).toBe(1)
      const loads = readFileSync(trace, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { kind: 'cjs' | 'esm'; value: string })
      expect(loads.filter((l) => l.kind === 'esm' && !l.value.startsWith('data:'))).toEqual([])
      const cjs = [...new Set(loads.filter((l) => l.kind === 'cjs').map((l) => l.value))]
      // Node >= 22.1 require()s the bundle (compile cache); Node 20 evaluates it through vm.Script.
      expect(cjs.filter((m) => !m.startsWith('node:'))).toEqual([
        join(cliRoot, 'bin', 'run.cjs'),
        ...(compileCache ? [join(cliRoot, 'dist', 'fast.cjs')] : []),
      ])
      expect(cjs.join(' ')).not.toMatch(/oclif|aws-sdk|smithy|lockfile|@idc/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('creds, exec and whoami give the same chained role', async () => {
    const creds = await cli(box, ['creds', '--profile', 'prod', '--json'])
    expect(creds.status).toBe(0)
    const c = JSON.parse(creds.stdout)
    expect(c).toMatchObject({
      accountId: '333333333333',
      roleName: 'OrganizationAccountAccessRole',
      roleArn: 'arn:aws:iam::333333333333:role/OrganizationAccountAccessRole',
    })
    expect(
      await callerArn(box, {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
      }),
    ).toMatch(PROD_ARN)
    const env = await cli(box, ['creds', '--profile', 'prod'])
    expect(env.stdout).toBe(format('env', { ...c, expiration: new Date(c.expiration) }, { profile: 'prod' }))

    const exec = await cli(box, [
      'exec',
      '--profile',
      'prod',
      '--',
      process.execPath,
      '-e',
      'process.stdout.write(JSON.stringify({a:process.env.AWS_ACCESS_KEY_ID,s:process.env.AWS_SECRET_ACCESS_KEY,t:process.env.AWS_SESSION_TOKEN}))',
    ])
    expect(exec.status).toBe(0)
    const e = JSON.parse(exec.stdout)
    expect(await callerArn(box, { accessKeyId: e.a, secretAccessKey: e.s, sessionToken: e.t })).toMatch(
      PROD_ARN,
    )

    const whoami = await cli(box, ['whoami', '--profile', 'prod', '--json'])
    expect(whoami.status).toBe(0)
    expect(JSON.parse(whoami.stdout)).toMatchObject({
      account: '333333333333',
      roleName: 'OrganizationAccountAccessRole',
    })
    expect(JSON.parse(whoami.stdout).arn).toMatch(PROD_ARN)
    expect(box.emu.controls.calls.count('AssumeRole')).toBe(2)
  })

  describe('errors: one line and a hint on stderr, nothing on stdout, nothing written', () => {
    beforeEach(async () => {
      // The SSO profile's credentials are cached first: the failing command must add nothing.
      expect((await cli(box, ['creds', '--profile', 'dev'])).status).toBe(0)
    })
    it.each([
      ['loop-a', 6, /loop-a -> loop-b -> loop-a/],
      ['orphan', 6, /The source_profile "nowhere" referenced in the profile "orphan" does not exist/],
      [
        'denied',
        4,
        /STS denied AssumeRole of arn:aws:iam::222222222222:role\/Admin \(profile denied\) with the IAM Identity Center role ReadOnly in account 111111111111 \(profile dev\)/,
      ],
      ['too-long', 6, /duration_seconds = 43200 .* asks for more than 1 hour/],
    ])('%s', async (profile, code, message) => {
      const before = await snapshot(box)
      for (const command of ['credential-process', 'creds', 'whoami', 'console']) {
        const r = await cli(box, [command, '--profile', profile, ...(command === 'console' ? ['--url'] : [])])
        expect(r.status, `${command} --profile ${profile}`).toBe(code)
        expect(r.stdout).toBe('')
        const lines = r.stderr.trimEnd().split('\n')
        expect(lines).toHaveLength(2)
        expect(lines[0]).toMatch(/^error: /)
        expect(lines[0]).toMatch(message)
        expect(lines[1]).toMatch(/^hint: /)
      }
      expect(await snapshot(box)).toEqual(before)
    })
  })
})

describe('console', () => {
  let box: Sandbox
  beforeAll(async () => {
    box = await chainSandbox()
  })
  afterAll(async () => box?.teardown())

  /** Follows a federation login URL against the emulator as a browser would (cookie included). */
  async function land(url: string) {
    const res = await fetch(url, { redirect: 'manual' })
    if (res.status !== 302) return { status: res.status, text: await res.text() }
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!
    const page = await fetch(new URL(res.headers.get('location')!, url), { headers: { cookie } })
    return { status: page.status, text: await page.text() }
  }
  const field = (text: string, name: string) => new RegExp(`data-field="${name}">([^<]*)<`).exec(text)?.[1]

  it('--url for a profile: a federation login URL that lands on the console for its account, role and destination, once', async () => {
    const r = await cli(box, ['console', '--profile', 'dev', '--url', '--destination', 's3'])
    expect(r.status).toBe(0)
    const url = new URL(r.stdout.trim())
    expect(url.origin + url.pathname).toBe(`${box.emu.url}/federation`)
    expect(url.searchParams.get('Action')).toBe('login')
    expect(url.searchParams.get('Destination')).toBe(`${box.emu.url}/console/s3/home?region=eu-west-1`)
    expect(url.searchParams.get('SigninToken')).toBeTruthy()
    const page = await land(url.toString())
    expect(page.status).toBe(200)
    expect(field(page.text, 'account')).toBe('111111111111')
    expect(field(page.text, 'role')).toBe('ReadOnly')
    expect(field(page.text, 'destination')).toBe('/console/s3/home?region=eu-west-1')
    const reused = await land(url.toString())
    expect(reused.status).toBe(400)
    expect(reused.text).toContain('already been used')
  })

  it('an expired sign-in token is refused', async () => {
    const r = await cli(box, ['console', '--profile', 'dev', '--url'])
    box.emu.controls.clock.advance(16 * 60_000)
    try {
      const page = await land(r.stdout.trim())
      expect(page.status).toBe(400)
      expect(page.text).toContain('expired')
    } finally {
      box.emu.controls.clock.set(Date.now())
    }
  })

  it('a chained profile signs in as the assumed role and says how long the session lasts', async () => {
    const url = await cli(box, ['console', '--profile', 'prod', '--url'])
    expect(url.status).toBe(0)
    expect(url.stderr).toMatch(
      /^The console session ends in (59|60)m: sessions of chained roles last at most 1 hour\.\n$/,
    )
    const r = await cli(box, [
      'console',
      '--profile',
      'prod',
      '--json',
      '--destination',
      '/cloudformation/home',
      '--region',
      'us-west-2',
    ])
    expect(r.status).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json).toMatchObject({
      via: 'federation',
      accountId: '333333333333',
      roleName: 'OrganizationAccountAccessRole',
      roleArn: 'arn:aws:iam::333333333333:role/OrganizationAccountAccessRole',
      partition: 'aws',
      region: 'us-west-2',
      chained: true,
    })
    const page = await land(json.url)
    expect(field(page.text, 'account')).toBe('333333333333')
    expect(field(page.text, 'role')).toBe('OrganizationAccountAccessRole')
    expect(field(page.text, 'arn')).toMatch(PROD_ARN)
    expect(field(page.text, 'destination')).toBe('/console/cloudformation/home?region=us-west-2')
  })

  it('--debug never shows the sign-in token', async () => {
    const r = await cli(box, ['console', '--profile', 'dev', '--url', '--debug'])
    expect(r.status).toBe(0)
    const token = new URL(r.stdout.trim()).searchParams.get('SigninToken')!
    expect(r.stderr).toContain('debug:')
    expect(r.stderr).not.toContain(token)
  })

  it('--no-browser prints the URL; a bad destination is a usage error', async () => {
    const r = await cli(box, ['console', '--profile', 'dev', '--no-browser'])
    expect(r.status).toBe(0)
    expect(new URL(r.stdout.trim()).searchParams.get('Action')).toBe('login')
    const bad = await cli(box, [
      'console',
      '--profile',
      'dev',
      '--url',
      '--destination',
      'https://evil.example/',
    ])
    expect(bad.status).toBe(2)
    expect(bad.stdout).toBe('')
    expect(bad.stderr).toMatch(/^error: Not a console destination: "https:\/\/evil.example\/"\.\nhint: /)
  })

  const CHROMIUM = process.env['IDC_TEST_CHROMIUM'] || '/usr/bin/chromium'
  it.skipIf(!existsSync(CHROMIUM) && !process.env['CI'])(
    '--via portal: the access portal shortcut, followed in a real browser, lands on the console',
    async () => {
      box.emu.controls.calls.reset()
      const r = await cli(box, [
        'console',
        '--profile',
        'dev',
        '--via',
        'portal',
        '--url',
        '--destination',
        'ec2',
      ])
      expect(r.status).toBe(0)
      const url = new URL(r.stdout.trim())
      expect(`${url.origin}${url.pathname}`).toBe(`${box.emu.url}/start/`)
      const hash = new URLSearchParams(url.hash.replace(/^#\/console\?/, ''))
      expect(url.hash.startsWith('#/console?')).toBe(true)
      expect(Object.fromEntries(hash)).toEqual({
        account_id: '111111111111',
        role_name: 'ReadOnly',
        destination: `${box.emu.url}/console/ec2/home?region=eu-west-1`,
      })
      // No credentials are needed: nothing was asked of the portal API or STS.
      expect(box.emu.controls.calls.list()).toEqual([])
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu'],
      })
      try {
        const page = await browser.newPage()
        await page.goto(`${box.emu.url}/login?next=%2Fstart`)
        await page.getByLabel('User name').fill('alice')
        await page.getByLabel('Password').fill('alice-password')
        await page.getByRole('button', { name: 'Sign in' }).click()
        await page.getByRole('heading', { name: 'AWS access portal' }).waitFor()
        await page.goto(url.toString())
        await page.getByRole('heading', { name: 'AWS Management Console' }).waitFor()
        expect(await page.locator('[data-field="account"]').textContent()).toBe('111111111111')
        expect(await page.locator('[data-field="role"]').textContent()).toBe('ReadOnly')
        expect(await page.locator('[data-field="destination"]').textContent()).toBe(
          '/console/ec2/home?region=eu-west-1',
        )
      } finally {
        await browser.close()
      }
    },
  )

  it('--via portal refuses a chained profile with a hint', async () => {
    const r = await cli(box, ['console', '--profile', 'prod', '--via', 'portal', '--url'])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('--profile dev')
  })
})

describe.each([
  ['aws-us-gov', 'us-gov-west-1', 'https://start.us-gov-home.awsapps.com/directory/d-1234567890'],
  ['aws-cn', 'cn-north-1', 'https://d-1234567890.awsapps.cn/start'],
])('console in the %s partition', (partition, region, startUrl) => {
  let box: Sandbox
  beforeAll(async () => {
    box = await chainSandbox({ region, startUrl })
  })
  afterAll(async () => box?.teardown())

  it('--url --json names the partition, and the URL lands on the console page', async () => {
    const r = await cli(box, ['console', '--profile', 'dev', '--json', '--region', region])
    expect(r.status).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json).toMatchObject({ partition, region, accountId: '111111111111', roleName: 'ReadOnly' })
    const res = await fetch(json.url, { redirect: 'manual' })
    expect(res.status).toBe(302)
    const page = await fetch(new URL(res.headers.get('location')!, json.url), {
      headers: { cookie: res.headers.get('set-cookie')!.split(';')[0]! },
    })
    const text = await page.text()
    expect(text).toContain(`data-field="region">${region}<`)
    expect(text).toContain('data-field="account">111111111111<')
  })
})

/** Every file under HOME (minus the V8 code cache) with its contents. */
async function snapshot(box: Sandbox): Promise<Record<string, string>> {
  const { readdir } = await import('node:fs/promises')
  const out: Record<string, string> = {}
  for (const entry of await readdir(box.home, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    if (path.includes(`${join('.cache', 'aws-idc')}`)) continue
    out[path] = await readFile(path, 'utf8')
  }
  return out
}

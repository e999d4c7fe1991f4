import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.js'
import { start } from './helpers.js'

let emu: RunningEmulator
type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken: string }
let sso: Creds

beforeAll(async () => {
  emu = await start({
    fixture: {
      assumableRoles: [
        { from: '*', roleArn: 'arn:aws:iam::<account>:role/OrganizationAccountAccessRole' },
        {
          from: '111111111111/ReadOnly',
          roleArn: 'arn:aws:iam::222222222222:role/Deploy',
          externalId: 'xyz',
        },
      ],
    },
  })
})
afterAll(() => emu.stop())
beforeEach(() => {
  emu.controls.reset()
  const c = emu.state.getRoleCredentials('alice', '111111111111', 'ReadOnly')
  sso = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken }
})

const sts = (credentials: Creds) =>
  new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 })

async function assume(
  credentials: Creds,
  input: { RoleArn: string; DurationSeconds?: number; ExternalId?: string },
) {
  const out = await sts(credentials).send(new AssumeRoleCommand({ RoleSessionName: 'alice', ...input }))
  const c = out.Credentials!
  return {
    arn: out.AssumedRoleUser!.Arn!,
    expiration: c.Expiration!,
    creds: {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    },
  }
}

async function failure(p: Promise<unknown>) {
  try {
    await p
  } catch (error) {
    return error as { name: string; message: string; $metadata: { httpStatusCode: number } }
  }
  throw new Error('expected a failure')
}

describe('STS AssumeRole', () => {
  it('assumes OrganizationAccountAccessRole from a permission-set role, and chains on from there', async () => {
    const first = await assume(sso, {
      RoleArn: 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole',
    })
    expect(first.arn).toBe('arn:aws:sts::222222222222:assumed-role/OrganizationAccountAccessRole/alice')
    const who = await sts(first.creds).send(new GetCallerIdentityCommand({}))
    expect(who.Arn).toBe(first.arn)
    expect(who.Account).toBe('222222222222')
    const second = await assume(first.creds, {
      RoleArn: 'arn:aws:iam::333333333333:role/OrganizationAccountAccessRole',
    })
    const who2 = await sts(second.creds).send(new GetCallerIdentityCommand({}))
    expect(who2.Arn).toBe('arn:aws:sts::333333333333:assumed-role/OrganizationAccountAccessRole/alice')
    expect(emu.controls.calls.count('AssumeRole')).toBe(2)
    expect(emu.controls.calls.count('GetCallerIdentity')).toBe(2)
  })

  it('lasts an hour by default and refuses more than an hour (role chaining)', async () => {
    const now = Date.now()
    const r = await assume(sso, { RoleArn: 'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole' })
    expect(r.expiration.getTime() - now).toBeGreaterThan(3500_000)
    expect(r.expiration.getTime() - now).toBeLessThanOrEqual(3601_000)
    const e = await failure(
      assume(sso, {
        RoleArn: 'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole',
        DurationSeconds: 7200,
      }),
    )
    expect(e.name).toBe('ValidationError')
    expect(e.message).toContain('1 hour session limit for roles assumed by role chaining')
  })

  it('denies roles the fixture does not allow, naming caller and resource', async () => {
    const e = await failure(
      assume(sso, { RoleArn: 'arn:aws:iam::444444444444:role/OrganizationAccountAccessRole' }),
    )
    expect(e.name).toBe('AccessDenied')
    expect(e.$metadata.httpStatusCode).toBe(403)
    expect(e.message).toMatch(
      /^User: arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_ReadOnly_[0-9a-f]{16}\/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444444444444:role\/OrganizationAccountAccessRole$/,
    )
    expect((await failure(assume(sso, { RoleArn: 'arn:aws:iam::222222222222:role/Deploy' }))).name).toBe(
      'AccessDenied',
    )
    const ok = await assume(sso, { RoleArn: 'arn:aws:iam::222222222222:role/Deploy', ExternalId: 'xyz' })
    expect(ok.arn).toContain(':assumed-role/Deploy/alice')
  })

  it('checks the signature and expiry of the caller', async () => {
    const bad = await failure(
      assume(
        { ...sso, secretAccessKey: `${sso.secretAccessKey}x` },
        {
          RoleArn: 'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole',
        },
      ),
    )
    expect(bad.name).toBe('SignatureDoesNotMatch')
    const r = await assume(sso, { RoleArn: 'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole' })
    emu.controls.clock.advance(3601_000)
    expect((await failure(sts(r.creds).send(new GetCallerIdentityCommand({})))).name).toBe('ExpiredToken')
  })
})

describe('federation endpoint and console page', () => {
  const session = (c: Creds) =>
    JSON.stringify({ sessionId: c.accessKeyId, sessionKey: c.secretAccessKey, sessionToken: c.sessionToken })
  const getToken = async (c: Creds) => {
    const res = await fetch(
      `${emu.url}/federation?Action=getSigninToken&Session=${encodeURIComponent(session(c))}`,
    )
    return {
      status: res.status,
      body: res.status === 200 ? ((await res.json()) as { SigninToken: string }) : undefined,
    }
  }
  const loginUrl = (token: string, destination = `${emu.url}/console/s3/home?region=eu-west-1`) =>
    `${emu.url}/federation?${new URLSearchParams({ Action: 'login', Issuer: 'test', Destination: destination, SigninToken: token })}`

  async function follow(url: string) {
    const res = await fetch(url, { redirect: 'manual' })
    if (res.status !== 302) return { status: res.status, text: await res.text() }
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!
    const page = await fetch(new URL(res.headers.get('location')!, emu.url), { headers: { cookie } })
    return { status: page.status, text: await page.text() }
  }

  it('signs in once with a token and lands on the console page for the account, role and destination', async () => {
    const { body } = await getToken(sso)
    const page = await follow(loginUrl(body!.SigninToken))
    expect(page.status).toBe(200)
    expect(page.text).toContain('<dd data-field="account">111111111111</dd>')
    expect(page.text).toContain('<dd data-field="role">ReadOnly</dd>')
    expect(page.text).toContain('<dd data-field="destination">/console/s3/home?region=eu-west-1</dd>')
    const again = await follow(loginUrl(body!.SigninToken))
    expect(again.status).toBe(400)
    expect(again.text).toContain('already been used')
  })

  it('refuses expired tokens, foreign destinations, unknown and expired credentials', async () => {
    const { body } = await getToken(sso)
    expect((await follow(loginUrl(body!.SigninToken, 'https://evil.example/console'))).status).toBe(400)
    emu.controls.clock.advance(16 * 60_000)
    const expired = await follow(loginUrl(body!.SigninToken))
    expect(expired.status).toBe(400)
    expect(expired.text).toContain('expired')
    expect((await getToken({ ...sso, secretAccessKey: 'wrong' })).status).toBe(400)
    emu.controls.clock.advance(3600_000)
    expect((await getToken(sso)).status).toBe(400)
  })

  it('the console page without a console sign-in says so', async () => {
    expect((await fetch(`${emu.url}/console/home`)).status).toBe(401)
  })
})

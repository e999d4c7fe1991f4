import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Sandbox, SESSION_CONFIG, sandbox } from '../../test/session/harness.js'
import { sha1Hex } from '../cache/hash.js'
import type { TargetRequest } from '../config/types.js'
import { IdcError, type IdcErrorCode } from '../errors.js'
import { getCredentials } from './credentials.js'
import { login } from './login.js'
import { listAccounts } from './portal-ops.js'
import type { SessionContext } from './types.js'

/**
 * Every kind of bad input a user can hand aws-idc, end to end through the session API against the
 * emulator: each must be an IdcError with a code and a hint, must not leak a secret, and must leave
 * every file under HOME byte-for-byte as it was.
 */

let box: Sandbox
let validToken: Record<string, unknown>
beforeAll(async () => {
  box = await sandbox()
  await login(
    { from: 'profile', profile: 'dev' },
    { env: box.env, onAuthorizeUrl: async (u) => void (await fetch(u)) },
  )
  validToken = JSON.parse(await readFile(tokenFile('my-sso'), 'utf8'))
})
afterAll(async () => {
  await box.cleanup()
})

function tokenFile(key: string): string {
  return join(box.home, '.aws', 'sso', 'cache', `${sha1Hex(key)}.json`)
}

const secondsAgo = (s: number) => new Date(Date.now() - s * 1000).toISOString().replace(/\.\d+Z$/, 'Z')

interface Case {
  name: string
  code: IdcErrorCode
  /** Replaces ~/.aws/config for this case. */
  config?: string
  /** Replaces the my-sso token file: an object is written as JSON, a string as is, null deletes it. */
  token?: Record<string, unknown> | string | null
  env?: Record<string, string>
  request?: TargetRequest
  call?: 'credentials' | 'login' | 'accounts'
  /** Runs before the call (faults). */
  arrange?: (b: Sandbox) => void
  /** Text the message or hint must contain. */
  mentions?: string[]
}

const expiredNoRefresh = () => ({ ...validToken, expiresAt: secondsAgo(60), refreshToken: undefined })

const cases: Case[] = [
  {
    name: 'unknown profile',
    code: 'profile-not-found',
    request: { from: 'profile', profile: 'nope' },
    mentions: ['nope'],
  },
  {
    name: 'AWS_PROFILE names an unknown profile',
    code: 'profile-not-found',
    request: { from: 'profile' },
    env: { AWS_PROFILE: 'ghost' },
    mentions: ['ghost'],
  },
  {
    name: 'a profile that is not an SSO profile',
    code: 'not-sso-profile',
    request: { from: 'profile', profile: 'default' },
  },
  {
    name: 'sso_session names a missing section',
    code: 'session-not-found',
    config: '[profile dev]\nsso_session = missing\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\n',
    mentions: ['missing'],
  },
  {
    name: 'profile and sso-session disagree on sso_region',
    code: 'config-inconsistent',
    config: `${SESSION_CONFIG}\n[profile mismatch]\nsso_session = my-sso\nsso_region = eu-west-1\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\n`,
    request: { from: 'profile', profile: 'mismatch' },
    mentions: ['sso_region'],
  },
  {
    name: 'missing sso_account_id',
    code: 'config-invalid',
    config:
      '[sso-session s]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n[profile dev]\nsso_session = s\nsso_role_name = ReadOnly\n',
    mentions: ['sso_account_id'],
  },
  {
    name: 'missing sso_role_name',
    code: 'config-invalid',
    config:
      '[sso-session s]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n[profile dev]\nsso_session = s\nsso_account_id = 111111111111\n',
    mentions: ['sso_role_name'],
  },
  {
    name: 'sso-session without sso_region (login)',
    code: 'config-invalid',
    call: 'login',
    config:
      '[sso-session s]\nsso_start_url = https://d-1234567890.awsapps.com/start\n[profile dev]\nsso_session = s\n',
    mentions: ['sso_region'],
  },
  { name: 'a line that is not INI', code: 'config-parse', config: `${SESSION_CONFIG}\nthis is not ini\n` },
  { name: 'a key before any section', code: 'config-parse', config: `orphan = 1\n${SESSION_CONFIG}` },
  {
    name: 'a duplicate section',
    code: 'config-parse',
    config: `${SESSION_CONFIG}\n[profile dev]\nregion = us-west-2\n`,
  },
  {
    name: 'a start URL that is not a URL',
    code: 'config-invalid',
    config:
      '[profile dev]\nsso_start_url = d-1234567890 start page\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\n',
    mentions: ['sso_start_url'],
  },
  {
    name: 'a region that is not a region',
    code: 'config-invalid',
    config:
      '[profile dev]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us east 1\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\n',
  },
  {
    name: 'an account id that is not 12 digits',
    code: 'config-invalid',
    config:
      '[profile dev]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1111\nsso_role_name = ReadOnly\n',
  },
  {
    name: 'a services section that does not exist',
    code: 'config-invalid',
    config: `${SESSION_CONFIG.replace('[profile dev]\nsso_session = my-sso', '[profile dev]\nservices = nowhere\nsso_session = my-sso')}`,
    // No endpoint variable, so the services section is consulted.
    env: { AWS_PROFILE: 'dev', AWS_ENDPOINT_URL: '' },
    mentions: ['nowhere'],
  },
  {
    name: 'AWS_ENDPOINT_URL that is not a URL',
    code: 'config-invalid',
    env: { AWS_ENDPOINT_URL: 'not a url' },
  },
  {
    name: 'an sso-session target without account or role',
    code: 'invalid-argument',
    request: { from: 'sso-session', sessionName: 'my-sso' },
  },
  {
    name: 'not signed in (no token file)',
    code: 'token-missing',
    token: null,
    mentions: ['aws-idc login --profile dev'],
  },
  { name: 'an empty token file', code: 'token-invalid', token: '' },
  { name: 'a token file that is not JSON', code: 'token-invalid', token: '{"accessToken": "abc' },
  { name: 'a token file holding a JSON array', code: 'token-invalid', token: '[1,2,3]' },
  { name: 'a token without accessToken', code: 'token-invalid', token: { expiresAt: secondsAgo(-3600) } },
  { name: 'a token with a zone-less expiresAt', code: 'timestamp-invalid', token: 'zone-less' },
  { name: 'an expired token without a refresh token', code: 'token-expired', token: 'expired-no-refresh' },
  {
    name: 'an expired token whose refresh token was revoked',
    code: 'token-expired',
    token: 'expired-revoked',
    mentions: ['aws-idc login --profile dev'],
  },
  {
    name: 'an expired token whose client registration expired',
    code: 'token-expired',
    token: 'expired-registration',
  },
  {
    name: 'a token the service does not know (another region or signed out)',
    code: 'unauthorized',
    token: 'unknown-access-token',
    mentions: ['us-east-1'],
  },
  {
    name: 'a role that is not assigned',
    code: 'forbidden',
    request: { from: 'profile', profile: 'prod-admin' },
    mentions: ['AdministratorAccess', '333333333333'],
  },
  {
    name: 'an endpoint where nothing listens',
    code: 'network-error',
    env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' },
  },
  {
    name: 'the service keeps failing with 500',
    code: 'service-error',
    arrange: (b) => b.emu.controls.faults.failNext(1000, 'GetRoleCredentials', 500),
  },
  {
    name: 'the service keeps throttling',
    code: 'throttled',
    call: 'accounts',
    arrange: (b) => b.emu.controls.faults.throttleNext(1000, 'ListAccounts'),
  },
  {
    name: 'the service keeps dropping connections',
    code: 'network-error',
    arrange: (b) => b.emu.controls.faults.dropNext(1000, 'GetRoleCredentials'),
  },
]

function tokenFor(spec: Case['token']): Record<string, unknown> | string | null {
  switch (spec) {
    case 'zone-less':
      return { ...validToken, expiresAt: '2030-01-01T00:00:00' }
    case 'expired-no-refresh':
      return expiredNoRefresh()
    case 'expired-revoked':
      return { ...validToken, expiresAt: secondsAgo(60), refreshToken: 'revoked-refresh-token' }
    case 'expired-registration':
      return { ...validToken, expiresAt: secondsAgo(60), registrationExpiresAt: secondsAgo(3600) }
    case 'unknown-access-token':
      return { ...validToken, accessToken: 'aoa-not-issued-by-this-service' }
    default:
      return spec === undefined ? validToken : spec
  }
}

describe('bad input', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30)
  })

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await writeFile(box.configFile, c.config ?? SESSION_CONFIG)
    const file = tokenFile('my-sso')
    const token = tokenFor(c.token)
    await mkdir(join(box.home, '.aws', 'sso', 'cache'), { recursive: true })
    if (token === null) await rm(file, { force: true })
    else await writeFile(file, typeof token === 'string' ? token : JSON.stringify(token))
    // No role cache: every case goes to the token and the service.
    await rm(join(box.home, '.aws', 'cli'), { recursive: true, force: true })
    box.emu.controls.faults.reset()
    c.arrange?.(box)
    const before = await box.snapshot()
    const ctx: SessionContext = {
      env: { ...box.env, ...c.env },
      clientConfig: { maxAttempts: 1 },
    }
    const request = c.request ?? { from: 'profile', profile: 'dev' }
    const run =
      c.call === 'login'
        ? login(request, { ...ctx, flow: 'device' })
        : c.call === 'accounts'
          ? listAccounts(request, ctx)
          : getCredentials(request, ctx)
    const err = await run.then(
      () => undefined,
      (e: unknown) => e,
    )
    box.emu.controls.faults.reset()
    expect(IdcError.is(err), `expected an IdcError, got ${String(err)}`).toBe(true)
    const idc = err as IdcError
    expect(idc.code).toBe(c.code)
    expect(idc.hint, 'every error says what to do next').toBeTruthy()
    const text = `${idc.message}\n${idc.hint}`
    for (const m of c.mentions ?? []) expect(text).toContain(m)
    for (const secret of [validToken.accessToken, validToken.refreshToken, validToken.clientSecret]) {
      expect(text).not.toContain(String(secret))
    }
    const after = await box.snapshot()
    // The one file a failed call may add: aws-idc's note that the service refused this refresh token
    // (so `sessions` and `doctor` stop calling it refreshable); it holds a digest, not the token.
    const marker = [...after.keys()].find((f) => f.endsWith('.refresh-failed'))
    if (marker) {
      expect(c.code).toBe('token-expired')
      expect(after.get(marker)).not.toContain('revoked-refresh-token')
      after.delete(marker)
      await rm(marker, { force: true })
    }
    expect(after).toEqual(before)
  })
})

import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { fromSSO } from '@aws-sdk/credential-provider-sso'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.js'
import { clients, failure, signIn, start } from './helpers.js'

type AwsCredentialIdentity = Awaited<ReturnType<ReturnType<typeof fromSSO>>>

let emu: RunningEmulator
let oidc: SSOOIDCClient
let home: string
const saved = { ...process.env }

/** Timestamps as the AWS CLI writes them (§6.3): no milliseconds, Z suffix. */
const cliTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

beforeAll(async () => {
  emu = await start()
  ;({ oidc } = clients(emu))
  home = await mkdtemp(join(tmpdir(), 'idc-emu-home-'))
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key]
  process.env.HOME = home
  process.env.USERPROFILE = home
  // The JS SDK reads endpoint settings from the environment for any profile (§4.2 caveat).
  process.env.AWS_ENDPOINT_URL = emu.url
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
  await mkdir(join(home, '.aws', 'sso', 'cache'), { recursive: true })
  await writeFile(
    join(home, '.aws', 'config'),
    [
      '[sso-session my-sso]',
      `sso_start_url = ${emu.startUrl}`,
      `sso_region = ${emu.region}`,
      'sso_registration_scopes = sso:account:access',
      '',
      '[profile dev]',
      'sso_session = my-sso',
      'sso_account_id = 111111111111',
      'sso_role_name = ReadOnly',
      '',
      '[sso-session refresh-sso]',
      `sso_start_url = ${emu.startUrl}`,
      `sso_region = ${emu.region}`,
      '',
      '[profile refreshing]',
      'sso_session = refresh-sso',
      'sso_account_id = 222222222222',
      'sso_role_name = AdministratorAccess',
      '',
    ].join('\n'),
  )
})
afterAll(async () => {
  await emu.stop()
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
  Object.assign(process.env, saved)
  await rm(home, { recursive: true, force: true })
})

/** Write ~/.aws/sso/cache/<sha1(session)>.json exactly as the AWS CLI would after `aws sso login`. */
async function writeTokenFile(session: string, expiresInMs: number) {
  const { reg, token } = await signIn(emu, oidc)
  const file = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(session).digest('hex')}.json`)
  const body = {
    startUrl: emu.startUrl,
    region: emu.region,
    accessToken: token.accessToken,
    expiresAt: cliTime(Date.now() + expiresInMs),
    clientId: reg.clientId,
    clientSecret: reg.clientSecret,
    registrationExpiresAt: cliTime(Date.now() + 90 * 86400_000),
    refreshToken: token.refreshToken,
  }
  await writeFile(file, JSON.stringify(body), { mode: 0o600 })
  return { file, token }
}

const sts = (credentials: AwsCredentialIdentity) =>
  new STSClient({ region: 'us-east-1', credentials, maxAttempts: 1 })

describe('@aws-sdk/credential-provider-sso against the emulator', () => {
  it('fromSSO({profile}) gets role credentials that sign an accepted GetCallerIdentity', async () => {
    await writeTokenFile('my-sso', 3600_000)
    emu.controls.calls.reset()
    const creds = await fromSSO({ profile: 'dev' })()
    expect(creds.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(creds.expiration!.getTime()).toBeGreaterThan(Date.now() + 3500_000)
    expect(emu.controls.calls.count('GetRoleCredentials', '111111111111/ReadOnly')).toBe(1)

    const id = await sts(creds).send(new GetCallerIdentityCommand({}))
    expect(id.Account).toBe('111111111111')
    expect(id.Arn).toMatch(/:assumed-role\/AWSReservedSSO_ReadOnly_[0-9a-f]{16}\/alice$/)

    const tampered = await failure(
      sts({ ...creds, secretAccessKey: `${creds.secretAccessKey}x` }).send(new GetCallerIdentityCommand({})),
    )
    expect(tampered).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 })

    emu.controls.clock.advance(3600_000 + 5000)
    const expired = await failure(sts(creds).send(new GetCallerIdentityCommand({})))
    expect(expired).toMatchObject({ name: 'ExpiredToken', status: 400 })
    emu.controls.clock.reset()
  })

  it('refreshes a nearly expired token through CreateToken(refresh_token) and writes it back', async () => {
    const { file, token } = await writeTokenFile('refresh-sso', 60_000)
    emu.controls.calls.reset()
    const creds = await fromSSO({ profile: 'refreshing' })()
    expect(creds.accessKeyId).toMatch(/^ASIA/)
    expect(emu.controls.calls.count('CreateToken', 'refresh_token')).toBe(1)
    const written = JSON.parse(await readFile(file, 'utf8'))
    expect(written.accessToken).not.toBe(token.accessToken)
    expect(written.refreshToken).not.toBe(token.refreshToken)
    expect(new Date(written.expiresAt).getTime()).toBeGreaterThan(Date.now() + 3500_000)
  })
})

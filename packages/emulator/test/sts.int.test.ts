import { GetRoleCredentialsCommand, type SSOClient } from '@aws-sdk/client-sso'
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { Hash } from '@smithy/hash-node'
import { SignatureV4 } from '@smithy/signature-v4'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.js'
import { clients, failure, signIn, start } from './helpers.js'

let emu: RunningEmulator
let oidc: SSOOIDCClient
let sso: SSOClient
let creds: { accessKeyId: string; secretAccessKey: string; sessionToken: string }

beforeAll(async () => {
  emu = await start()
  ;({ oidc, sso } = clients(emu))
})
afterAll(() => emu.stop())
beforeEach(async () => {
  emu.controls.reset()
  const { token } = await signIn(emu, oidc)
  const r = await sso.send(
    new GetRoleCredentialsCommand({
      accessToken: token.accessToken,
      accountId: '222222222222',
      roleName: 'AdministratorAccess',
    }),
  )
  const c = r.roleCredentials!
  creds = { accessKeyId: c.accessKeyId!, secretAccessKey: c.secretAccessKey!, sessionToken: c.sessionToken! }
})

const stsWith = (credentials: typeof creds) =>
  new STSClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 })

/** Sign a GetCallerIdentity request ourselves, to vary signed headers and tamper after signing. */
async function signedRequest(options: { unsignable?: string[] } = {}) {
  const url = new URL(emu.url)
  const body = 'Action=GetCallerIdentity&Version=2011-06-15'
  const signer = new SignatureV4({
    credentials: creds,
    region: 'us-east-1',
    service: 'sts',
    sha256: Hash.bind(null, 'sha256'),
  })
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      query: {},
      headers: {
        host: url.host,
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'user-agent': 'botocore/1.43.11',
      },
      body,
    },
    options.unsignable ? { unsignableHeaders: new Set(options.unsignable) } : {},
  )
  return { headers: signed.headers as Record<string, string>, body }
}

describe('STS GetCallerIdentity', () => {
  it('accepts a request signed by @aws-sdk/client-sts with the issued credentials', async () => {
    const id = await stsWith(creds).send(new GetCallerIdentityCommand({}))
    expect(id.Account).toBe('222222222222')
    expect(id.Arn).toMatch(
      /^arn:aws:sts::222222222222:assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}\/alice$/,
    )
    expect(id.UserId).toMatch(/^AROA[A-Z0-9]{17}:alice$/)
    expect(emu.controls.calls.count('GetCallerIdentity')).toBe(1)
  })

  it('verifies whatever header set the client signed (here: including content-type, excluding it)', async () => {
    for (const unsignable of [undefined, ['content-type']]) {
      const req = await signedRequest(unsignable ? { unsignable } : {})
      const res = await fetch(emu.url, { method: 'POST', headers: req.headers, body: req.body })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/xml')
      expect(await res.text()).toContain('<Account>222222222222</Account>')
    }
  })

  it('rejects a body changed after signing with SignatureDoesNotMatch', async () => {
    const req = await signedRequest()
    const res = await fetch(emu.url, { method: 'POST', headers: req.headers, body: `${req.body}&Extra=1` })
    expect(res.status).toBe(403)
    const xml = await res.text()
    expect(xml).toMatch(
      /<ErrorResponse[^>]*>\s*<Error>\s*<Type>Sender<\/Type>\s*<Code>SignatureDoesNotMatch<\/Code>\s*<Message>/,
    )
    expect(xml).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/)
  })

  it('rejects a wrong secret with SignatureDoesNotMatch (403)', async () => {
    const f = await failure(
      stsWith({ ...creds, secretAccessKey: `x${creds.secretAccessKey.slice(1)}` }).send(
        new GetCallerIdentityCommand({}),
      ),
    )
    expect(f).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 })
  })

  it('rejects an unknown access key or a foreign session token with InvalidClientTokenId (403)', async () => {
    const unknown = await failure(
      stsWith({ ...creds, accessKeyId: 'ASIAAAAAAAAAAAAAAAAA' }).send(new GetCallerIdentityCommand({})),
    )
    expect(unknown).toMatchObject({ name: 'InvalidClientTokenId', status: 403 })
    const token = await failure(
      stsWith({ ...creds, sessionToken: 'forged' }).send(new GetCallerIdentityCommand({})),
    )
    expect(token).toMatchObject({ name: 'InvalidClientTokenId', status: 403 })
  })

  it('rejects credentials past their expiration on the emulator clock with ExpiredToken', async () => {
    await stsWith(creds).send(new GetCallerIdentityCommand({}))
    emu.controls.clock.advance(3600_000 + 1000)
    const f = await failure(stsWith(creds).send(new GetCallerIdentityCommand({})))
    expect(f).toMatchObject({
      name: 'ExpiredToken',
      status: 400,
      message: 'The security token included in the request is expired',
    })
  })

  it('rejects unsigned requests and unknown actions', async () => {
    const unsigned = await fetch(emu.url, {
      method: 'POST',
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    })
    expect(unsigned.status).toBe(403)
    expect(await unsigned.text()).toContain('<Code>MissingAuthenticationToken</Code>')
    const other = await fetch(emu.url, { method: 'POST', body: 'Action=GetSessionToken&Version=2011-06-15' })
    expect(other.status).toBe(400)
    expect(await other.text()).toContain('<Code>InvalidAction</Code>')
  })
})

import { afterEach, describe, expect, it } from 'vitest'
import { type Sandbox, sandbox } from '../../test/session/harness.js'
import { IdcError } from '../errors.js'
import { login } from '../session/login.js'
import { resolveCredentials } from '../session/resolve.js'
import {
  type CredentialServer,
  containerCredentialsJson,
  isLoopbackHost,
  startCredentialServer,
} from './credential-server.js'

let box: Sandbox | undefined
let server: CredentialServer | undefined
afterEach(async () => {
  await server?.close()
  await box?.cleanup()
  server = undefined
  box = undefined
})

async function signedIn() {
  const b = await sandbox()
  await login(
    { from: 'profile', profile: 'dev' },
    { env: b.env, onAuthorizeUrl: async (u) => void (await fetch(u)) },
  )
  b.emu.controls.calls.reset()
  return b
}

describe('startCredentialServer', () => {
  it('many concurrent callers, hours of (emulated) time: one GetRoleCredentials per expiry', async () => {
    box = await signedIn()
    const b = box
    let offset = 0
    const target = await resolveCredentials({ from: 'profile', profile: 'dev' }, { env: b.env })
    server = await startCredentialServer({
      env: b.env,
      now: () => Date.now() + offset,
      targets: [['dev', target]],
    })
    const s = server
    const ask = () =>
      fetch(s.url(), { headers: { authorization: s.token } }).then(async (r) => ({
        status: r.status,
        json: (await r.json()) as { AccessKeyId: string; Expiration: string },
      }))
    const keys = new Set<string>()
    for (let step = 0; step < 4; step++) {
      offset = step * 50 * 60_000
      b.emu.controls.clock.set(Date.now() + offset)
      const answers = await Promise.all(Array.from({ length: 20 }, ask))
      for (const a of answers) {
        expect(a.status).toBe(200)
        // Always at least 15 minutes left on the clock of the caller.
        expect(Date.parse(a.json.Expiration) - (Date.now() + offset)).toBeGreaterThan(15 * 60_000)
      }
      expect(new Set(answers.map((a) => a.json.AccessKeyId)).size).toBe(1)
      keys.add(answers[0]!.json.AccessKeyId)
    }
    expect(keys.size).toBe(4)
    expect(b.emu.controls.calls.count('GetRoleCredentials')).toBe(4)
  })

  it('a failed fetch answers 500 with Code and Message (with the hint), never 401', async () => {
    box = await sandbox()
    const target = await resolveCredentials({ from: 'profile', profile: 'dev' }, { env: box.env })
    server = await startCredentialServer({ env: box.env, targets: [['dev', target]] })
    const r = await fetch(server.url(), { headers: { authorization: server.token } })
    expect(r.status).toBe(500)
    const body = (await r.json()) as { Code: string; Message: string }
    expect(body.Code).toBe('token-missing')
    expect(body.Message).toMatch(/login --profile dev/)
  })

  it('refuses a non-loopback host unless allowed, and a bad port', async () => {
    box = await sandbox()
    const target = await resolveCredentials({ from: 'profile', profile: 'dev' }, { env: box.env })
    for (const host of ['0.0.0.0', '::', '10.0.0.1', 'example.com']) {
      await expect(
        startCredentialServer({ env: box.env, host, targets: [['dev', target]] }),
      ).rejects.toMatchObject({
        code: 'invalid-argument',
      })
    }
    await expect(
      startCredentialServer({ env: box.env, port: 70000, targets: [['dev', target]] }),
    ).rejects.toThrow(IdcError)
  })
})

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['128.0.0.1', false],
    ['localhost.example.com', false],
    ['192.168.1.1', false],
  ])('%s -> %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback)
  })
})

describe('containerCredentialsJson', () => {
  it('the names and shapes the SDKs parse; whole-second RFC 3339 expiration', () => {
    expect(
      containerCredentialsJson({
        accessKeyId: 'ASIA',
        secretAccessKey: 's',
        sessionToken: 't',
        expiration: new Date('2026-01-02T03:04:05.678Z'),
        accountId: '111111111111',
      }),
    ).toEqual({
      AccessKeyId: 'ASIA',
      SecretAccessKey: 's',
      Token: 't',
      Expiration: '2026-01-02T03:04:05Z',
      AccountId: '111111111111',
    })
  })
})

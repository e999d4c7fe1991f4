import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fromSSO } from '@aws-sdk/credential-provider-sso'
import { afterEach, describe, expect, it } from 'vitest'
import { type Sandbox, sandbox } from '../../test/session/harness.js'
import { sha1Hex } from '../cache/hash.js'
import { IdcError } from '../errors.js'
import { getCredentials } from './credentials.js'
import { login } from './login.js'
import { logout } from './logout.js'
import { listAccountsAndRoles } from './portal-ops.js'
import { listSessions } from './sessions.js'
import { getToken } from './token.js'

let box: Sandbox | undefined
afterEach(async () => {
  await box?.cleanup()
  box = undefined
})

const openInBrowser = async (url: string) => {
  // Stand-in for the browser: the emulator auto-approves and redirects to our loopback listener.
  await fetch(url)
}

function tokenPath(home: string, key: string) {
  return join(home, '.aws', 'sso', 'cache', `${sha1Hex(key)}.json`)
}

describe('login', () => {
  it('signs in to an sso-session with PKCE and writes the token and registration the AWS CLI way', async () => {
    box = await sandbox()
    const res = await login(
      { from: 'profile', profile: 'dev' },
      { env: box.env, onAuthorizeUrl: openInBrowser },
    )
    expect(res.reused).toBe(false)
    expect(res.flow).toBe('auth-code')
    const file = tokenPath(box.home, 'my-sso')
    expect(res.file).toBe(file)
    const text = await readFile(file, 'utf8')
    expect(text.split('\n')).toHaveLength(1)
    const json = JSON.parse(text)
    expect(Object.keys(json)).toEqual([
      'startUrl',
      'region',
      'accessToken',
      'expiresAt',
      'clientId',
      'clientSecret',
      'registrationExpiresAt',
      'refreshToken',
    ])
    expect(json.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect((await stat(join(box.home, '.aws', 'sso', 'cache'))).mode & 0o777).toBe(0o700)
    // The registration is cached under the AWS CLI's key (§6.4, first test vector) with grantTypes.
    const reg = JSON.parse(
      await readFile(
        join(box.home, '.aws', 'sso', 'cache', 'a8343d65418848d0bc13a5f25cbb32508ceec5d1.json'),
        'utf8',
      ),
    )
    expect(reg.grantTypes).toEqual(['authorization_code', 'refresh_token'])
    expect(box.emu.controls.calls.count('CreateToken', 'authorization_code')).toBe(1)

    // Signed in with > 15 minutes left: nothing happens without force.
    const again = await login(
      { from: 'profile', profile: 'dev' },
      { env: box.env, onAuthorizeUrl: openInBrowser },
    )
    expect(again.reused).toBe(true)
    const forced = await login(
      { from: 'profile', profile: 'dev' },
      { env: box.env, onAuthorizeUrl: openInBrowser, force: true },
    )
    expect(forced.reused).toBe(false)
    // The cached registration was reused for the second PKCE sign-in.
    expect(box.emu.controls.calls.count('RegisterClient')).toBe(1)
  })

  it('signs in a legacy profile with the device code flow under the start URL key', async () => {
    box = await sandbox()
    const codes: string[] = []
    const res = await login(
      { from: 'profile', profile: 'legacy' },
      { env: box.env, onVerification: (v) => void codes.push(v.userCode) },
    )
    expect(res.flow).toBe('device')
    expect(res.file).toBe(tokenPath(box.home, 'https://d-1234567890.awsapps.com/start'))
    expect(res.file.endsWith('7487b5b67d5fa1132cf33fa93ae51ef38cc37752.json')).toBe(true)
  })

  it('a denied sign-in is access-denied, its hint names the profile, and the token expiry has whole seconds', async () => {
    box = await sandbox({ autoApprove: 'deny' })
    const err = await login({ from: 'profile', profile: 'dev' }, { env: box.env, flow: 'device' }).catch(
      (e: unknown) => e,
    )
    expect(IdcError.is(err) && err.code).toBe('access-denied')
    expect(IdcError.is(err) && err.hint).toContain('aws-idc login --profile dev')
    box.emu.controls.setAutoApprove(true)
    const ok = await login({ from: 'profile', profile: 'dev' }, { env: box.env, flow: 'device' })
    expect(ok.expiresAt.getMilliseconds()).toBe(0)
    const file = JSON.parse(await readFile(ok.file, 'utf8'))
    expect(Date.parse(file.expiresAt)).toBe(ok.expiresAt.getTime())
  })

  it('a cancelled sign-in writes nothing', async () => {
    box = await sandbox({ autoApprove: false })
    const before = await box.snapshot()
    const ac = new AbortController()
    const err = await login(
      { from: 'profile', profile: 'dev' },
      { env: box.env, flow: 'device', signal: ac.signal, onVerification: () => ac.abort() },
    ).catch((e: unknown) => e)
    expect(IdcError.is(err) && err.code).toBe('aborted')
    const after = await box.snapshot()
    // Only the client registration (not a token) may have been written.
    const added = [...after.keys()].filter((k) => !before.has(k))
    for (const path of added) expect(JSON.parse(after.get(path) ?? '{}')).not.toHaveProperty('accessToken')
  })
})

describe('credentials', () => {
  it('fetches role credentials once and then serves them from the AWS CLI-compatible role cache', async () => {
    box = await sandbox()
    await login({ from: 'profile', profile: 'dev' }, { env: box.env, onAuthorizeUrl: openInBrowser })
    const first = await getCredentials({ from: 'profile', profile: 'dev' }, { env: box.env })
    expect(first.source).toBe('portal')
    const second = await getCredentials({ from: 'profile', profile: 'dev' }, { env: box.env })
    expect(second.source).toBe('cache')
    expect(second.credentials.accessKeyId).toBe(first.credentials.accessKeyId)
    expect(box.emu.controls.calls.count('GetRoleCredentials')).toBe(1)
    // §7: the file name the AWS CLI v2 would use for this profile.
    const cacheFile = join(
      box.home,
      '.aws',
      'cli',
      'cache',
      `${sha1Hex('{"accountId":"111111111111","roleName":"ReadOnly","sessionName":"my-sso"}')}.json`,
    )
    const cached = JSON.parse(await readFile(cacheFile, 'utf8'))
    expect(cached.ProviderType).toBe('sso')
    expect(cached.Credentials.AccessKeyId).toBe(first.credentials.accessKeyId)
  })

  it('writes a token file that the JS SDK fromSSO accepts, and reads files written the JS SDK way', async () => {
    box = await sandbox()
    await login({ from: 'profile', profile: 'dev' }, { env: box.env, onAuthorizeUrl: openInBrowser })
    const saved = { ...process.env }
    try {
      Object.assign(process.env, box.env)
      const creds = await fromSSO({ profile: 'dev', ignoreCache: true })()
      expect(creds.accessKeyId).toMatch(/^ASIA/)
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
      Object.assign(process.env, saved)
    }
    // Rewrite the token as the JS SDK does after a refresh: pretty JSON, milliseconds, extra keys.
    const file = tokenPath(box.home, 'my-sso')
    const json = JSON.parse(await readFile(file, 'utf8'))
    json.expiresAt = new Date(Date.parse(json.expiresAt) + 123).toISOString()
    json.somethingNew = 'kept'
    await writeFile(file, JSON.stringify(json, null, 2))
    const res = await getCredentials({ from: 'profile', profile: 'dev-admin' }, { env: box.env })
    expect(res.source).toBe('portal')
    // And the legacy `UTC` suffix of CLI versions before 2.1.14.
    json.expiresAt = `${json.expiresAt.slice(0, 19)}UTC`
    await writeFile(file, JSON.stringify(json))
    const token = await getToken(
      await import('./resolve.js').then((m) =>
        m.resolveTarget({ from: 'profile', profile: 'dev' }, { env: box?.env }),
      ),
      { env: box.env },
    )
    expect(token.accessToken).toBe(json.accessToken)
  })

  it('refreshes a token with < 15 minutes left once, and writes the rotated refresh token back', async () => {
    box = await sandbox()
    await login({ from: 'profile', profile: 'dev' }, { env: box.env, onAuthorizeUrl: openInBrowser })
    const file = tokenPath(box.home, 'my-sso')
    const before = JSON.parse(await readFile(file, 'utf8'))
    before.expiresAt = new Date(Date.now() + 5 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z')
    await writeFile(file, JSON.stringify(before))
    box.emu.controls.calls.reset()
    const res = await getCredentials({ from: 'profile', profile: 'dev' }, { env: box.env })
    expect(res.source).toBe('portal')
    expect(box.emu.controls.calls.count('CreateToken', 'refresh_token')).toBe(1)
    const after = JSON.parse(await readFile(file, 'utf8'))
    expect(after.accessToken).not.toBe(before.accessToken)
    expect(after.refreshToken).not.toBe(before.refreshToken)
    expect(Date.parse(after.expiresAt) - Date.now()).toBeGreaterThan(50 * 60_000)
    // A refresh that fails while the old token is still valid falls back to it, writing nothing.
    after.expiresAt = new Date(Date.now() + 10 * 60_000).toISOString()
    after.refreshToken = 'revoked-refresh-token'
    await writeFile(file, JSON.stringify(after))
    const target = await import('./resolve.js').then((m) =>
      m.resolveTarget({ from: 'profile', profile: 'dev' }, { env: box?.env }),
    )
    const token = await getToken(target, { env: box.env })
    expect(token.refreshed).toBe(false)
    expect(token.accessToken).toBe(after.accessToken)
    expect(JSON.parse(await readFile(file, 'utf8')).refreshToken).toBe('revoked-refresh-token')
  })

  it('lists accounts and roles through the profile', async () => {
    box = await sandbox()
    await login({ from: 'profile', profile: 'dev' }, { env: box.env, onAuthorizeUrl: openInBrowser })
    const all = await listAccountsAndRoles({ from: 'profile', profile: 'dev' }, { env: box.env })
    expect(all.map((a) => a.accountName)).toEqual(['dev', 'staging', 'prod'])
  })
})

describe('sessions and logout', () => {
  it('ties token files to sessions and profiles, and logout removes tokens and the role caches they fed', async () => {
    box = await sandbox()
    await login({ from: 'profile', profile: 'dev' }, { env: box.env, onAuthorizeUrl: openInBrowser })
    await login({ from: 'profile', profile: 'legacy' }, { env: box.env })
    await getCredentials({ from: 'profile', profile: 'dev' }, { env: box.env })
    const sessions = await listSessions({ env: box.env })
    const mySso = sessions.find((s) => s.key === 'my-sso')
    expect(mySso?.profiles).toEqual(['dev', 'dev-admin', 'prod-admin', 'staging-admin'])
    expect(mySso?.refreshable).toBe(true)
    expect(sessions.find((s) => s.kind === 'legacy')?.profiles).toEqual(['legacy'])

    const out = await logout({ from: 'sso-session', sessionName: 'my-sso' }, { env: box.env })
    expect(out.tokens).toEqual([tokenPath(box.home, 'my-sso')])
    expect(out.roleCaches).toHaveLength(1)
    expect(out.warnings).toEqual([])
    expect(box.emu.controls.calls.count('Logout')).toBe(1)
    // The registration stays; the legacy token stays.
    expect((await listSessions({ env: box.env })).map((s) => s.kind)).toEqual(['legacy'])
    const all = await logout({ all: true }, { env: box.env })
    expect(all.tokens).toHaveLength(1)
    expect(await listSessions({ env: box.env })).toEqual([])
  })
})

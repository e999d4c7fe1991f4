import { RegisterClientCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.js'
import { clients, pkcePair, register, start, startDevice } from './helpers.js'

/*
 * The pages over plain HTTP (status codes, headers, cookies, escaping, redirects). The same flows
 * in a real browser are in browser.int.test.ts; these run even where no browser is installed.
 */

let emu: RunningEmulator
let oidc: SSOOIDCClient

beforeAll(async () => {
  emu = await start({ autoApprove: false })
  ;({ oidc } = clients(emu))
})
afterAll(() => emu.stop())
beforeEach(() => {
  emu.controls.reset()
  emu.controls.setAutoApprove(false)
})

const form = (fields: Record<string, string>) => new URLSearchParams(fields)

function request(path: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers)
  if (init.cookie) headers.set('cookie', init.cookie)
  return fetch(`${emu.url}${path}`, { ...init, headers, redirect: 'manual' })
}

async function signInCookie(user = 'alice', password = `${user}-password`): Promise<string> {
  const res = await request('/login', { method: 'POST', body: form({ username: user, password }) })
  expect(res.status).toBe(303)
  const setCookie = res.headers.get('set-cookie')!
  return setCookie.split(';')[0]!
}

async function page(path: string, cookie: string) {
  const res = await request(path, { cookie })
  const body = await res.text()
  return { res, body, csrf: /name="csrf" value="([^"]+)"/.exec(body)?.[1] }
}

async function pendingDevice(clientName = 'test') {
  const r = await oidc.send(new RegisterClientCommand({ clientName, clientType: 'public' }))
  const reg = { clientId: r.clientId!, clientSecret: r.clientSecret! }
  return startDevice(emu, oidc, reg)
}

async function pendingAuthorization() {
  const r = await oidc.send(
    new RegisterClientCommand({
      clientName: 'botocore-client-pages',
      clientType: 'public',
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'],
      issuerUrl: emu.startUrl,
      scopes: ['sso:account:access'],
    }),
  )
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: r.clientId!,
    redirect_uri: 'http://127.0.0.1:45999/oauth/callback',
    state: 'st-1',
    code_challenge_method: 'S256',
    scopes: 'sso:account:access',
    code_challenge: pkcePair().challenge,
  })
  const res = await request(`/authorize?${q}`)
  expect(res.headers.get('location')).toMatch(/^\/login\?next=/)
  return emu.controls.pendingAuthorizations().at(-1)!
}

describe('sign-in', () => {
  it('serves an accessible, self-contained form', async () => {
    const res = await request('/login')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    const body = await res.text()
    expect(body).toContain('<html lang="en">')
    expect(body).toMatch(/<label for="username">/)
    expect(body).toMatch(/<label for="password">/)
    expect(body).toContain('<h1>Sign in</h1>')
    expect(body).not.toMatch(/(src|href)="https?:/)
  })

  it('rejects a wrong password or unknown user with 401, the error and no cookie', async () => {
    for (const [username, password] of [
      ['alice', 'wrong'],
      ['mallory', 'alice-password'],
    ] as const) {
      const res = await request('/login', { method: 'POST', body: form({ username, password }) })
      expect(res.status).toBe(401)
      expect(res.headers.get('set-cookie')).toBeNull()
      const body = await res.text()
      expect(body).toContain('role="alert"')
      expect(body).toContain('Incorrect user name or password.')
      expect(body).toContain(`value="${username}"`)
    }
    const empty = await request('/login', { method: 'POST', body: form({ username: '', password: '' }) })
    expect(empty.status).toBe(400)
  })

  it('sets an HttpOnly, SameSite=Lax session cookie expiring with the session', async () => {
    const res = await request('/login', {
      method: 'POST',
      body: form({ username: 'alice', password: 'alice-password' }),
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/start')
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(new RegExp(`^idc_emulator_session_${emu.port}=[A-Za-z0-9_-]{43};`))
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Lax/)
    expect(cookie).toMatch(/; Path=\//)
    expect(cookie).toMatch(/; Max-Age=28800/)
    const other = await signInCookie()
    expect(other).not.toBe(cookie.split(';')[0])
  })

  it.each([
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    '/.//evil.example/',
    '/\t/evil.example',
    'javascript:alert(1)',
    'http:evil.example',
  ])('never redirects to next=%j', async (next) => {
    const res = await request('/login', {
      method: 'POST',
      body: form({ username: 'alice', password: 'alice-password', next }),
    })
    expect(res.headers.get('location')).toBe('/start')
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!
    const again = await request(`/login?next=${encodeURIComponent(next)}`, { cookie })
    expect(again.headers.get('location')).toBe('/start')
  })

  it('keeps a same-origin next, and goes straight there when already signed in', async () => {
    const next = '/device?user_code=BCDF-GHJK'
    const login = await request(`/login?next=${encodeURIComponent(next)}`)
    expect(await login.text()).toContain(`name="next" value="/device?user_code=BCDF-GHJK"`)
    const res = await request('/login', {
      method: 'POST',
      body: form({ username: 'alice', password: 'alice-password', next }),
    })
    expect(res.headers.get('location')).toBe(next)
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!
    expect(
      (await request(`/login?next=${encodeURIComponent(next)}`, { cookie })).headers.get('location'),
    ).toBe(next)
  })

  it('refuses a cross-site form post', async () => {
    const res = await request('/login', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: form({ username: 'alice', password: 'alice-password' }),
    })
    expect(res.status).toBe(403)
    expect(res.headers.get('set-cookie')).toBeNull()
  })

  it('sends signed-out visitors to sign in and back', async () => {
    for (const path of [
      '/start',
      '/device',
      '/device?user_code=BCDF-GHJK',
      '/consent?authorization_id=az-1',
    ]) {
      const res = await request(path)
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`)
    }
    expect((await request('/')).headers.get('location')).toBe('/start')
  })

  it('expires the browser session on the emulator clock', async () => {
    const cookie = await signInCookie()
    expect((await request('/start', { cookie })).status).toBe(200)
    emu.controls.clock.advance(emu.fixture.lifetimes.sessionSeconds * 1000)
    const res = await request('/start', { cookie })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/login?next=%2Fstart')
  })

  it('signs out with a CSRF-protected post, ending the session server-side', async () => {
    const cookie = await signInCookie()
    const { csrf } = await page('/start', cookie)
    expect(csrf).toBeTruthy()
    expect((await request('/signout', { method: 'POST', cookie, body: form({}) })).status).toBe(403)
    const res = await request('/signout', { method: 'POST', cookie, body: form({ csrf: csrf! }) })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login')
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0/)
    expect((await request('/start', { cookie })).status).toBe(302)
  })
})

describe('portal home', () => {
  it("lists the signed-in user's accounts and roles", async () => {
    const alice = await page('/start', await signInCookie('alice'))
    expect(alice.res.status).toBe(200)
    for (const name of ['dev', 'staging', 'prod', '111111111111', 'AdministratorAccess', 'ReadOnly']) {
      expect(alice.body).toContain(name)
    }
    expect(alice.body).toContain('Signed in as <strong>alice</strong>')
    const bob = await page('/start', await signInCookie('bob'))
    expect(bob.body).toContain('111111111111')
    expect(bob.body).not.toContain('222222222222')
    expect(bob.body).not.toContain('AdministratorAccess')
  })
})

describe('device pages', () => {
  it('shows the code and the escaped client name, and needs the CSRF token to decide', async () => {
    const device = await pendingDevice('<script>alert(1)</script> & co')
    const cookie = await signInCookie()
    const code = device.userCode!.toLowerCase().replace('-', '')
    const { res, body, csrf } = await page(`/device?user_code=${code}`, cookie)
    expect(res.status).toBe(200)
    expect(body).toContain(device.userCode)
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co')
    expect(body).not.toContain('<script>')

    const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      request('/device', { method: 'POST', cookie, headers, body: form(fields) })
    expect((await post({ user_code: device.userCode!, action: 'allow' })).status).toBe(403)
    expect((await post({ user_code: device.userCode!, action: 'allow', csrf: 'x'.repeat(43) })).status).toBe(
      403,
    )
    expect(
      (
        await post(
          { user_code: device.userCode!, action: 'allow', csrf: csrf! },
          { origin: 'https://evil.example' },
        )
      ).status,
    ).toBe(403)
    expect(emu.controls.pendingDevices().map((d) => d.userCode)).toContain(device.userCode)

    const ok = await post({ user_code: device.userCode!, action: 'allow', csrf: csrf! })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('Request approved')
    expect(emu.state.deviceByUserCode(device.userCode!)).toMatchObject({
      status: 'approved',
      userName: 'alice',
    })

    const again = await page(`/device?user_code=${device.userCode}`, cookie)
    expect(again.res.status).toBe(409)
    expect(again.body).toContain('already approved')
    const twice = await post({ user_code: device.userCode!, action: 'deny', csrf: csrf! })
    expect(twice.status).toBe(409)
  })

  it('answers an unknown code with 404 and the entry form, an expired one with 410', async () => {
    const cookie = await signInCookie()
    const unknown = await page('/device?user_code=ZZZZ-ZZZZ', cookie)
    expect(unknown.res.status).toBe(404)
    expect(unknown.body).toContain('was not recognised')
    expect(unknown.body).toContain('<label for="user_code">')
    expect((await page('/device?user_code=', cookie)).res.status).toBe(400)

    const device = await pendingDevice()
    const { csrf } = await page(`/device?user_code=${device.userCode}`, cookie)
    emu.controls.clock.advance(emu.fixture.lifetimes.deviceCodeSeconds * 1000)
    const expired = await page(`/device?user_code=${device.userCode}`, cookie)
    expect(expired.res.status).toBe(410)
    expect(expired.body).toContain('has expired')
    const late = await request('/device', {
      method: 'POST',
      cookie,
      body: form({ user_code: device.userCode!, action: 'allow', csrf: csrf! }),
    })
    expect(late.status).toBe(410)
    const missing = await request('/device', {
      method: 'POST',
      cookie,
      body: form({ user_code: 'ZZZZ-ZZZZ', action: 'allow', csrf: csrf! }),
    })
    expect(missing.status).toBe(404)
  })

  it('sends a post without a session to sign in, then back to the same code', async () => {
    const res = await request('/device', {
      method: 'POST',
      body: form({ user_code: 'BCDF-GHJK', action: 'allow', csrf: 'nope' }),
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(
      `/login?next=${encodeURIComponent('/device?user_code=BCDF-GHJK')}`,
    )
  })
})

describe('consent pages', () => {
  it('shows client and scopes, then redirects Allow with code + state', async () => {
    const pending = await pendingAuthorization()
    const cookie = await signInCookie('bob')
    const { res, body, csrf } = await page(`/consent?authorization_id=${pending.id}`, cookie)
    expect(res.status).toBe(200)
    expect(body).toContain('botocore-client-pages')
    expect(body).toContain('<code>sso:account:access</code>')
    expect(body).toContain('http://127.0.0.1:45999')
    const post = (fields: Record<string, string>) =>
      request('/consent', { method: 'POST', cookie, body: form({ authorization_id: pending.id, ...fields }) })
    expect((await post({ action: 'allow' })).status).toBe(403)
    const ok = await post({ action: 'allow', csrf: csrf! })
    expect(ok.status).toBe(302)
    const location = new URL(ok.headers.get('location')!)
    expect(location.origin + location.pathname).toBe('http://127.0.0.1:45999/oauth/callback')
    expect(location.searchParams.get('state')).toBe('st-1')
    expect(location.searchParams.get('code')).toBeTruthy()

    const again = await page(`/consent?authorization_id=${pending.id}`, cookie)
    expect(again.res.status).toBe(409)
    expect((await post({ action: 'deny', csrf: csrf! })).status).toBe(409)
  })

  it('answers unknown with 404 and expired with 410, never redirecting', async () => {
    const cookie = await signInCookie()
    const unknown = await page('/consent?authorization_id=az-nope', cookie)
    expect(unknown.res.status).toBe(404)
    const pending = await pendingAuthorization()
    const { csrf } = await page(`/consent?authorization_id=${pending.id}`, cookie)
    emu.controls.clock.advance(emu.fixture.lifetimes.authCodeSeconds * 1000)
    expect((await page(`/consent?authorization_id=${pending.id}`, cookie)).res.status).toBe(410)
    const late = await request('/consent', {
      method: 'POST',
      cookie,
      body: form({ authorization_id: pending.id, action: 'allow', csrf: csrf! }),
    })
    expect(late.status).toBe(410)
    expect(late.headers.get('location')).toBeNull()
  })

  it('does not disturb the API: an unknown GET path is still a JSON 404', async () => {
    const res = await request('/nope')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/json/)
    await register(oidc) // and the API still answers
  })
})

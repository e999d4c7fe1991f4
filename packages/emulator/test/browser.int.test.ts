import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GetRoleCredentialsCommand, ListAccountsCommand, type SSOClient } from '@aws-sdk/client-sso'
import {
  CreateTokenCommand,
  type CreateTokenCommandOutput,
  RegisterClientCommand,
  type SSOOIDCClient,
  type StartDeviceAuthorizationCommandOutput,
} from '@aws-sdk/client-sso-oidc'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningEmulator, startEmulator } from '../src/index.js'
import { CHROMIUM, launchChromium, SKIP_BROWSER, signInWithForm, warnIfSkipped } from './chromium.js'
import { clients, DEVICE_CODE_GRANT, pkcePair, register, startDevice } from './helpers.js'

/*
 * The sign-in, device and consent pages driven by a real Chromium (playwright-core, never a
 * downloaded browser) while real AWS SDK clients run the protocol on the other side.
 *
 * Chromium: /usr/bin/chromium (Debian package; scripts/install-test-tools.sh installs it), or
 * IDC_TEST_CHROMIUM. When it is missing the suite is skipped with a warning, except under CI, where
 * it fails. KEEP_SCREENSHOTS=1 keeps the consent-page screenshot and prints where it is.
 */

warnIfSkipped('browser.int.test.ts')

const TEST_TIMEOUT = 15_000

let browser: Browser
let emu: RunningEmulator
let oidc: SSOOIDCClient
let sso: SSOClient
let context: BrowserContext
let page: Page
let shots: string
/** Loopback listeners opened by the current test; closed after it. */
const listeners: Array<{ close(): Promise<void> }> = []

describe.skipIf(SKIP_BROWSER)(`pages in a real browser (${CHROMIUM})`, { timeout: TEST_TIMEOUT }, () => {
  beforeAll(async () => {
    ;[browser, emu, shots] = await Promise.all([
      launchChromium(),
      startEmulator({ autoApprove: false }),
      mkdtemp(join(tmpdir(), 'idc-emulator-pages-')),
    ])
    ;({ oidc, sso } = clients(emu))
  })
  afterAll(async () => {
    await browser?.close()
    await emu?.stop()
    if (shots && !process.env['KEEP_SCREENSHOTS']) await rm(shots, { recursive: true, force: true })
  })
  beforeEach(async () => {
    emu.controls.reset()
    emu.controls.setAutoApprove(false)
    context = await browser.newContext()
    // Nothing in these tests may leave the machine; an open redirect would show up as this abort.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort('blockedbyclient'))
    page = await context.newPage()
  })
  afterEach(async () => {
    await context?.close()
    await Promise.all(listeners.splice(0).map((l) => l.close()))
  })

  describe('device code', () => {
    it('approves via verificationUriComplete: sign in as alice, Allow, the SDK poll gets a token that works', async () => {
      const reg = await register(oidc)
      const device = await startDevice(emu, oidc, reg)
      const polled = settle(pollLikeTheCli(reg, device))

      await page.goto(device.verificationUriComplete!)
      expect(path(page)).toBe(`/login?next=${encodeURIComponent(`/device?user_code=${device.userCode}`)}`)
      await signInWithForm(page, 'alice', 'alice-password')

      await page.waitForURL(`${emu.url}/device?user_code=${device.userCode}`)
      expect(await heading(page)).toBe('Allow test to access your data?')
      expect(await page.locator('.code').textContent()).toBe(device.userCode)
      await page.getByRole('button', { name: 'Allow' }).click()
      await page.getByRole('heading', { name: 'Request approved' }).waitFor()
      expect(await page.getByRole('status').textContent()).toContain('has been given access as alice')

      const token = await polled.then(unwrap)
      expect(emu.state.deviceByUserCode(device.userCode!)).toMatchObject({
        status: 'redeemed',
        userName: 'alice',
      })
      const creds = await sso.send(
        new GetRoleCredentialsCommand({
          accessToken: token.accessToken!,
          accountId: '222222222222',
          roleName: 'AdministratorAccess',
        }),
      )
      expect(creds.roleCredentials?.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
      expect(emu.controls.calls.count('GetRoleCredentials', '222222222222/AdministratorAccess')).toBe(1)
    })

    it('approves a code typed by hand at /device (lower case, no hyphen), signed in as bob', async () => {
      const reg = await register(oidc)
      const device = await startDevice(emu, oidc, reg)
      const polled = settle(pollLikeTheCli(reg, device))

      await page.goto(device.verificationUri!)
      await signInWithForm(page, 'bob', 'bob-password')
      await page.waitForURL(`${emu.url}/device`)
      expect(await heading(page)).toBe('Authorize request')
      await page.getByLabel('Code').fill(device.userCode!.toLowerCase().replace('-', ''))
      await page.getByRole('button', { name: 'Next' }).click()
      await page.getByRole('heading', { name: 'Allow test to access your data?' }).waitFor()
      expect(await page.locator('.code').textContent()).toBe(device.userCode)
      await page.getByRole('button', { name: 'Allow' }).click()
      await page.getByRole('heading', { name: 'Request approved' }).waitFor()

      const token = await polled.then(unwrap)
      // The token belongs to the user who approved, not to the auto-approve default (alice).
      const accounts = await sso.send(new ListAccountsCommand({ accessToken: token.accessToken! }))
      expect(accounts.accountList?.map((a) => a.accountId)).toEqual(['111111111111'])
      const creds = await sso.send(
        new GetRoleCredentialsCommand({
          accessToken: token.accessToken!,
          accountId: '111111111111',
          roleName: 'ReadOnly',
        }),
      )
      expect(creds.roleCredentials?.secretAccessKey).toHaveLength(40)
    })

    it('Deny makes the next poll fail with AccessDeniedException', async () => {
      const reg = await register(oidc)
      const device = await startDevice(emu, oidc, reg)
      const polled = settle(pollLikeTheCli(reg, device))

      await page.goto(device.verificationUriComplete!)
      await signInWithForm(page, 'alice', 'alice-password')
      await page.getByRole('button', { name: 'Deny' }).click()
      await page.getByRole('heading', { name: 'Request denied' }).waitFor()

      const outcome = await polled
      expect(outcome.error).toMatchObject({ name: 'AccessDeniedException', error: 'access_denied' })
      expect(emu.state.deviceByUserCode(device.userCode!)?.status).toBe('denied')
    })
  })

  describe('authorization code + PKCE', () => {
    it('signs in, shows the consent page, and Allow lands on the loopback listener with code + state', async () => {
      const listener = await loopbackListener()
      const reg = await registerLikeTheCli()
      const { verifier, challenge } = pkcePair()
      const state = randomUUID()

      await page.goto(authorizeUrl(reg.clientId, listener.redirectUri, state, challenge))
      expect(path(page)).toMatch(/^\/login\?next=%2Fconsent%3Fauthorization_id%3D/)
      await signInWithForm(page, 'alice', 'alice-password')
      await page.waitForURL(/\/consent\?authorization_id=/)
      expect(await heading(page)).toBe('Allow botocore-client-browser-test to access your data?')
      expect(await page.locator('ul.scopes').textContent()).toContain('sso:account:access')
      expect(await page.locator('dl.facts').textContent()).toContain(new URL(listener.redirectUri).origin)

      const png = join(shots, 'consent.png')
      await page.screenshot({ path: png, fullPage: true })
      const bytes = await readFile(png)
      expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
      expect(bytes.length).toBeGreaterThan(5_000)
      if (process.env['KEEP_SCREENSHOTS']) console.log(`consent page screenshot: ${png}`)

      await page.getByRole('button', { name: 'Allow' }).click()
      const query = await listener.received
      await page.waitForURL(`${listener.redirectUri}?**`)
      expect(await page.title()).toBe('Amazon Web Services Sign-in')
      expect(query.get('state')).toBe(state)
      expect(query.get('error')).toBeNull()
      const code = query.get('code')!
      expect(code).toBeTruthy()

      const token = await oidc.send(
        new CreateTokenCommand({
          ...reg,
          grantType: 'authorization_code',
          code,
          redirectUri: listener.redirectUri,
          codeVerifier: verifier,
        }),
      )
      expect(token.accessToken).toBeTruthy()
      expect(token.refreshToken).toBeTruthy()
      const accounts = await sso.send(new ListAccountsCommand({ accessToken: token.accessToken! }))
      expect(accounts.accountList).toHaveLength(3)
      expect(emu.controls.calls.count('CreateToken', 'authorization_code')).toBe(1)
    })

    it('Deny lands on the listener with error=access_denied and the same state', async () => {
      const listener = await loopbackListener()
      const reg = await registerLikeTheCli()
      const state = randomUUID()

      await page.goto(authorizeUrl(reg.clientId, listener.redirectUri, state, pkcePair().challenge))
      await signInWithForm(page, 'alice', 'alice-password')
      await page.getByRole('button', { name: 'Deny' }).click()
      const query = await listener.received
      expect(query.get('error')).toBe('access_denied')
      expect(query.get('error_description')).toBeTruthy()
      expect(query.get('state')).toBe(state)
      expect(query.get('code')).toBeNull()
      expect(emu.controls.pendingAuthorizations()).toEqual([])
    })
  })

  describe('safety', () => {
    it('a wrong password shows the error with 401 and does not sign in', async () => {
      await page.goto(`${emu.url}/login`)
      const response = page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith('/login'),
      )
      await signInWithForm(page, 'alice', 'not-her-password')
      expect((await response).status()).toBe(401)
      expect(await page.getByRole('alert').textContent()).toBe('Incorrect user name or password.')
      expect(await page.getByLabel('User name').inputValue()).toBe('alice')
      expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true')
      expect(await context.cookies(emu.url)).toEqual([])
      await page.goto(`${emu.url}/start`)
      expect(path(page)).toBe('/login?next=%2Fstart')
    })

    it('rejects posts without the CSRF token (403), including a cross-origin auto-submitting form', async () => {
      const reg = await register(oidc)
      const device = await startDevice(emu, oidc, reg)
      await page.goto(`${emu.url}/login`)
      await signInWithForm(page, 'alice', 'alice-password')
      await page.waitForURL(`${emu.url}/start`)
      const cookies = await context.cookies(emu.url)
      expect(cookies).toEqual([
        expect.objectContaining({
          name: `idc_emulator_session_${emu.port}`,
          httpOnly: true,
          sameSite: 'Lax',
        }),
      ])

      const plain = await context.request.post(`${emu.url}/device`, {
        form: { user_code: device.userCode!, action: 'allow' },
        maxRedirects: 0,
      })
      expect(plain.status()).toBe(403)

      // Another port on 127.0.0.1 is the same *site*, so SameSite=Lax still sends the cookie: the
      // Origin check and the missing token are what stop this.
      const attacker = await loopbackListener(
        `<!doctype html><html><body><form method="post" action="${emu.url}/device">` +
          `<input name="user_code" value="${device.userCode}"><input name="action" value="allow"></form>` +
          '<script>document.forms[0].submit()</script></body></html>',
      )
      const attacked = page.waitForResponse((r) => r.url() === `${emu.url}/device`)
      await page.goto(attacker.redirectUri)
      expect((await attacked).status()).toBe(403)
      expect(await heading(page)).toBe('Request blocked')
      expect(emu.controls.pendingDevices().map((d) => d.userCode)).toContain(device.userCode)
    })

    it('does not follow an open redirect in next', async () => {
      await page.goto(`${emu.url}/login?next=${encodeURIComponent('https://evil.example/steal')}`)
      await signInWithForm(page, 'alice', 'alice-password')
      await page.waitForURL(`${emu.url}/start`)
      expect(await heading(page)).toBe('AWS access portal')
      expect(await page.locator('ul.accounts > li').count()).toBe(3)
      for (const next of ['//evil.example/', '/\\evil.example', '/.//evil.example/']) {
        await page.goto(`${emu.url}/login?next=${encodeURIComponent(next)}`)
        expect(page.url()).toBe(`${emu.url}/start`)
      }
    })

    it('signs out from the header', async () => {
      await page.goto(`${emu.url}/start`)
      await signInWithForm(page, 'bob', 'bob-password')
      await page.waitForURL(`${emu.url}/start`)
      expect(await page.locator('header').textContent()).toContain('Signed in as bob')
      await page.getByRole('button', { name: 'Sign out' }).click()
      await page.waitForURL(`${emu.url}/login`)
      expect(await context.cookies(emu.url)).toEqual([])
      await page.goto(`${emu.url}/start`)
      expect(path(page)).toBe('/login?next=%2Fstart')
    })
  })
})

// ---------------------------------------------------------------------------------------------- helpers

function path(p: Page): string {
  const url = new URL(p.url())
  return url.pathname + url.search
}

async function heading(p: Page): Promise<string> {
  return ((await p.locator('h1').textContent()) ?? '').trim()
}

type Settled<T> = { value: T; error?: undefined } | { value?: undefined; error: Record<string, unknown> }

/** Keep a background promise from becoming an unhandled rejection while the browser works. */
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ value }),
    (error: Record<string, unknown>) => ({ error }),
  )
}

function unwrap<T>(s: Settled<T>): T {
  if (s.error) throw s.error
  return s.value as T
}

/** The AWS CLI's device loop (§2.5): poll at once, then every `interval`, +5 s on slow_down. */
async function pollLikeTheCli(
  reg: { clientId: string; clientSecret: string },
  device: StartDeviceAuthorizationCommandOutput,
): Promise<CreateTokenCommandOutput> {
  let interval = (device.interval ?? 5) * 1000
  const deadline = Date.now() + TEST_TIMEOUT
  for (;;) {
    try {
      return await oidc.send(
        new CreateTokenCommand({ ...reg, grantType: DEVICE_CODE_GRANT, deviceCode: device.deviceCode! }),
      )
    } catch (err) {
      const name = (err as Error).name
      if (name === 'SlowDownException') interval += 5000
      else if (name !== 'AuthorizationPendingException') throw err
    }
    if (Date.now() + interval > deadline) throw new Error('device authorization still pending')
    await new Promise((r) => setTimeout(r, interval))
  }
}

/** RegisterClient as `aws sso login` does for the authorization-code flow (§2.1, §2.4). */
async function registerLikeTheCli() {
  const r = await oidc.send(
    new RegisterClientCommand({
      clientName: 'botocore-client-browser-test',
      clientType: 'public',
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['http://127.0.0.1/oauth/callback'],
      issuerUrl: emu.startUrl,
      scopes: ['sso:account:access'],
    }),
  )
  return { clientId: r.clientId!, clientSecret: r.clientSecret! }
}

/** The /authorize URL with the CLI's parameter order; code_challenge last and unencoded (§2.4). */
function authorizeUrl(clientId: string, redirectUri: string, state: string, challenge: string): string {
  const enc = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)
  return (
    `${emu.url}/authorize?response_type=code&client_id=${enc(clientId)}&redirect_uri=${enc(redirectUri)}` +
    `&state=${enc(state)}&code_challenge_method=S256&scopes=${enc('sso:account:access')}&code_challenge=${challenge}`
  )
}

/**
 * A loopback listener like the CLI's (§2.4 step 7): every GET on any path gets 200 and a static page;
 * the first query with `code` or `error` is captured. `body` replaces the page (for the CSRF test).
 */
async function loopbackListener(body?: string) {
  let capture: (q: URLSearchParams) => void = () => {}
  const received = new Promise<URLSearchParams>((resolve) => {
    capture = resolve
  })
  const server: Server = createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams
    if (query.has('code') || query.has('error')) capture(query)
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', server: 'AWS CLI/test' })
    res.end(
      body ??
        '<!doctype html><html lang="en"><head><title>Amazon Web Services Sign-in</title></head><body><p>You can close this window.</p></body></html>',
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const listener = {
    redirectUri: `http://127.0.0.1:${port}/oauth/callback`,
    received,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
  listeners.push(listener)
  return listener
}

/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (the DOM types are for the functions this file runs inside the page with page.evaluate)
import { execFile, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import {
  type Credentials,
  credentialVariables,
  formatEnv,
  formatIni,
  formatPowerShell,
  formatWindowsCmd,
} from '@idc/format'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningEmulator, startEmulator } from '../src/index.js'
import { CHROMIUM, CI, launchChromium, SKIP_BROWSER, signInWithForm, warnIfSkipped } from './chromium.js'

/*
 * The access portal after sign-in and its Get-credentials dialog, in a real Chromium: the filter,
 * the account disclosures, the dialog's OS tabs, Copy, the keyboard-only path, axe-core on every
 * page, and the pasted text used for real (bash + botocore against the emulator's STS).
 *
 * Screenshots of the portal and the dialog (light, dark, 360 px) are written to
 * packages/emulator/test-results/screenshots/ (gitignored) on every run, for review.
 */

warnIfSkipped('portal-page.int.test.ts')

const HERE = dirname(fileURLToPath(import.meta.url))
const SHOTS = join(HERE, '..', 'test-results', 'screenshots')
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
// botocore (python3-botocore, scripts/install-test-tools.sh): skipped without it, except under CI.
const HAVE_BOTOCORE = spawnSync('python3', ['-c', 'import botocore.session']).status === 0
const run = promisify(execFile)

const SYSTEMS = [
  { id: 'posix', tab: 'macOS and Linux', env: formatEnv },
  { id: 'windows', tab: 'Windows', env: formatWindowsCmd },
  { id: 'powershell', tab: 'PowerShell', env: formatPowerShell },
] as const

let browser: Browser
let emu: RunningEmulator
let context: BrowserContext
let page: Page
/** Console errors and CSP violations seen by the current test's page; none are allowed. */
let problems: string[]

describe.skipIf(SKIP_BROWSER)(
  `the access portal in a real browser (${CHROMIUM})`,
  { timeout: 60_000 },
  () => {
    beforeAll(async () => {
      ;[browser, emu] = await Promise.all([launchChromium(), startEmulator({ autoApprove: false })])
      mkdirSync(SHOTS, { recursive: true })
    })
    afterAll(async () => {
      await browser?.close()
      await emu?.stop()
    })
    beforeEach(async () => {
      emu.controls.reset()
      emu.controls.setAutoApprove(false)
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: emu.url })
      // Nothing may be loaded from anywhere but the emulator.
      await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort('blockedbyclient'))
      page = await context.newPage()
      problems = []
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text())
      })
      page.on('pageerror', (e) => problems.push(e.message))
    })
    afterEach(async () => {
      await context?.close()
      // A blocked script or style (strict CSP) or a script error shows up here.
      expect(problems.filter((p) => !/the server responded with a status of 4\d\d/.test(p))).toEqual([])
    })

    it('sign in, filter, expand, open Access keys: every tab shows exactly @idc/format’s text for the issued credentials', async () => {
      await signIn(page)
      expect(await page.locator('h1').textContent()).toBe('AWS access portal')
      const response = await page.request.get(`${emu.url}/start`)
      expect(response.headers()['content-security-policy']).toMatch(
        /^default-src 'none'; script-src 'self'; style-src 'self' 'sha256-[A-Za-z0-9+/]+='; /,
      )

      // Accounts: name, id and e-mail; filter by name and by id.
      const accounts = page.locator('[data-account]')
      await expect.poll(() => accounts.count()).toBe(3)
      const dev = page.getByRole('button', { name: 'dev 111111111111 | aws-dev@example.com' })
      await expect.poll(() => dev.isVisible()).toBe(true)
      const filter = page.getByLabel('Filter accounts by name or ID')
      await filter.fill('STAG')
      expect(await visibleAccountNames(page)).toEqual(['staging'])
      expect(await page.locator('#filter-status').textContent()).toBe('1 of 3 accounts shown')
      await filter.fill('3333')
      expect(await visibleAccountNames(page)).toEqual(['prod'])
      await filter.fill('no such account')
      expect(await visibleAccountNames(page)).toEqual([])
      expect(await page.getByText('No accounts match the filter.').isVisible()).toBe(true)
      await filter.fill('dev')
      expect(await visibleAccountNames(page)).toEqual(['dev'])
      await page.screenshot({ path: join(SHOTS, 'portal-filtered.png'), fullPage: true })
      await filter.fill('')
      expect(await visibleAccountNames(page)).toEqual(['dev', 'staging', 'prod'])

      // The disclosure: aria-expanded and the roles region follow it.
      const roles = page.locator('#roles-111111111111')
      expect(await dev.getAttribute('aria-expanded')).toBe('false')
      expect(await roles.isVisible()).toBe(false)
      await dev.click()
      expect(await dev.getAttribute('aria-expanded')).toBe('true')
      expect(await roles.locator('.role-name').allTextContents()).toEqual(['AdministratorAccess', 'ReadOnly'])
      await page.screenshot({ path: join(SHOTS, 'portal.png'), fullPage: true })

      const opener = page.getByRole('button', { name: 'Access keys for ReadOnly in dev' })
      await opener.click()
      const dialog = page.getByRole('dialog', { name: 'Get credentials for ReadOnly' })
      await dialog.waitFor()
      const creds = await issuedCredentials(page, '111111111111', 'ReadOnly')
      expect(await dialog.locator('.expiry time').textContent()).toBe(
        creds.expiration!.toISOString().replace('.000Z', '+00:00'),
      )

      for (const system of SYSTEMS) {
        await dialog.getByRole('tab', { name: system.tab }).click()
        expect(await dialog.getByRole('tab', { name: system.tab }).getAttribute('aria-selected')).toBe('true')
        const panel = dialog.getByRole('tabpanel', { name: system.tab })
        expect(await panel.isVisible()).toBe(true)
        expect(await dialog.getByRole('tabpanel').count()).toBe(1)
        expect(await text(page, `cred-${system.id}-option1`)).toBe(system.env(creds))
        expect(await text(page, `cred-${system.id}-option2`)).toBe(
          formatIni(creds, { profile: '111111111111_ReadOnly' }),
        )
        const values = new Map(credentialVariables(creds))
        expect(await Promise.all([0, 1, 2].map((i) => text(page, `cred-${system.id}-option3-${i}`)))).toEqual(
          [
            values.get('AWS_ACCESS_KEY_ID'),
            values.get('AWS_SECRET_ACCESS_KEY'),
            values.get('AWS_SESSION_TOKEN'),
          ],
        )
        expect(await text(page, `cred-${system.id}-configure`)).toMatch(
          /^aws-idc configure --start-url "?https:\/\/d-1234567890\.awsapps\.com\/start"? --sso-region "?us-east-1"?$/,
        )
        expect(await panel.getByText('AWS IAM Identity Center credentials (Recommended)').isVisible()).toBe(
          true,
        )
        expect(await panel.locator('dd').allTextContents()).toEqual([emu.startUrl, emu.region])
        await page.screenshot({ path: join(SHOTS, `dialog-${system.id}.png`) })
      }
      await dialog.getByRole('tab', { name: 'macOS and Linux' }).click()
      await page.setViewportSize({ width: 1280, height: 2400 })
      await page.screenshot({ path: join(SHOTS, 'dialog-full.png') })
      await page.setViewportSize({ width: 1280, height: 900 })
      expect(await text(page, 'cred-posix-configure')).toBe(
        `aws-idc configure --start-url ${emu.startUrl} --sso-region ${emu.region}`,
      )
      expect(await text(page, 'cred-windows-option1')).toMatch(/^set AWS_ACCESS_KEY_ID=ASIA/)
      expect(await text(page, 'cred-powershell-option1')).toMatch(/^\$Env:AWS_ACCESS_KEY_ID="ASIA/)

      // Each opening issues new credentials through the portal's own GetRoleCredentials code path.
      await page.keyboard.press('Escape')
      expect(await dialog.isVisible()).toBe(false)
      await opener.click()
      await dialog.waitFor()
      const again = await issuedCredentials(page, '111111111111', 'ReadOnly')
      expect(again.accessKeyId).not.toBe(creds.accessKeyId)
    })

    it('Copy puts exactly the shown text on the clipboard and says "Copied"', async () => {
      await signIn(page)
      await page.getByRole('button', { name: /^staging/ }).click()
      await page.getByRole('button', { name: 'Access keys for AdministratorAccess in staging' }).click()
      const dialog = page.getByRole('dialog', { name: 'Get credentials for AdministratorAccess' })
      await dialog.waitFor()
      const creds = await issuedCredentials(page, '222222222222', 'AdministratorAccess')
      for (const system of SYSTEMS) {
        await dialog.getByRole('tab', { name: system.tab }).click()
        const panel = dialog.getByRole('tabpanel', { name: system.tab })
        const expected: Array<[string, string]> = [
          ['the environment variable commands', system.env(creds)],
          ['the credentials file profile', formatIni(creds, { profile: '222222222222_AdministratorAccess' })],
          ['AWS secret access key', creds.secretAccessKey],
          ['AWS session token', creds.sessionToken!],
        ]
        for (const [what, value] of expected) {
          const button = panel.getByRole('button', { name: `Copy ${what}` })
          await button.click()
          await panel.getByRole('button', { name: `Copied ${what}` }).waitFor()
          expect(await clipboard(page)).toBe(value)
        }
      }
      await page.screenshot({ path: join(SHOTS, 'dialog-copied.png') })
    })

    it.skipIf(!HAVE_BOTOCORE && !CI)(
      'Option 1 run in a real bash and Option 2 read by botocore both get through STS GetCallerIdentity',
      async () => {
        await signIn(page)
        await page.getByRole('button', { name: /^dev/ }).click()
        await page.getByRole('button', { name: 'Access keys for ReadOnly in dev' }).click()
        const dialog = page.getByRole('dialog', { name: 'Get credentials for ReadOnly' })
        await dialog.waitFor()
        await dialog.getByRole('button', { name: 'Copy the environment variable commands' }).click()
        const option1 = await clipboard(page)
        await dialog.getByRole('button', { name: 'Copy the credentials file profile' }).click()
        const option2 = await clipboard(page)
        const creds = await issuedCredentials(page, '111111111111', 'ReadOnly')

        const home = mkdtempSync(join(tmpdir(), 'idc-portal-paste-'))
        try {
          const env = {
            PATH: process.env['PATH'] ?? '/usr/bin:/bin',
            HOME: home,
            AWS_CONFIG_FILE: join(home, 'no-config'),
            AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
            AWS_EC2_METADATA_DISABLED: 'true',
          }
          const script = join(home, 'caller.py')
          writeFileSync(script, CALLER_IDENTITY)
          // Option 1 as a person pastes it: the lines run in bash, then a program reads the variables.
          writeFileSync(join(home, 'option1.sh'), option1)
          const viaEnv = await run(
            'bash',
            [
              '-c',
              `set -e; source "$1"; exec python3 "$2" "$3" "$4"`,
              'bash',
              join(home, 'option1.sh'),
              script,
              emu.url,
              emu.region,
            ],
            { env },
          )
          expect(JSON.parse(viaEnv.stdout)).toMatchObject({
            Account: '111111111111',
            Arn: expect.stringMatching(/:assumed-role\/AWSReservedSSO_ReadOnly_[0-9a-f]{16}\/alice$/),
            AccessKey: creds.accessKeyId,
          })

          // Option 2 as a person pastes it into ~/.aws/credentials, used through its profile name.
          writeFileSync(join(home, 'credentials'), option2)
          const viaFile = await run('python3', [script, emu.url, emu.region], {
            env: {
              ...env,
              AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
              AWS_PROFILE: '111111111111_ReadOnly',
            },
          })
          expect(JSON.parse(viaFile.stdout)).toMatchObject({
            Account: '111111111111',
            AccessKey: creds.accessKeyId,
          })

          // The control: the same file with one character of the secret changed is refused by STS.
          writeFileSync(
            join(home, 'credentials'),
            option2.replace(/(aws_secret_access_key = )(.)/, (_, k, c) => k + (c === 'A' ? 'B' : 'A')),
          )
          const tampered = await run('python3', [script, emu.url, emu.region], {
            env: {
              ...env,
              AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
              AWS_PROFILE: '111111111111_ReadOnly',
            },
          }).catch((e: { stderr: string }) => e)
          expect((tampered as { stderr: string }).stderr).toContain('SignatureDoesNotMatch')
        } finally {
          rmSync(home, { recursive: true, force: true })
        }
      },
    )

    it('works from the keyboard alone: sign in, expand, open, switch tabs, copy, Escape', async () => {
      await page.goto(`${emu.url}/start`)
      await page.getByRole('heading', { name: 'Sign in' }).waitFor()
      // The user name field has focus on arrival.
      expect(await focused(page)).toBe('input#username')
      await page.keyboard.type('alice')
      await page.keyboard.press('Tab')
      await page.keyboard.type('alice-password')
      await page.keyboard.press('Enter')
      await page.waitForURL(`${emu.url}/start`)

      await tabUntil(page, 'button#account-222222222222')
      await page.keyboard.press('Enter')
      expect(await page.locator('#account-222222222222').getAttribute('aria-expanded')).toBe('true')
      await page.keyboard.press('Space')
      expect(await page.locator('#account-222222222222').getAttribute('aria-expanded')).toBe('false')
      await page.keyboard.press('Enter')
      await tabUntil(
        page,
        'button[data-credentials-url*="role_name=ReadOnly"][data-credentials-url*="222222222222"]',
      )
      await page.keyboard.press('Enter')
      const dialog = page.getByRole('dialog', { name: 'Get credentials for ReadOnly' })
      await dialog.waitFor()
      // Focus moved into the dialog, onto the selected tab.
      await expect.poll(() => focused(page)).toBe('button#cred-posix-tab')

      await page.keyboard.press('ArrowRight')
      expect(await focused(page)).toBe('button#cred-windows-tab')
      expect(await dialog.getByRole('tabpanel', { name: 'Windows' }).isVisible()).toBe(true)
      await page.keyboard.press('ArrowRight')
      expect(await focused(page)).toBe('button#cred-powershell-tab')
      await page.keyboard.press('ArrowRight')
      expect(await focused(page)).toBe('button#cred-posix-tab')
      await page.keyboard.press('End')
      expect(await focused(page)).toBe('button#cred-powershell-tab')
      expect(await dialog.getByRole('tabpanel', { name: 'PowerShell' }).isVisible()).toBe(true)

      // Tab from the tab list goes into the panel: the configure command's Copy, then Option 1's.
      await page.keyboard.press('Tab')
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
        'Copy the environment variable commands',
      )
      await page.keyboard.press('Enter')
      const creds = await issuedCredentials(page, '222222222222', 'ReadOnly')
      await expect.poll(() => clipboard(page)).toBe(formatPowerShell(creds))
      await dialog.getByRole('button', { name: 'Copied the environment variable commands' }).waitFor()

      // Tab stays inside the dialog, both ways round.
      const inside = () => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'))
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press('Tab')
        expect(await inside()).toBe(true)
      }
      await tabUntil(page, 'button.close')
      await page.keyboard.press('Shift+Tab')
      expect(await inside()).toBe(true)
      await page.keyboard.press('Tab')
      expect(await focused(page)).toBe('button.close')
      await page.keyboard.press('Shift+Tab')
      await page.keyboard.press('Tab')
      expect(await focused(page)).toBe('button.close')

      // Escape closes it and focus returns to the button that opened it.
      await page.keyboard.press('Escape')
      expect(await dialog.isVisible()).toBe(false)
      expect(
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['credentialsUrl']),
      ).toBe('/start/credentials?account_id=222222222222&role_name=ReadOnly')
    })

    it('axe-core finds no serious or critical violation on any page, light and dark', async () => {
      const checked: string[] = []
      const check = async (name: string) => {
        await page.evaluate(AXE)
        const result = await page.evaluate(async () => {
          // biome-ignore lint/suspicious/noExplicitAny: axe is injected above, without types in the page
          const axe = (window as any).axe
          const r = await axe.run(document, { resultTypes: ['violations'] })
          return r.violations.map(
            (v: { id: string; impact: string; nodes: Array<{ target: string[] }> }) => ({
              id: v.id,
              impact: v.impact,
              targets: v.nodes.map((n) => n.target.join(' ')),
            }),
          )
        })
        const bad = (result as Array<{ impact: string }>).filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        )
        expect(bad, `axe on ${name}`).toEqual([])
        checked.push(name)
      }

      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme })
        await context.clearCookies()
        await page.goto(`${emu.url}/login`)
        await check(`sign-in (${scheme})`)
        await signInWithForm(page, 'alice', 'wrong')
        await page.locator('.alert').waitFor()
        await check(`sign-in error (${scheme})`)
        await signInWithForm(page, 'alice', 'alice-password')
        await page.waitForURL(`${emu.url}/start`)
        await check(`portal (${scheme})`)
        await page.getByRole('button', { name: /^dev/ }).click()
        await check(`portal, account expanded (${scheme})`)
        await page.getByRole('button', { name: 'Access keys for ReadOnly in dev' }).click()
        const dialog = page.getByRole('dialog', { name: 'Get credentials for ReadOnly' })
        await dialog.waitFor()
        for (const system of SYSTEMS) {
          await dialog.getByRole('tab', { name: system.tab }).click()
          await check(`dialog, ${system.tab} (${scheme})`)
        }
        await page.screenshot({ path: join(SHOTS, `dialog-${scheme}.png`) })
        await page.keyboard.press('Escape')
        await page.goto(`${emu.url}/start/credentials?account_id=333333333333&role_name=ReadOnly`)
        await check(`credentials page (${scheme})`)
        await page.goto(`${emu.url}/start/credentials?account_id=333333333333&role_name=AdministratorAccess`)
        await check(`no-access error (${scheme})`)

        const device = emu.state.startDeviceAuthorization({
          ...registered(),
          startUrl: emu.startUrl,
        })
        await page.goto(`${emu.url}/device`)
        await check(`device code entry (${scheme})`)
        await page.goto(`${emu.url}/device?user_code=ZZZZ-ZZZZ`)
        await check(`device code not recognised (${scheme})`)
        await page.goto(`${emu.url}/device?user_code=${device.userCode}`)
        await check(`device confirmation (${scheme})`)
        await page.getByRole('button', { name: 'Allow' }).click()
        await page.getByRole('heading', { name: 'Request approved' }).waitFor()
        await check(`device approved (${scheme})`)
        await page.goto(`${emu.url}/device?user_code=${device.userCode}`)
        await check(`device already decided (${scheme})`)

        const pending = emu.state.startAuthorization({
          clientId: registered(['authorization_code', 'refresh_token']).clientId,
          redirectUri: 'http://127.0.0.1:9/oauth/callback',
          state: 'axe',
          codeChallenge: 'x'.repeat(43),
          scopes: ['sso:account:access'],
        })
        if (pending.kind !== 'pending') throw new Error('expected a pending authorization')
        await page.goto(`${emu.url}/consent?authorization_id=${pending.id}`)
        await check(`consent (${scheme})`)
        await page.goto(`${emu.url}/consent?authorization_id=nope`)
        await check(`consent request not found (${scheme})`)
      }
      expect(checked).toHaveLength(2 * 16)
    })

    it('is readable at 360 px wide: nothing wider than the screen, light and dark', async () => {
      await page.setViewportSize({ width: 360, height: 780 })
      await signIn(page)
      await page.getByRole('button', { name: /^dev/ }).click()
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(await overflow()).toBeLessThanOrEqual(0)
      await page.screenshot({ path: join(SHOTS, 'portal-360.png'), fullPage: true })
      await page.getByRole('button', { name: 'Access keys for AdministratorAccess in dev' }).click()
      const dialog = page.getByRole('dialog', { name: 'Get credentials for AdministratorAccess' })
      await dialog.waitFor()
      const box = await dialog.boundingBox()
      expect(box!.x).toBeGreaterThanOrEqual(0)
      expect(box!.x + box!.width).toBeLessThanOrEqual(360)
      const wide = await dialog.evaluate((d) =>
        [...d.querySelectorAll('pre, [role="tablist"], .snippet-bar')]
          .filter((e) => e.scrollWidth > e.clientWidth + 1)
          .map((e) => e.id || e.className),
      )
      expect(wide).toEqual([])
      await page.screenshot({ path: join(SHOTS, 'dialog-360.png') })
      await page.emulateMedia({ colorScheme: 'dark' })
      await page.screenshot({ path: join(SHOTS, 'dialog-360-dark.png') })
      await page.keyboard.press('Escape')
      await page.screenshot({ path: join(SHOTS, 'portal-360-dark.png'), fullPage: true })
    })
  },
)

// ---------------------------------------------------------------------------------------------- helpers

/** botocore's own credential chain (env, then the shared credentials file) calling the emulator's STS. */
const CALLER_IDENTITY = `import json, sys
import botocore.session
session = botocore.session.get_session()
creds = session.get_credentials()
client = session.create_client('sts', region_name=sys.argv[2], endpoint_url=sys.argv[1])
identity = client.get_caller_identity()
print(json.dumps({'Account': identity['Account'], 'Arn': identity['Arn'], 'AccessKey': creds.access_key}))
`

async function signIn(p: Page): Promise<void> {
  await p.goto(`${emu.url}/start`)
  await signInWithForm(p, 'alice', 'alice-password')
  await p.waitForURL(`${emu.url}/start`)
}

function registered(grantTypes?: string[]) {
  const client = emu.state.registerClient({
    clientName: 'axe-check',
    scopes: ['sso:account:access'],
    ...(grantTypes ? { grantTypes, redirectUris: ['http://127.0.0.1/oauth/callback'] } : {}),
  })
  return { clientId: client.clientId, clientSecret: client.clientSecret }
}

async function visibleAccountNames(p: Page): Promise<string[]> {
  return p.locator('[data-account]:visible .account-name').allTextContents()
}

/** The exact text of an element (what Copy copies). */
async function text(p: Page, id: string): Promise<string | null> {
  return p.locator(`#${id}`).evaluate((e) => e.textContent)
}

async function clipboard(p: Page): Promise<string> {
  return p.evaluate(() => navigator.clipboard.readText())
}

/** The credentials the emulator issued for the open dialog, found by the access key id it shows. */
async function issuedCredentials(p: Page, accountId: string, roleName: string): Promise<Credentials> {
  const shown = await p.locator('#cred-posix-option3-0').evaluate((e) => e.textContent ?? '')
  const issued = emu.state.roleCredentials.get(shown)
  expect(issued).toMatchObject({ accountId, roleName, userName: 'alice' })
  return {
    accessKeyId: issued!.accessKeyId,
    secretAccessKey: issued!.secretAccessKey,
    sessionToken: issued!.sessionToken,
    expiration: new Date(issued!.expiration),
    accountId: issued!.accountId,
  }
}

/** A CSS description of the focused element: tag#id, or tag.class. */
async function focused(p: Page): Promise<string> {
  return p.evaluate(() => {
    const e = document.activeElement
    if (!e) return ''
    const tag = e.tagName.toLowerCase()
    return e.id ? `${tag}#${e.id}` : e.classList.length ? `${tag}.${[...e.classList].join('.')}` : tag
  })
}

/** Presses Tab until the element matching `selector` has focus (bounded: 60 presses). */
async function tabUntil(p: Page, selector: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await p.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
    await p.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${selector} (focus is on ${await focused(p)})`)
}

import { existsSync } from 'node:fs'
import { type Browser, chromium, type Page } from 'playwright-core'

/*
 * The real browser of the page tests: Debian chromium at /usr/bin/chromium (scripts/install-test-tools.sh
 * installs it) or IDC_TEST_CHROMIUM, driven by playwright-core, which never downloads a browser. Without
 * it the suites skip with a warning, except under CI, where they fail.
 */

export const CHROMIUM = process.env['IDC_TEST_CHROMIUM'] || '/usr/bin/chromium'
export const HAVE_CHROMIUM = existsSync(CHROMIUM)
export const CI = !!process.env['CI'] && process.env['CI'] !== 'false' && process.env['CI'] !== '0'
export const SKIP_BROWSER = !HAVE_CHROMIUM && !CI

export function warnIfSkipped(file: string): void {
  if (!SKIP_BROWSER) return
  console.warn(
    `${file}: SKIPPED, no browser at ${CHROMIUM}. Install it with scripts/install-test-tools.sh ` +
      '(or set IDC_TEST_CHROMIUM). Under CI these tests fail instead of skipping.',
  )
}

export async function launchChromium(): Promise<Browser> {
  if (!HAVE_CHROMIUM) {
    throw new Error(
      `CI is set but there is no browser at ${CHROMIUM}: run scripts/install-test-tools.sh (apt-get install chromium)`,
    )
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export async function signInWithForm(p: Page, user: string, password: string): Promise<void> {
  await p.getByRole('heading', { name: 'Sign in' }).waitFor()
  await p.getByLabel('User name').fill(user)
  await p.getByLabel('Password').fill(password)
  await p.getByRole('button', { name: 'Sign in' }).click()
}

// The built site as a reader gets it: served over HTTP from .vitepress/dist (built by `pnpm build`,
// which turbo runs before the tests), opened in headless Chromium. Every page loads with no console
// error and no failed request, axe-core finds no serious or critical violation, and the local search
// finds `credential_process`.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { extname, join, relative } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docsRoot } from './fences.js'

const CHROMIUM = '/usr/bin/chromium'
const dist = join(docsRoot, '.vitepress', 'dist')
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}
const htmlPages = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? htmlPages(join(dir, e.name))
      : e.name.endsWith('.html') && e.name !== '404.html'
        ? [join(dir, e.name)]
        : [],
  )

// Fails (not skips) under CI when the browser or the build is missing: the suite must not pass empty.
const missing = !existsSync(CHROMIUM)
  ? `no browser at ${CHROMIUM} (scripts/install-test-tools.sh)`
  : !existsSync(dist)
    ? 'the site is not built (pnpm build)'
    : ''

let server: Server
let base: string
let browser: Browser

describe.skipIf(missing !== '' && !process.env.CI)('the built site in Chromium', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    if (missing) throw new Error(missing)
    // A static file server, as any host serves the site (VitePress's preview server would do the same).
    server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
      let file = join(dist, path)
      if (!file.startsWith(dist)) return void res.writeHead(403).end()
      if (existsSync(join(file, 'index.html'))) file = join(file, 'index.html')
      else if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`
      if (!existsSync(file)) return void res.writeHead(404).end('not found')
      res
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(readFileSync(file))
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await chromium.launch({
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
  })
  afterAll(async () => {
    await browser?.close()
    await new Promise((r) => server?.close(r))
  })

  it('every page: no console error, no failed request, no serious axe violation', async () => {
    const problems: string[] = []
    const pages = htmlPages(dist)
    expect(pages.length).toBeGreaterThan(5)
    const context = await browser.newContext()
    // Nothing may leave the machine; the site must not need anything from elsewhere.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort('blockedbyclient'))
    for (const file of pages) {
      const url = `${base}/${relative(dist, file)}`
      const page = await context.newPage()
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`${url}: console error: ${m.text()}`)
      })
      page.on('pageerror', (e) => problems.push(`${url}: ${e.message}`))
      page.on('requestfailed', (r) => problems.push(`${url}: request failed: ${r.url()}`))
      const res = await page.goto(url, { waitUntil: 'networkidle' })
      if (res?.status() !== 200) problems.push(`${url}: HTTP ${res?.status()}`)
      await page.addScriptTag({ content: axeSource })
      const violations = await page.evaluate(async () => {
        // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global.
        const result = await (globalThis as any).axe.run((globalThis as any).document, {
          resultTypes: ['violations'],
        })
        return result.violations
          .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
          .map(
            (v: { id: string; nodes: { target: string[] }[] }) =>
              `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
          )
      })
      for (const v of violations) problems.push(`${url}: axe: ${v}`)
      await page.close()
    }
    await context.close()
    expect(problems).toEqual([])
  })

  it('the search box finds credential_process', async () => {
    const page = await browser.newPage()
    await page.goto(`${base}/index.html`, { waitUntil: 'networkidle' })
    await page
      .getByRole('button', { name: /search/i })
      .first()
      .click()
    // The search box is loaded on first use: type once its input is there.
    await page.locator('#localsearch-input').fill('credential_process')
    const hit = page.locator('.VPLocalSearchBox .result').first()
    await hit.waitFor({ timeout: 10_000 })
    expect(await page.locator('.VPLocalSearchBox .results').textContent()).toMatch(/credential_process/)
    // The first hit leads to a page that has it.
    await hit.click()
    await page.waitForLoadState('networkidle')
    expect(await page.locator('main').textContent()).toMatch(/credential.process/)
    await page.close()
  })
})

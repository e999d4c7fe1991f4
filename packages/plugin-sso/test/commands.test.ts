import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isHeadless, openBrowser } from '@idc/cli-kit'
import { runCommand } from '@oclif/test'
import { describe, expect, it } from 'vitest'
import { profileSummary } from '../src/commands/sessions.js'

const root = join(import.meta.dirname, '..')
const run = (args: string[]) => runCommand(args, { root })
const exitOf = (error: unknown) => (error as { oclif?: { exit?: number } } | undefined)?.oclif?.exit

describe('help', () => {
  it.each(['login', 'logout', 'sessions'])('%s --help shows usage and examples', async (id) => {
    const { stdout, error } = await run([id, '--help'])
    expect(error).toBeUndefined()
    expect(stdout).toContain('USAGE')
    expect(stdout).toContain('EXAMPLES')
  })

  it('login documents the flow flags', async () => {
    const { stdout } = await run(['login', '--help'])
    for (const f of ['--use-device-code', '--[no-]browser', '--force', '--sso-session', '--start-url']) {
      expect(stdout).toContain(f)
    }
  })
})

describe('flag parsing', () => {
  it('login --start-url needs a region (exit 2, hint names --region)', async () => {
    const { stderr, error } = await run(['login', '--start-url', 'https://x.awsapps.com/start'])
    expect(exitOf(error)).toBe(2)
    expect(stderr).toContain('hint: Add --region <region>')
  })

  it('logout --all excludes --sso-session', async () => {
    const { error } = await run(['logout', '--all', '--sso-session', 'corp'])
    expect(exitOf(error)).toBe(2)
  })
})

describe('headless detection', () => {
  it.each([
    [{ SSH_CONNECTION: '1.2.3.4 5 6.7.8.9 22', DISPLAY: ':0' }, 'linux', true],
    [{ CI: 'true' }, 'darwin', true],
    [{}, 'linux', true],
    [{ WAYLAND_DISPLAY: 'wayland-0' }, 'linux', false],
    [{}, 'darwin', false],
    [{ CI: 'false' }, 'win32', false],
  ] as const)('%j on %s -> %s', (env, platform, expected) => {
    expect(isHeadless(env, platform)).toBe(expected)
  })
})

describe('openBrowser', () => {
  it('honours $BROWSER with %s', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'idc-browser-'))
    const script = join(dir, 'browser.sh')
    const out = join(dir, 'url.txt')
    await writeFile(script, `#!/bin/sh\nprintf '%s' "$2" > ${out}\n`)
    await chmod(script, 0o755)
    expect(await openBrowser('https://example.test/?a=1&b=2', { BROWSER: `${script} --new-tab %s` })).toBe(
      true,
    )
    for (let i = 0; i < 50; i++) {
      const text = await readFile(out, 'utf8').catch(() => '')
      if (text) {
        expect(text).toBe('https://example.test/?a=1&b=2')
        return
      }
      await new Promise((r) => setTimeout(r, 20))
    }
    throw new Error('browser script did not run')
  })

  it('BROWSER=none opens nothing', async () => {
    expect(await openBrowser('https://example.test', { BROWSER: 'none' })).toBe(false)
  })
})

// Issue 10 item 6: a sessions row fits the terminal with hundreds of profiles.
describe('sessions profile summary', () => {
  const many = Array.from({ length: 198 }, (_, i) => `Team-${String(i).padStart(3, '0')}-ReadOnly`)
  it('lists all names that fit, else the count and the first names that fit', () => {
    expect(profileSummary(['dev', 'dev-admin'], 20)).toBe('dev, dev-admin')
    expect(profileSummary(many, 40)).toBe('198: Team-000-ReadOnly, …')
    expect(profileSummary(many, 60)).toBe('198: Team-000-ReadOnly, Team-001-ReadOnly, …')
    expect(profileSummary(many, 10)).toBe('198 profiles')
    for (const width of [8, 30, 80, 200])
      expect(profileSummary(many, width).length).toBeLessThanOrEqual(Math.max(width, 12))
  })
})

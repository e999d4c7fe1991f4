import { chmod, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sandbox } from '@idc/emulator/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { CONFIG, cli, login, modes, sandbox } from './helpers.js'

let box: Sandbox | undefined
afterEach(async () => {
  await box?.cleanup()
  box = undefined
})

describe('permissions: every file we create is 0600 and every directory 0700, also under umask 000', () => {
  it('configure, login, creds --write-profile, populate, logout under umask 000', async () => {
    box = await sandbox({ config: undefined })
    await rm(join(box.home, '.aws'), { recursive: true, force: true })
    const u = { umask: '000' }
    const configure = await cli(
      [
        'configure',
        '--non-interactive',
        '--sso-session',
        'my-sso',
        '--start-url',
        'https://d-1234567890.awsapps.com/start',
        '--sso-region',
        'us-east-1',
        '--profile',
        'dev',
        '--account-id',
        '111111111111',
        '--role-name',
        'ReadOnly',
      ],
      box.env,
      u,
    )
    expect(configure.code, configure.stderr).toBe(0)
    const steps = [
      ['login', '--profile', 'dev', '--use-device-code', '--no-browser'],
      ['creds', '--profile', 'dev', '--write-profile', 'w'],
      ['populate', '--sso-session', 'my-sso'],
    ]
    for (const step of steps) {
      const r = await cli(step, box.env, u)
      expect(r.code, `${step.join(' ')}: ${r.stderr}`).toBe(0)
    }
    const seen = await modes(join(box.home, '.aws'))
    expect(seen.length).toBeGreaterThan(5)
    const wrong = seen.filter((e) => e.mode !== (e.dir ? 0o700 : 0o600))
    expect(wrong.map((e) => `${e.path} ${e.mode.toString(8)}`)).toEqual([])
  })
})

describe('bad input: one line, the right exit code, nothing lost', () => {
  const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))

  it('binary garbage as the config: exit 6, one line naming the file, file untouched', async () => {
    box = await sandbox()
    await writeFile(box.configFile, garbage)
    const r = await cli(['creds', '--profile', 'dev'], box.env)
    expect(r.code).toBe(6)
    expect(r.stderr).toContain(box.configFile)
    expect(r.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(2)
    expect(Buffer.compare(await readFile(box.configFile), garbage)).toBe(0)
  })

  it('a 10 MB config and 10 MB garbage in the token cache: clear errors, no hang, files kept', async () => {
    box = await sandbox({ config: `${CONFIG}\n${'# padding\n'.repeat(1_000_000)}` })
    await login(box)
    const { tokenFiles } = await import('./helpers.js')
    const [file] = await tokenFiles(box.home)
    const big = Buffer.alloc(10 * 1024 * 1024, 0x41)
    await writeFile(file!, big)
    const r = await cli(['creds', '--profile', 'dev'], box.env)
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/is not valid JSON/)
    expect((await readFile(file!)).length).toBe(big.length)
    const roleDir = join(box.home, '.aws', 'cli', 'cache')
    await mkdir(roleDir, { recursive: true })
  })

  it('a dangling symlinked credentials file is written through to its target, the link kept', async () => {
    box = await sandbox()
    await login(box)
    const target = join(box.home, 'dotfiles', 'aws-credentials')
    await rm(box.credentialsFile, { force: true })
    await symlink(target, box.credentialsFile)
    const r = await cli(['creds', '--profile', 'dev', '--write-profile', 'linked'], box.env)
    expect(r.code, r.stderr).toBe(0)
    const { lstat } = await import('node:fs/promises')
    expect((await lstat(box.credentialsFile)).isSymbolicLink()).toBe(true)
    expect(await readFile(target, 'utf8')).toContain('[linked]')
  })

  it('a read-only credentials file: exit 1, one line, file unchanged', async () => {
    box = await sandbox({
      credentials: '[keep]\naws_access_key_id = AKIAKEEP\naws_secret_access_key = keep\n',
    })
    await login(box)
    await chmod(join(box.home, '.aws'), 0o500)
    try {
      const r = await cli(['creds', '--profile', 'dev', '--write-profile', 'ro'], box.env)
      if (process.getuid?.() === 0) return // root writes anyway: nothing to assert
      expect(r.code).toBe(1)
      expect(r.stderr).toContain(box.credentialsFile)
      expect(await readFile(box.credentialsFile, 'utf8')).not.toContain('[ro]')
    } finally {
      await chmod(join(box.home, '.aws'), 0o700)
    }
  })

  it('a full disk (64 KB tmpfs, where mountable): the disk is named, never "sign in again", nothing torn', async (ctx) => {
    const { execFileSync } = await import('node:child_process')
    box = await sandbox()
    await login(box)
    const cache = join(box.home, '.aws', 'cli', 'cache')
    await mkdir(cache, { recursive: true })
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', cache], { stdio: 'ignore' })
    } catch {
      ctx.skip() // not root, or no tmpfs here: noted in docs/reliability.md
      return
    }
    try {
      await writeFile(join(cache, 'filler'), Buffer.alloc(64 * 1024)).catch(() => {})
      const r = await cli(['creds', '--profile', 'dev'], box.env)
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/ENOSPC|disk is full/)
      expect(r.stderr).not.toMatch(/sign in again/i)
    } finally {
      execFileSync('umount', [cache])
    }
  })

  it('a full disk while refreshing the token: "the disk is full" (exit 1), not "sign in again", the old token file intact', async (ctx) => {
    const { execFileSync } = await import('node:child_process')
    const { expireTokens, fillDisk, ssoCacheOnTmpfs, tokenFiles } = await import('./helpers.js')
    box = await sandbox()
    await login(box)
    await expireTokens(box.home)
    const cache = await ssoCacheOnTmpfs(box)
    if (!cache) return ctx.skip() // not root, or no tmpfs here: noted in docs/reliability.md
    try {
      const [file] = await tokenFiles(box.home)
      const before = await readFile(file!, 'utf8')
      fillDisk(cache)
      const r = await cli(['creds', '--profile', 'dev'], box.env)
      expect(r.code, r.stderr).toBe(1)
      expect(r.stderr).toContain('the disk is full')
      expect(r.stderr).not.toMatch(/sign in again/i)
      expect(await readFile(file!, 'utf8')).toBe(before)
    } finally {
      execFileSync('umount', [cache])
    }
  })
})

// @idc/node as applications consume it: the built package (dist/), resolved through node_modules
// like a workspace or registry install, from an ESM and a CommonJS project, in real child processes.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login } from '../src/index.js'
import { CONFIG, openInBrowser, type Sandbox, sandbox } from './harness.js'

const run = promisify(execFile)
const PACKAGE_DIR = join(import.meta.dirname, '..')
const FIXTURES = join(import.meta.dirname, 'fixtures')

interface Ran {
  code: number
  stdout: string
  stderr: string
}

async function node(args: string[], cwd: string, env: Record<string, string>): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd, env, timeout: 30_000 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

/** What `pnpm install` does for a `workspace:` dependency: node_modules/@idc/node -> packages/node. */
async function linkPackage(fixture: string): Promise<void> {
  const scope = join(FIXTURES, fixture, 'node_modules', '@idc')
  await mkdir(scope, { recursive: true })
  await rm(join(scope, 'node'), { recursive: true, force: true })
  await symlink(PACKAGE_DIR, join(scope, 'node'), 'junction')
}

let box: Sandbox
let childEnv: Record<string, string>

beforeAll(async () => {
  if (!existsSync(join(PACKAGE_DIR, 'dist', 'index.js')))
    throw new Error('packages/node/dist is missing: run `pnpm --filter @idc/node build` first')
  await linkPackage('esm')
  await linkPackage('cjs')
  box = await sandbox()
  await login({ profile: 'dev', env: box.env, onAuthorizeUrl: openInBrowser })
  childEnv = { ...box.env, EMULATOR_URL: box.emu.url, IDC_PROFILE: 'dev' }
})

afterAll(async () => {
  await box?.cleanup()
  for (const fixture of ['esm', 'cjs'])
    await rm(join(FIXTURES, fixture, 'node_modules'), { recursive: true, force: true })
})

describe.each(['esm', 'cjs'] as const)('%s consumer', (kind) => {
  it('signs STS GetCallerIdentity with fromIdentityCenter, with nothing on stderr', async () => {
    const before = box.emu.controls.calls.count('GetCallerIdentity')
    const res = await node(['main.js'], join(FIXTURES, kind), childEnv)
    expect(res.stderr).toBe('') // no ExperimentalWarning for require(esm) on Node >= 20.19, no SDK warning
    expect(res.code).toBe(0)
    const out = JSON.parse(res.stdout)
    expect(out).toMatchObject({ kind, account: '111111111111' })
    expect(out.arn).toMatch(/assumed-role\/AWSReservedSSO_ReadOnly_[0-9a-f]+\/alice$/)
    expect(box.emu.controls.calls.count('GetCallerIdentity')).toBe(before + 1)
  })

  it('without a sign-in, the error is an IdcError (recognised by IdcError.is) naming the login command', async () => {
    const home = await mkdtemp(join(tmpdir(), 'idc-node-nologin-'))
    try {
      await mkdir(join(home, '.aws'))
      await writeFile(join(home, '.aws', 'config'), CONFIG)
      const env = { ...childEnv, HOME: home, AWS_CONFIG_FILE: join(home, '.aws', 'config') }
      const res = await node(['main.js'], join(FIXTURES, kind), env)
      expect(res.code).toBe(1)
      const out = JSON.parse(res.stdout)
      expect(out.error).toMatchObject({ code: 'token-missing' })
      expect(out.error.hint).toContain('aws-idc login --profile dev')
    } finally {
      await rm(home, { recursive: true, force: true })
    }
  })
})

describe('import', () => {
  it('loads no AWS SDK module and does nothing until called', async () => {
    const script = `
      const m = await import('@idc/node')
      const sdk = globalThis.__resolved.filter((s) => s.includes('@aws-sdk/') || s.includes('@smithy/'))
      console.log(JSON.stringify({ exports: Object.keys(m).sort(), sdk }))
    `
    const res = await node(
      ['--import', join(import.meta.dirname, 'import-hook.mjs'), '--input-type=module', '-e', script],
      join(FIXTURES, 'esm'),
      childEnv,
    )
    expect(res.stderr).toBe('')
    const out = JSON.parse(res.stdout)
    expect(out.sdk).toEqual([])
    expect(out.exports).toEqual([
      'DEFAULT_REFRESH_WINDOW_MS',
      'IdcError',
      'fromIdentityCenter',
      'getCredentials',
      'listAccounts',
      'listAccountsAndRoles',
      'listRoles',
      'login',
      'logout',
    ])
  })

  it('require() returns the same named exports in CommonJS', async () => {
    const res = await node(
      ['-e', `console.log(JSON.stringify(Object.keys(require('@idc/node')).sort()))`],
      join(FIXTURES, 'cjs'),
      childEnv,
    )
    expect(res.stderr).toBe('')
    expect(JSON.parse(res.stdout)).toContain('fromIdentityCenter')
  })
})

import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliRoot, isolatedEnv, runCli } from './helpers.js'

const pkg = JSON.parse(readFileSync(join(cliRoot, 'package.json'), 'utf8')) as { version: string }

const COMMANDS = [
  'login',
  'logout',
  'sessions',
  'creds',
  'credential-process',
  'exec',
  'whoami',
  'configure',
  'populate',
  'accounts',
  'roles',
  'doctor',
  'plugins',
  'autocomplete',
]

describe('aws-idc as a process', () => {
  it('--version prints the version', () => {
    const r = runCli(['--version'])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`^aws-idc/${pkg.version.replaceAll('.', '\\.')} `))
  })

  it('--help lists every command', () => {
    const r = runCli(['--help'])
    expect(r.status).toBe(0)
    for (const id of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${id} `, 'm'))
  })

  it('an unknown flag is one error line + hint, exit 2 (through the fast-path fallback)', () => {
    const r = runCli(['credential-process', '--bogus'])
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      'error: Nonexistent flag: --bogus\nhint: See `aws-idc credential-process --help`.\n',
    )
  })

  it('--json errors go to stdout', () => {
    const r = runCli(['creds', '--start-url', 'https://x.awsapps.com/start', '--json'])
    expect(r.status).toBe(2)
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        code: 'invalid-argument',
        message: '--start-url needs the IAM Identity Center region.',
        hint: 'Add --sso-region <region>, e.g. --sso-region us-east-1.',
      },
    })
  })

  // The fast path against the emulator (warm, cold, errors, what it loads): test/fast-path.test.ts.
})

describe('help output', () => {
  it.each(COMMANDS.filter((c) => c !== 'plugins' && c !== 'autocomplete'))('%s --help', (id) => {
    const r = runCli([id, '--help'])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatchSnapshot()
  })
})

describe('README', () => {
  it('the command reference and exit codes match the code (pnpm readme)', () => {
    expect(() =>
      execFileSync(process.execPath, [join(cliRoot, 'scripts', 'check-readme.mjs')], {
        encoding: 'utf8',
        stdio: 'pipe',
      }),
    ).not.toThrow()
  })
})

describe('plugins link', () => {
  const pluginDir = join(cliRoot, '..', '..', 'packages', 'plugin-profiles')

  it('links a plugin into aws-idc in a temporary HOME', () => {
    const env = isolatedEnv()
    const link = runCli(['plugins', 'link', pluginDir, '--no-install'], { env })
    expect(link.stderr).not.toMatch(/error/i)
    expect(link.status).toBe(0)
    const list = runCli(['plugins', '--json'], { env })
    expect(list.status).toBe(0)
    const plugins = JSON.parse(list.stdout) as { name: string; type: string }[]
    expect(plugins).toContainEqual(expect.objectContaining({ name: '@idc/plugin-profiles', type: 'link' }))
    expect(env['XDG_DATA_HOME']).toContain(env['HOME'])
  })

  it('works alone: a CLI without the aws-idc plugins gets its commands by linking it', () => {
    const env = isolatedEnv()
    const bin = join(import.meta.dirname, 'fixtures', 'bare-cli', 'bin', 'run.js')
    expect(runCli(['--help'], { env, bin }).stdout).not.toContain('populate')
    const link = runCli(['plugins', 'link', pluginDir, '--no-install'], { env, bin })
    expect(link.status).toBe(0)
    const help = runCli(['--help'], { env, bin })
    for (const id of ['configure', 'populate', 'accounts', 'roles', 'doctor'])
      expect(help.stdout).toContain(id)
    const usage = runCli(['populate'], { env, bin })
    expect(usage.status).toBe(2)
    expect(usage.stderr).toMatch(/^error: .*sso-session/)
  })
})

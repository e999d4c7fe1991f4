import { join } from 'node:path'
import { runCommand } from '@oclif/test'
import { describe, expect, it } from 'vitest'
import CredentialProcess from '../src/commands/credential-process.js'
import Creds from '../src/commands/creds.js'
import { commandLine } from '../src/commands/exec.js'
import { runFast } from '../src/fast.js'
import { FAST_VALUE_FLAGS, parseFastArgv } from '../src/lib/argv.js'
import { childEnv } from '../src/lib/child-env.js'

const root = join(import.meta.dirname, '..')
const run = (args: string[]) => runCommand(args, { root })
const exitOf = (error: unknown) => (error as { oclif?: { exit?: number } } | undefined)?.oclif?.exit

describe('help', () => {
  it.each(['creds', 'credential-process', 'exec', 'whoami'])(
    '%s --help shows usage and examples',
    async (id) => {
      const { stdout, error } = await run([id, '--help'])
      expect(error).toBeUndefined()
      expect(stdout).toContain('USAGE')
      expect(stdout).toContain('EXAMPLES')
      expect(stdout).toContain('--profile')
    },
  )

  it('creds lists every format', async () => {
    const { stdout } = await run(['creds', '--help'])
    for (const f of [
      'process',
      'env',
      'env-no-export',
      'fish',
      'powershell',
      'windows-cmd',
      'json',
      'ini',
      'dotenv',
      'github-env',
    ]) {
      expect(stdout).toContain(f)
    }
  })
})

describe('flag parsing', () => {
  it('rejects an unknown --format with exit 2', async () => {
    const { stderr, error } = await run(['creds', '--format', 'yaml'])
    expect(exitOf(error)).toBe(2)
    expect(stderr).toMatch(/^error: Expected --format=yaml to be one of/)
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(2)
  })

  it('requires the IAM Identity Center region with --start-url', async () => {
    const { stderr, error } = await run(['creds', '--start-url', 'https://x.awsapps.com/start'])
    expect(exitOf(error)).toBe(2)
    expect(stderr).toContain('hint: Add --sso-region')
  })

  it('credential-process has no --json (its output is JSON already)', async () => {
    const { error } = await run(['credential-process', '--json'])
    expect(exitOf(error)).toBe(2)
  })

  it('exec needs a command', async () => {
    const { error } = await run(['exec', '--profile', 'dev'])
    expect(exitOf(error)).toBe(2)
  })
})

describe('fast path', () => {
  it('accepts exactly the value flags of the oclif commands', () => {
    const valueFlags = (flags: Record<string, { type: string }>) =>
      Object.entries(flags)
        .filter(([name, f]) => f.type === 'option' && name !== 'write-profile')
        .map(([name]) => name)
        .sort()
    const all = (cmd: typeof Creds | typeof CredentialProcess) => ({ ...cmd.baseFlags, ...cmd.flags })
    expect([...FAST_VALUE_FLAGS.creds].sort()).toEqual(valueFlags(all(Creds)))
    expect([...FAST_VALUE_FLAGS['credential-process']].sort()).toEqual(valueFlags(all(CredentialProcess)))
  })

  // Issue 10 item 8: aws-vault's shape and the short flags stay on the fast path.
  it('parses a positional profile and -p / -f', () => {
    expect(parseFastArgv(['creds', 'dev', '-f', 'json'])).toEqual({
      command: 'creds',
      flags: { profile: 'dev', format: 'json' },
    })
    expect(parseFastArgv(['credential-process', '-p', 'dev'])).toEqual({
      command: 'credential-process',
      flags: { profile: 'dev' },
    })
  })

  it('parses --flag value and --flag=value', () => {
    expect(parseFastArgv(['credential-process', '--profile', 'dev'])).toEqual({
      command: 'credential-process',
      flags: { profile: 'dev' },
    })
    expect(parseFastArgv(['creds', '--format=fish', '--region', 'eu-west-1'])).toEqual({
      command: 'creds',
      flags: { format: 'fish', region: 'eu-west-1' },
    })
  })

  it.each([
    [['credential-process', '--help']],
    [['credential-process', '-h']],
    [['creds', '--json']],
    [['creds', '--debug']],
    [['creds', '--write-profile', 'x']],
    [['creds', '--profile']],
    [['creds', '--profile', 'a', '--profile', 'b']],
    [['creds', 'one', 'two']],
    [['creds', 'one', '--profile', 'two']],
    [['credential-process', 'positional']],
    [['exec', '--profile', 'dev']],
    [['credential-process', '--format', 'env']],
  ])('leaves %j to oclif', async (argv) => {
    expect(parseFastArgv(argv)).toBeUndefined()
    expect(await runFast(argv)).toBeUndefined()
  })

  it('leaves an unknown format to oclif (which renders the usage error)', async () => {
    expect(await runFast(['creds', '--format', 'yaml'])).toBeUndefined()
  })
})

describe('exec environment', () => {
  it('drops AWS_PROFILE and stale keys, adds the credential variables', () => {
    const env = childEnv(
      { PATH: '/bin', AWS_PROFILE: 'dev', AWS_SESSION_TOKEN: 'old', AWS_DEFAULT_PROFILE: 'x' },
      [
        ['AWS_ACCESS_KEY_ID', 'ASIA1'],
        ['AWS_SECRET_ACCESS_KEY', 's'],
      ],
    )
    expect(env).toEqual({ PATH: '/bin', AWS_ACCESS_KEY_ID: 'ASIA1', AWS_SECRET_ACCESS_KEY: 's' })
  })
})

describe('exec command line', () => {
  it('takes everything after the first -- verbatim', () => {
    expect(commandLine(['--profile', 'dev', '--', 'node', '--profile', '--', '-e'], ['x'])).toEqual([
      'node',
      '--profile',
      '--',
      '-e',
    ])
  })

  it('falls back to the parsed arguments without --', () => {
    expect(commandLine(['env'], ['env'])).toEqual(['env'])
  })
})

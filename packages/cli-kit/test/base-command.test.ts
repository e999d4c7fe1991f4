import { join } from 'node:path'
import { runCommand } from '@oclif/test'
import { afterEach, describe, expect, it } from 'vitest'
import { EXIT } from '../src/exit-codes.js'
import { forgetSecrets } from '../src/secrets.js'

const root = join(import.meta.dirname, 'fixtures', 'kit-cli')
const SECRET = 'SECRETsecret1234567890'
const run = (args: string[]) => runCommand(args, { root })
const exitOf = (error: unknown) => (error as { oclif?: { exit?: number } } | undefined)?.oclif?.exit

afterEach(() => forgetSecrets())

describe('BaseCommand error rendering', () => {
  it('prints an IdcError as one error line plus a hint on stderr, nothing on stdout', async () => {
    const { stdout, stderr, error } = await run(['fail'])
    expect(stdout).toBe('')
    expect(stderr).toBe(
      'error: The SSO token has expired (token [redacted]).\nhint: Run `aws-idc login --profile dev` to sign in again.\n',
    )
    expect(exitOf(error)).toBe(EXIT['not-signed-in'])
  })

  it('has no stack trace without --debug', async () => {
    const { stderr } = await run(['fail'])
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(stderr).not.toContain('caused by')
  })

  it('prints the cause chain and stacks with --debug, secrets redacted', async () => {
    const { stderr } = await run(['fail', '--debug'])
    expect(stderr).toMatch(/^error: /)
    expect(stderr).toMatch(/\n\s+at /)
    expect(stderr).toContain('debug: caused by: Error: upstream said: bearer [redacted]')
    expect(stderr).toContain('code=token-expired')
    expect(stderr).not.toContain(SECRET)
    expect(stderr).not.toContain('another-secret-value')
    expect(stderr).not.toContain('token-in-details-xyz')
  })

  it('prints {"error":{code,message,hint}} on stdout with --json', async () => {
    const { stdout, error } = await run(['fail', '--json'])
    expect(JSON.parse(stdout)).toEqual({
      error: {
        code: 'token-expired',
        message: 'The SSO token has expired (token [redacted]).',
        hint: 'Run `aws-idc login --profile dev` to sign in again.',
      },
    })
    expect(exitOf(error)).toBe(3)
  })

  it.each([
    ['forbidden', 4],
    ['network-error', 5],
    ['throttled', 5],
    ['profile-not-found', 6],
    ['invalid-argument', 2],
    ['aborted', 130],
    ['write-failed', 1],
  ])('maps IdcError %s to exit code %i', async (kind, code) => {
    const { error } = await run(['fail', '--kind', kind])
    expect(exitOf(error)).toBe(code)
  })

  it('prints an unknown error as one line, exit 1, redacted', async () => {
    const { stderr, error } = await run(['fail', '--kind', 'unknown'])
    expect(stderr).toBe(
      'error: socket hang up while sending [redacted]\nhint: Run the command again with --debug for details.\n',
    )
    expect(exitOf(error)).toBe(1)
  })

  it('renders a usage error with exit code 2 and a help hint', async () => {
    const { stderr, error } = await run(['fail', '--nope'])
    expect(stderr).toBe('error: Nonexistent flag: --nope\nhint: See `kit fail --help`.\n')
    expect(exitOf(error)).toBe(2)
  })

  it('renders a usage error as JSON with --json', async () => {
    const { stdout, error } = await run(['fail', '--nope', '--json'])
    expect(JSON.parse(stdout).error.code).toBe('usage')
    expect(exitOf(error)).toBe(2)
  })
})

describe('BaseCommand success', () => {
  it('returns data as JSON with --json and keeps human lines off stdout', async () => {
    const { stdout, stderr, result } = await run([
      'ok',
      '--json',
      '--profile',
      'dev',
      '--region',
      'eu-west-1',
    ])
    expect(JSON.parse(stdout)).toEqual({ hello: 'world', profile: 'dev', region: 'eu-west-1' })
    expect(stderr).toBe('')
    expect(result).toEqual({ hello: 'world', profile: 'dev', region: 'eu-west-1' })
  })

  it('writes human output to stderr', async () => {
    const { stdout, stderr } = await run(['ok'])
    expect(stdout).toBe('')
    expect(stderr).toBe('human line\n')
  })

  it('takes --profile from AWS_PROFILE', async () => {
    const before = process.env['AWS_PROFILE']
    process.env['AWS_PROFILE'] = 'from-env'
    try {
      const { result } = await run(['ok'])
      expect(result).toMatchObject({ profile: 'from-env' })
    } finally {
      if (before === undefined) delete process.env['AWS_PROFILE']
      else process.env['AWS_PROFILE'] = before
    }
  })

  it('shows the global flags in --help', async () => {
    const { stdout } = await run(['fail', '--help'])
    expect(stdout).toContain('GLOBAL FLAGS')
    for (const flag of ['--debug', '--json', '--profile=<name>', '--region=<region>'])
      expect(stdout).toContain(flag)
    expect(stdout).toContain('[env: AWS_PROFILE]')
  })
})

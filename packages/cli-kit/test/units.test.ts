import { IdcError } from '@idc/core'
import { afterEach, describe, expect, it } from 'vitest'
import { describeExpiry, formatDuration } from '../src/duration.js'
import { EXIT_CODE_BY_ERROR, EXIT_CODES, exitCodeForErrorCode, exitCodesMarkdown } from '../src/exit-codes.js'
import { renderError } from '../src/render.js'
import { quietSdkNodeWarning, SDK_NODE_WARNING_VARIABLE } from '../src/sdk-warning.js'
import { forgetSecrets, rememberSecrets } from '../src/secrets.js'
import { renderTable } from '../src/table.js'
import { targetRequest } from '../src/target.js'
import { paragraphs } from '../src/text.js'
import { retryProgress, Ui } from '../src/ui.js'

afterEach(() => forgetSecrets())

describe('exit codes', () => {
  it('are unique and documented', () => {
    const codes = EXIT_CODES.map((e) => e.code)
    expect(new Set(codes).size).toBe(codes.length)
    expect(exitCodesMarkdown()).toContain('| 130 | interrupted (Ctrl-C) |')
  })
  it('map every known IdcError code, unknown codes to 1', () => {
    for (const code of Object.keys(EXIT_CODE_BY_ERROR)) expect(exitCodeForErrorCode(code)).toBeGreaterThan(0)
    expect(exitCodeForErrorCode('something-new')).toBe(1)
    expect(exitCodeForErrorCode('token-missing')).toBe(3)
    expect(exitCodeForErrorCode('forbidden')).toBe(4)
  })
})

describe('renderError', () => {
  it('collapses a multi-line message to one line', () => {
    const r = renderError(new IdcError('config-invalid', 'bad value\n  in [profile x]'))
    expect(r.stderr).toBe('error: bad value in [profile x]\n')
    expect(r.exitCode).toBe(6)
  })
  it('redacts secrets from the environment', () => {
    const r = renderError(new Error('leaked AKIDSECRETFROMENV123'), {
      env: { AWS_SECRET_ACCESS_KEY: 'AKIDSECRETFROMENV123' },
    })
    expect(r.stderr).not.toContain('AKIDSECRETFROMENV123')
  })
  it('treats a Ctrl-C in a prompt as interrupted (130)', () => {
    const e = new Error('User force closed the prompt')
    e.name = 'ExitPromptError'
    expect(renderError(e).exitCode).toBe(130)
  })
})

describe('Ui', () => {
  const sink = () => {
    const chunks: string[] = []
    return { chunks, stream: { write: (t: string) => chunks.push(t), isTTY: false } }
  }

  it('redacts every line', () => {
    const { chunks, stream } = sink()
    rememberSecrets('verysecretvalue123')
    new Ui({ stream }).info('token verysecretvalue123')
    expect(chunks.join('')).toBe('token [redacted]\n')
  })

  it('degrades the wait indicator to plain lines without a TTY', () => {
    const { chunks, stream } = sink()
    let now = 0
    const ui = new Ui({ stream, plainIntervalMs: 30_000 })
    const wait = ui.wait('Waiting for approval', { deadline: new Date(600_000), now: () => now })
    now = 10_000
    wait.update({ remainingMs: 590_000 })
    now = 31_000
    wait.update({ remainingMs: 569_000 })
    wait.stop('Approved.')
    expect(chunks.join('')).toBe(
      'Waiting for approval (10m left)\nWaiting for approval (9m 29s left)\nApproved.\n',
    )
    expect(chunks.join('')).not.toContain('\r')
  })

  it('animates on a TTY and clears the line on stop', () => {
    const chunks: string[] = []
    const ui = new Ui({ stream: { write: (t: string) => chunks.push(t), isTTY: true }, env: {} })
    const wait = ui.wait('Waiting', { deadline: new Date(Date.now() + 60_000) })
    wait.stop()
    expect(chunks[0]).toMatch(/^\r\x1b\[2K. Waiting \((59|60)s left\)|^\r\x1b\[2K. Waiting \(1m left\)/)
    expect(chunks.at(-1)).toBe('\r\x1b[2K')
  })

  // Issue 10 item 18: every retry is drawn as it starts, also one that ends before the next frame.
  it('retryProgress draws each retry on the TTY line at once: throttled, service error, network', () => {
    const chunks: string[] = []
    const ui = new Ui({ stream: { write: (t: string) => chunks.push(t), isTTY: true }, env: {} })
    const wait = ui.progress('Listing your accounts')
    const { onRetry } = retryProgress(wait, 'Listing your accounts')
    onRetry({ attempt: 2, maxAttempts: 6, error: { name: 'TooManyRequestsException' } })
    onRetry({ attempt: 3, maxAttempts: 6, error: { name: 'X', $metadata: { httpStatusCode: 503 } } })
    onRetry({ attempt: 4, maxAttempts: 6, error: new Error('socket hang up') })
    wait.stop()
    const frames = chunks.join('').split('\r\x1b[2K').filter(Boolean)
    expect(frames.map((f) => f.slice(2))).toEqual([
      'Listing your accounts',
      'Listing your accounts (retrying, throttled 2/6)',
      'Listing your accounts (retrying, service error 503 3/6)',
      'Listing your accounts (retrying, network 4/6)',
    ])
  })

  it('retryProgress prints nothing without a TTY (progress is for people)', () => {
    const { chunks, stream } = sink()
    const wait = new Ui({ stream, env: {} }).progress('Listing')
    retryProgress(wait, 'Listing').onRetry({ attempt: 2, maxAttempts: 6, error: {} })
    wait.stop()
    expect(chunks).toEqual([])
  })
})

describe('helpers', () => {
  it('formatDuration / describeExpiry', () => {
    expect(formatDuration(8 * 3600_000 - 60_000)).toBe('7h 59m')
    expect(formatDuration(45_000)).toBe('45s')
    expect(describeExpiry(new Date(0), 90_000)).toBe('expired 1m 30s ago')
  })
  it('renderTable aligns columns and shows - for empty cells', () => {
    const out = renderTable(
      [
        { a: 'x', b: 'long value' },
        { a: 'longer', b: undefined },
      ],
      [
        { header: 'A', get: (r) => r.a },
        { header: 'B', get: (r) => r.b },
      ],
    )
    expect(out).toBe('A       B\nx       long value\nlonger  -')
  })
  it('paragraphs joins wrapped lines and keeps lists', () => {
    expect(paragraphs('one\ntwo\n\n  - item\n  - item2\nthree')).toBe('one two\n\n  - item\n  - item2\nthree')
  })
  it('targetRequest precedence and validation', () => {
    expect(targetRequest({ profile: 'dev' })).toEqual({ from: 'profile', profile: 'dev' })
    expect(targetRequest({ profile: 'dev', 'sso-session': 'corp' })).toEqual({
      from: 'sso-session',
      sessionName: 'corp',
    })
    expect(
      targetRequest({ 'start-url': 'https://x/start', region: 'eu-west-1' }, { regionIsSsoRegion: true }),
    ).toMatchObject({ from: 'values', ssoRegion: 'eu-west-1' })
    expect(() => targetRequest({ 'start-url': 'https://x/start' })).toThrow(/region/)
    expect(() => targetRequest({ 'sso-region': 'us-east-1' })).toThrow(/--start-url/)
  })
  it('targetRequest carries --account-id / --role-name in every kind of request (one shape)', () => {
    const role = { 'account-id': '111111111111', 'role-name': 'Admin' }
    const want = { accountId: '111111111111', roleName: 'Admin' }
    expect(targetRequest({ profile: 'dev', ...role })).toEqual({ from: 'profile', profile: 'dev', ...want })
    expect(targetRequest({ 'sso-session': 'corp', ...role })).toEqual({
      from: 'sso-session',
      sessionName: 'corp',
      ...want,
    })
    expect(
      targetRequest({ 'start-url': 'https://x/start', 'sso-region': 'us-east-1', ...role }),
    ).toMatchObject({ from: 'values', ...want })
  })
})

describe('quietSdkNodeWarning', () => {
  it('turns the AWS SDK Node-version warning off unless the user chose', () => {
    const env: Record<string, string | undefined> = {}
    quietSdkNodeWarning(env)
    expect(env[SDK_NODE_WARNING_VARIABLE]).toBe('true')
    const chosen: Record<string, string | undefined> = { [SDK_NODE_WARNING_VARIABLE]: 'false' }
    quietSdkNodeWarning(chosen)
    expect(chosen[SDK_NODE_WARNING_VARIABLE]).toBe('false')
  })
})

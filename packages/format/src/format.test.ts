import { spawnSync } from 'node:child_process'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FormatError } from './errors.js'
import { formatExpiration } from './expiration.js'
import { FORMATS, format, formatJson, formatProcess, isFormatName } from './index.js'
import { pythonJsonString } from './python-json.js'
import type { Credentials } from './types.js'

// docs/reference.md#export-credentials example (its `sess-…` elided; a real-shaped token with / + = stands in).
const KEY = 'ASIAMOCKB21E9975F347'
const SECRET = 'secret'
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+x/y=='
const EXP = new Date('2026-11-22T11:12:05Z')
const EXP_TEXT = '2026-11-22T11:12:05+00:00'

const full: Credentials = { accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: TOKEN, expiration: EXP }
const noToken: Credentials = { accessKeyId: KEY, secretAccessKey: SECRET, expiration: EXP }
const noExpiry: Credentials = { accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: TOKEN }
const staticOnly: Credentials = { accessKeyId: KEY, secretAccessKey: SECRET }

/** The AWS CLI's per-line templates (awscli/customizations/configure/exportcreds.py). */
const CLI_TEMPLATES = {
  env: (n: string, v: string) => `export ${n}=${v}`,
  'env-no-export': (n: string, v: string) => `${n}=${v}`,
  powershell: (n: string, v: string) => `$Env:${n}="${v}"`,
  'windows-cmd': (n: string, v: string) => `set ${n}=${v}`,
  fish: (n: string, v: string) => `set -gx ${n} "${v}"`,
} as const

/** What the CLI prints: its template per line, in its order, LF after each line. */
function cliLines(template: (n: string, v: string) => string, c: Credentials): string {
  const lines = [
    template('AWS_ACCESS_KEY_ID', c.accessKeyId),
    template('AWS_SECRET_ACCESS_KEY', c.secretAccessKey),
  ]
  if (c.sessionToken !== undefined) lines.push(template('AWS_SESSION_TOKEN', c.sessionToken))
  if (c.expiration !== undefined) lines.push(template('AWS_CREDENTIAL_EXPIRATION', EXP_TEXT))
  return lines.map((l) => `${l}\n`).join('')
}

describe('byte-identical to aws configure export-credentials', () => {
  it('env: the exact block of docs/reference.md#export-credentials', () => {
    expect(format('env', full)).toBe(
      'export AWS_ACCESS_KEY_ID=ASIAMOCKB21E9975F347\n' +
        'export AWS_SECRET_ACCESS_KEY=secret\n' +
        `export AWS_SESSION_TOKEN=${TOKEN}\n` +
        'export AWS_CREDENTIAL_EXPIRATION=2026-11-22T11:12:05+00:00\n',
    )
  })

  it('process: the exact JSON of docs/reference.md#export-credentials', () => {
    expect(format('process', full)).toBe(
      '{\n' +
        '  "Version": 1,\n' +
        '  "AccessKeyId": "ASIAMOCKB21E9975F347",\n' +
        '  "SecretAccessKey": "secret",\n' +
        `  "SessionToken": "${TOKEN}",\n` +
        '  "Expiration": "2026-11-22T11:12:05+00:00"\n' +
        '}\n',
    )
  })

  it('process: optional keys are left out, never null', () => {
    expect(format('process', staticOnly)).toBe(
      '{\n  "Version": 1,\n  "AccessKeyId": "ASIAMOCKB21E9975F347",\n  "SecretAccessKey": "secret"\n}\n',
    )
    expect(format('process', noToken)).toBe(
      '{\n  "Version": 1,\n  "AccessKeyId": "ASIAMOCKB21E9975F347",\n  "SecretAccessKey": "secret",\n' +
        '  "Expiration": "2026-11-22T11:12:05+00:00"\n}\n',
    )
    expect(format('process', noExpiry)).toBe(
      `{\n  "Version": 1,\n  "AccessKeyId": "ASIAMOCKB21E9975F347",\n  "SecretAccessKey": "secret",\n  "SessionToken": "${TOKEN}"\n}\n`,
    )
  })

  for (const [name, template] of Object.entries(CLI_TEMPLATES)) {
    for (const [label, creds] of Object.entries({ full, noToken, noExpiry, staticOnly })) {
      it(`${name}, ${label}`, () => {
        expect(format(name as keyof typeof CLI_TEMPLATES, creds)).toBe(cliLines(template, creds))
      })
    }
  }

  it('keeps the CLI bytes for generated real-shaped values in every CLI format', () => {
    const base64 = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
    })
    const real = fc.record({
      accessKeyId: fc.stringMatching(/^(ASIA|AKIA)[A-Z2-7]{16}$/),
      secretAccessKey: base64.filter((s) => s.length > 0).map((s) => s.slice(0, 40)),
      sessionToken: fc.option(fc.base64String({ minLength: 4, maxLength: 800 }), { nil: undefined }),
      expiration: fc.option(fc.constant(EXP), { nil: undefined }),
    })
    fc.assert(
      fc.property(real, (c) => {
        for (const [name, template] of Object.entries(CLI_TEMPLATES)) {
          expect(format(name as keyof typeof CLI_TEMPLATES, c)).toBe(cliLines(template, c))
        }
      }),
      { numRuns: 500 },
    )
  })
})

describe('the region option (never emitted by the CLI)', () => {
  it('adds AWS_REGION and AWS_DEFAULT_REGION after the CLI lines', () => {
    expect(format('env', staticOnly, { region: 'eu-west-1' })).toBe(
      'export AWS_ACCESS_KEY_ID=ASIAMOCKB21E9975F347\nexport AWS_SECRET_ACCESS_KEY=secret\n' +
        'export AWS_REGION=eu-west-1\nexport AWS_DEFAULT_REGION=eu-west-1\n',
    )
    expect(format('fish', full, { region: 'us-east-1' }).split('\n').slice(4)).toEqual([
      'set -gx AWS_REGION "us-east-1"',
      'set -gx AWS_DEFAULT_REGION "us-east-1"',
      '',
    ])
  })
  it('is not part of the credential_process JSON', () => {
    expect(format('process', full, { region: 'eu-west-1' })).toBe(format('process', full))
  })
})

describe('expiration text', () => {
  it('is Python isoformat of a UTC datetime, whole seconds', () => {
    expect(formatExpiration(EXP)).toBe(EXP_TEXT)
    expect(formatExpiration(new Date('0001-01-01T00:00:00Z'))).toBe('0001-01-01T00:00:00+00:00')
  })
  it('drops milliseconds by rounding down, as the CLI does for SSO credentials', () => {
    expect(formatExpiration(new Date('2026-11-22T11:12:05.999Z'))).toBe(EXP_TEXT)
    expect(formatExpiration(new Date(Date.UTC(2026, 0, 1) - 1))).toBe('2025-12-31T23:59:59+00:00')
  })
  it('agrees with Date#toISOString for every date Python can hold', () => {
    const date = fc.date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    })
    fc.assert(
      fc.property(date, (d) => {
        expect(formatExpiration(d)).toBe(`${d.toISOString().slice(0, 19)}+00:00`)
      }),
      { numRuns: 2000 },
    )
  })
  it('refuses invalid dates and years outside 1-9999', () => {
    for (const d of [
      new Date(Number.NaN),
      new Date('+010000-01-01T00:00:00Z'),
      new Date('-000001-01-01T00:00:00Z'),
    ]) {
      expect(() => formatExpiration(d)).toThrow(FormatError)
    }
  })
})

describe('process JSON', () => {
  it('escapes like Python json.dumps with ensure_ascii (known answer from CPython 3.11)', () => {
    const value = 'A"\\/\u007f\u001f\u00e9\u2028\u{1F600}\t\n\r\b\f'
    expect(pythonJsonString(value)).toBe(
      '"A\\"\\\\/\\u007f\\u001f\\u00e9\\u2028\\ud83d\\ude00\\t\\n\\r\\b\\f"',
    )
  })

  it('adds AccountId only when asked to, after Expiration', () => {
    const withAccount = { ...full, accountId: '111111111111' }
    expect(format('process', withAccount)).toBe(format('process', full))
    expect(format('process', withAccount, { includeAccountId: true })).toBe(
      format('process', full).replace(/\n}\n$/, ',\n  "AccountId": "111111111111"\n}\n'),
    )
  })

  const anyText = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes('\0'))
  const anyCreds = fc.record({
    accessKeyId: anyText,
    secretAccessKey: anyText,
    sessionToken: fc.option(anyText, { nil: undefined }),
    expiration: fc.option(
      fc.date({ min: new Date(0), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }),
      {
        nil: undefined,
      },
    ),
    accountId: fc.option(fc.stringMatching(/^\d{12}$/), { nil: undefined }),
  })

  it('JSON.parse reads back every value (process and json formats)', () => {
    fc.assert(
      fc.property(anyCreds, fc.option(anyText, { nil: undefined }), (c, region) => {
        const exp = c.expiration === undefined ? undefined : formatExpiration(c.expiration)
        const proc = JSON.parse(formatProcess(c, { includeAccountId: true }))
        expect(proc).toStrictEqual({
          Version: 1,
          AccessKeyId: c.accessKeyId,
          SecretAccessKey: c.secretAccessKey,
          ...(c.sessionToken === undefined ? {} : { SessionToken: c.sessionToken }),
          ...(exp === undefined ? {} : { Expiration: exp }),
          ...(c.accountId === undefined ? {} : { AccountId: c.accountId }),
        })
        expect(Object.keys(proc).slice(0, 3)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey'])
        const json = JSON.parse(formatJson(c, { region }))
        expect(json).toStrictEqual({
          accessKeyId: c.accessKeyId,
          secretAccessKey: c.secretAccessKey,
          ...(c.sessionToken === undefined ? {} : { sessionToken: c.sessionToken }),
          ...(exp === undefined ? {} : { expiration: exp }),
          ...(c.accountId === undefined ? {} : { accountId: c.accountId }),
          ...(region ? { region } : {}),
        })
        if (exp !== undefined)
          expect(new Date(json.expiration).getTime()).toBe(Math.floor(c.expiration!.getTime() / 1000) * 1000)
      }),
      { numRuns: 3000 },
    )
  })

  const python = spawnSync('python3', ['-c', 'import json'], { stdio: 'ignore' }).status === 0
  // An extra cross-check where CPython is installed; the known answer above holds everywhere.
  it.skipIf(!python && !process.env.CI)(
    'matches CPython json.dumps byte for byte on generated values',
    () => {
      const codePoint = fc
        .oneof(fc.integer({ min: 1, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff }))
        .map((c) => String.fromCodePoint(c))
      const values = fc.sample(fc.string({ unit: codePoint, maxLength: 30 }), 2000)
      const script =
        'import json,sys\n' +
        'for v in json.load(sys.stdin):\n' +
        "    sys.stdout.write(json.dumps({'Version': 1, 'AccessKeyId': v, 'SecretAccessKey': v}, indent=2, separators=(',', ': ')) + '\\n\\0')\n"
      const out = spawnSync('python3', ['-c', script], { input: JSON.stringify(values), encoding: 'utf8' })
      expect(out.status, out.stderr).toBe(0)
      const dumps = out.stdout.split('\0')
      values.forEach((v, i) => {
        expect(formatProcess({ accessKeyId: v, secretAccessKey: v })).toBe(dumps[i])
      })
    },
  )
})

describe('refusals shared by every format', () => {
  const names = FORMATS.map((f) => f.name)
  it.each(names)('%s refuses a NUL byte with invalid-argument', (name) => {
    for (const creds of [
      { ...full, accessKeyId: 'AS\0IA' },
      { ...full, secretAccessKey: 'a\0' },
      { ...full, sessionToken: '\0' },
    ]) {
      expect(() => format(name, creds)).toThrowError(expect.objectContaining({ code: 'invalid-argument' }))
    }
    // `process` has no region field, so it ignores the option altogether.
    if (name !== 'process') {
      expect(() => format(name, full, { region: 'eu\0' })).toThrowError(
        expect.objectContaining({ code: 'invalid-argument' }),
      )
    }
  })
  it.each(names)('%s refuses an unpaired surrogate and an invalid expiration', (name) => {
    expect(() => format(name, { ...full, secretAccessKey: 'a\ud800b' })).toThrow(FormatError)
    expect(() => format(name, { ...full, expiration: new Date('nope') })).toThrow(FormatError)
  })
})

describe('dispatcher', () => {
  it('lists every format once, the AWS CLI ones first with process as the default', () => {
    expect(FORMATS.map((f) => f.name)).toEqual([
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
    ])
    for (const f of FORMATS) {
      expect(f.description.length).toBeGreaterThan(10)
      expect(f.description).not.toContain('\n')
      expect(isFormatName(f.name)).toBe(true)
      expect(format(f.name, full).endsWith('\n')).toBe(true)
      expect(format(f.name, full).endsWith('\n\n')).toBe(false)
    }
  })
  it('refuses unknown names, including inherited object keys', () => {
    for (const name of ['yaml', 'toString', '__proto__', '']) {
      expect(isFormatName(name)).toBe(false)
      expect(() => format(name as 'env', full)).toThrowError(
        expect.objectContaining({ code: 'invalid-argument' }),
      )
    }
  })
  it('is pure: same input, same output, input untouched', () => {
    const creds = { ...full, accountId: '111111111111' }
    const copy = structuredClone(creds)
    for (const f of FORMATS)
      expect(format(f.name, creds, { region: 'eu-west-1' })).toBe(
        format(f.name, creds, { region: 'eu-west-1' }),
      )
    expect(creds).toStrictEqual(copy)
  })
})

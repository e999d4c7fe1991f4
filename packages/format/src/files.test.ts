/**
 * File formats, each read back by its real consumers where they are available here: the JS SDK's
 * INI parser (@smithy/shared-ini-file-loader) and, when python3 is installed, botocore's
 * configparser and python-dotenv. dotenv (npm), docker --env-file and the Actions runner's
 * $GITHUB_ENV reader are modelled from their rules.
 */
import { spawnSync } from 'node:child_process'
import { externalDataInterceptor, loadSharedConfigFiles } from '@smithy/shared-ini-file-loader'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatDotenv, isDotenvSafe } from './dotenv.js'
import { FormatError } from './errors.js'
import { formatGithubEnv, githubEnvEntry } from './github-env.js'
import { formatIni } from './ini.js'
import type { Credentials } from './types.js'
import { credentialVariables } from './values.js'

const codePoint = fc
  .oneof(fc.integer({ min: 1, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff }))
  .map((c) => String.fromCodePoint(c))
const SPECIALS = [
  ...` '"$\`\\\n\r\t#;=:[]{}!%^&*~`,
  '\u00a0',
  '\u2028',
  '\u0085',
  '\ufeff',
  'é',
  '😀',
  'a',
  'Z',
  '0',
  '/',
  '+',
]
const BASE64 = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
  minLength: 1,
  maxLength: 80,
})
const value = fc.oneof(
  fc.string({ unit: fc.constantFrom(...SPECIALS), maxLength: 20 }),
  fc.string({ unit: codePoint, maxLength: 20 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
  BASE64,
  fc.base64String({ minLength: 4, maxLength: 400 }),
)
const credsArb = fc.record({
  accessKeyId: value,
  secretAccessKey: value,
  sessionToken: fc.option(value, { nil: undefined }),
  expiration: fc.option(
    fc.date({ min: new Date(0), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
    {
      nil: undefined,
    },
  ),
})
const python = spawnSync('python3', ['-c', 'import configparser'], { stdio: 'ignore' }).status === 0
const pythonDotenv = python && spawnSync('python3', ['-c', 'import dotenv'], { stdio: 'ignore' }).status === 0

/** Runs a Python snippet over a JSON list of inputs; it must print one JSON result per input. */
function runPython(script: string, inputs: unknown[]): unknown[] {
  const out = spawnSync('python3', ['-c', script], { input: JSON.stringify(inputs), encoding: 'utf8' })
  if (out.status !== 0) throw new Error(out.stderr)
  return JSON.parse(out.stdout) as unknown[]
}

const full: Credentials = {
  accessKeyId: 'ASIAMOCKB21E9975F347',
  secretAccessKey: 'secret',
  sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+x/y==',
  expiration: new Date('2026-11-22T11:12:05Z'),
  accountId: '111111111111',
}

// --- ini -------------------------------------------------------------------------------------

let iniFiles = 0
/** Parses `text` as a credentials file with the JS SDK's own loader (no disk access). */
async function readIniWithSdk(text: string): Promise<Record<string, Record<string, string>>> {
  const filepath = `/nonexistent/idc-format-test/credentials-${iniFiles++}`
  externalDataInterceptor.interceptFile(filepath, text)
  const { credentialsFile } = await loadSharedConfigFiles({ filepath, configFilepath: `${filepath}.config` })
  return credentialsFile as Record<string, Record<string, string>>
}

const BOTOCORE_READ = `
import configparser, json, sys
out = []
for text in json.load(sys.stdin):
    cp = configparser.RawConfigParser()  # what botocore.configloader uses
    cp.read_string(text)
    out.append({s: dict(cp.items(s)) for s in cp.sections()})
print(json.dumps(out))
`

function iniExpected(
  c: Credentials,
  region: string | undefined,
  withAccount: boolean,
): Record<string, string> {
  return {
    aws_access_key_id: c.accessKeyId,
    aws_secret_access_key: c.secretAccessKey,
    ...(c.sessionToken === undefined ? {} : { aws_session_token: c.sessionToken }),
    ...(withAccount && c.accountId !== undefined ? { aws_account_id: c.accountId } : {}),
    ...(region ? { region } : {}),
  }
}

/** The documented ini value rule, restated independently of the implementation. */
const iniWritable = (v: string) =>
  v.length > 0 &&
  [...v].every((ch) => ch >= ' ' && ch <= '~') &&
  v.trim() === v &&
  !v.startsWith('#') &&
  !v.startsWith(';') &&
  !v.includes(' #') &&
  !v.includes(' ;')

describe('ini', () => {
  it('writes a credentials-file section with the expiration as a whole-line comment', () => {
    expect(formatIni(full, { profile: 'dev' })).toBe(
      '[dev]\n' +
        '# expires 2026-11-22T11:12:05+00:00\n' +
        'aws_access_key_id = ASIAMOCKB21E9975F347\n' +
        'aws_secret_access_key = secret\n' +
        `aws_session_token = ${full.sessionToken}\n`,
    )
    expect(formatIni({ accessKeyId: 'AKIAX', secretAccessKey: 's' })).toBe(
      '[default]\naws_access_key_id = AKIAX\naws_secret_access_key = s\n',
    )
    expect(
      formatIni(full, { profile: 'p', region: 'eu-west-1', includeAccountId: true }).split('\n').slice(-3),
    ).toEqual(['aws_account_id = 111111111111', 'region = eu-west-1', ''])
  })

  it('is read back by the JS SDK parser', async () => {
    const text = formatIni(full, {
      profile: 'a.b@c+d%e:f/g_h-i',
      region: 'eu-west-1',
      includeAccountId: true,
    })
    expect(await readIniWithSdk(text)).toEqual({ 'a.b@c+d%e:f/g_h-i': iniExpected(full, 'eu-west-1', true) })
  })

  it.each(['', 'has space', '[x]', 'a]b', 'x#y', '__proto__', 'DEFAULT', 'profile x', 'é'])(
    'refuses the profile name %j with invalid-name',
    (profile) => {
      expect(() => formatIni(full, { profile })).toThrowError(
        expect.objectContaining({ code: 'invalid-name' }),
      )
    },
  )

  it.each([
    '',
    ' lead',
    'trail ',
    '#x',
    ';x',
    'a #b',
    'a ;b',
    'two\nlines',
    'cr\rx',
    'tab\tx',
    'é',
    '\u00a0x',
  ])('refuses the value %j, which a reader would change', (bad) => {
    expect(() => formatIni({ ...full, sessionToken: bad })).toThrowError(
      expect.objectContaining({ code: 'invalid-argument' }),
    )
  })

  it('round-trips generated values through the JS SDK parser, or refuses only by the documented rule', async () => {
    const cases = fc.sample(fc.tuple(credsArb, fc.option(value, { nil: undefined })), 3000)
    const written: { text: string; want: Record<string, Record<string, string>> }[] = []
    for (const [c, region] of cases) {
      const values = [c.accessKeyId, c.secretAccessKey, c.sessionToken, region || undefined].filter(
        (v) => v !== undefined,
      )
      let text: string
      try {
        text = formatIni(c, { profile: 'p', region })
      } catch (e) {
        expect(e instanceof FormatError).toBe(true)
        expect(values.every(iniWritable), JSON.stringify(values)).toBe(false)
        continue
      }
      expect(values.every(iniWritable), JSON.stringify(values)).toBe(true)
      const want = { p: iniExpected(c, region, false) }
      expect(await readIniWithSdk(text)).toEqual(want)
      written.push({ text, want })
    }
    expect(written.length).toBeGreaterThan(300)
    if (python)
      expect(
        runPython(
          BOTOCORE_READ,
          written.map((w) => w.text),
        ),
      ).toEqual(written.map((w) => w.want))
  })

  it.skipIf(!python && !process.env.CI)(
    'is read back by configparser (botocore) for the golden example',
    () => {
      const text = formatIni(full, { profile: 'dev', region: 'eu-west-1', includeAccountId: true })
      expect(runPython(BOTOCORE_READ, [text])).toEqual([{ dev: iniExpected(full, 'eu-west-1', true) }])
    },
  )
})

// --- dotenv ----------------------------------------------------------------------------------

/** dotenv (npm) 16/17: its line pattern, trimming, outer-quote removal and "\n" expansion. */
function readNpmDotenv(text: string): Map<string, string> {
  const LINE =
    /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm
  const vars = new Map<string, string>()
  for (const m of text.replace(/\r\n?/gm, '\n').matchAll(LINE)) {
    let v = (m[2] ?? '').trim()
    const quote = v[0]
    v = v.replace(/^(['"`])([\s\S]*)\1$/gm, '$2')
    if (quote === '"') v = v.replace(/\\n/g, '\n').replace(/\\r/g, '\r')
    vars.set(m[1] as string, v)
  }
  return vars
}

/** docker --env-file: leading blanks trimmed, `#` lines skipped, the rest after `=` verbatim. */
function readDockerEnvFile(text: string): Map<string, string> {
  const vars = new Map<string, string>()
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '').replace(/^\s+/u, '')
    if (line === '' || line.startsWith('#')) continue
    const eq = line.indexOf('=')
    if (eq < 0 || /\s/.test(line.slice(0, eq))) throw new Error(`bad line ${JSON.stringify(line)}`)
    vars.set(line.slice(0, eq), line.slice(eq + 1))
  }
  return vars
}

const PYTHON_DOTENV_READ = `
import io, json, sys
from dotenv import dotenv_values
print(json.dumps([dotenv_values(stream=io.StringIO(t)) for t in json.load(sys.stdin)]))
`

describe('dotenv', () => {
  it('writes bare NAME=value lines', () => {
    expect(formatDotenv(full, { region: 'eu-west-1' })).toBe(
      'AWS_ACCESS_KEY_ID=ASIAMOCKB21E9975F347\n' +
        'AWS_SECRET_ACCESS_KEY=secret\n' +
        `AWS_SESSION_TOKEN=${full.sessionToken}\n` +
        'AWS_CREDENTIAL_EXPIRATION=2026-11-22T11:12:05+00:00\n' +
        'AWS_REGION=eu-west-1\n' +
        'AWS_DEFAULT_REGION=eu-west-1\n',
    )
  })

  it.each([
    'a#b',
    '$HOME',
    `\${X}`,
    'a\\nb',
    "'q'",
    '"q"',
    '`q`',
    ' lead',
    'trail ',
    'two\nlines',
    'a\u2028b',
    'a\u0085b',
  ])('refuses %j, which one of the readers would change', (bad) => {
    expect(() => formatDotenv({ ...full, secretAccessKey: bad })).toThrowError(
      expect.objectContaining({ code: 'invalid-argument' }),
    )
  })

  it('round-trips generated values through dotenv (npm), docker and python-dotenv rules', () => {
    const cases = fc.sample(fc.tuple(credsArb, fc.option(value, { nil: undefined })), 3000)
    const written: { text: string; want: Record<string, string> }[] = []
    for (const [c, region] of cases) {
      const want = Object.fromEntries(credentialVariables(c, { region }))
      let text: string
      try {
        text = formatDotenv(c, { region })
      } catch (e) {
        expect(e instanceof FormatError).toBe(true)
        expect(Object.values(want).every(isDotenvSafe)).toBe(false)
        continue
      }
      expect(Object.fromEntries(readNpmDotenv(text))).toEqual(want)
      expect(Object.fromEntries(readDockerEnvFile(text))).toEqual(want)
      written.push({ text, want })
    }
    expect(written.length).toBeGreaterThan(300)
    if (pythonDotenv)
      expect(
        runPython(
          PYTHON_DOTENV_READ,
          written.map((w) => w.text),
        ),
      ).toEqual(written.map((w) => w.want))
  })

  it('the readers notice what bare values cannot carry', () => {
    expect(readNpmDotenv('A=x #y\n').get('A')).toBe('x')
    expect(readNpmDotenv("A='q'\n").get('A')).toBe('q')
    expect(readDockerEnvFile("A='q'\n").get('A')).toBe("'q'")
  })
})

// --- github-env ------------------------------------------------------------------------------

/**
 * The Actions runner's $GITHUB_ENV reader (SetEnvFileCommand): lines split at LF (and at CRLF on
 * Windows); `NAME=value` when `=` comes before any `<<`, else `NAME<<DELIM`, then lines up to one
 * equal to DELIM, joined back without the final line break.
 */
function readGithubEnv(text: string, windows: boolean): Map<string, string> {
  let index = 0
  const readLine = (): { line: string; newline: string } | undefined => {
    if (index >= text.length) return undefined
    const start = index
    const lf = text.indexOf('\n', index)
    if (lf < 0) {
      index = text.length
      return { line: text.slice(start), newline: '' }
    }
    const crlf = windows ? text.indexOf('\r\n', index) : -1
    if (crlf >= 0 && crlf < lf) {
      index = crlf + 2
      return { line: text.slice(start, crlf), newline: '\r\n' }
    }
    index = lf + 1
    return { line: text.slice(start, lf), newline: '\n' }
  }
  const vars = new Map<string, string>()
  for (let r = readLine(); r !== undefined; r = readLine()) {
    const { line } = r
    if (line === '') continue
    const eq = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      vars.set(line.slice(0, eq), line.slice(eq + 1))
    } else if (heredoc >= 0) {
      const name = line.slice(0, heredoc)
      const delimiter = line.slice(heredoc + 2)
      if (!name || !delimiter) throw new Error('empty name or delimiter')
      const start = index
      let end = index
      for (let t = readLine(); t?.line !== delimiter; t = readLine()) {
        if (t === undefined) throw new Error(`delimiter ${delimiter} not found`)
        end = index - t.newline.length
      }
      vars.set(name, end > start ? text.slice(start, end) : '')
    } else throw new Error(`bad line ${JSON.stringify(line)}`)
  }
  return vars
}

describe('github-env', () => {
  it('writes NAME=value for one-line values and a heredoc for multi-line ones', () => {
    expect(formatGithubEnv({ accessKeyId: 'ASIAX', secretAccessKey: 's' }, { region: 'eu-west-1' })).toBe(
      'AWS_ACCESS_KEY_ID=ASIAX\nAWS_SECRET_ACCESS_KEY=s\nAWS_REGION=eu-west-1\nAWS_DEFAULT_REGION=eu-west-1\n',
    )
    expect(githubEnvEntry('X', 'a\nb', 'EOF')).toBe('X<<EOF\na\nb\nEOF')
    expect(githubEnvEntry('X', '', 'EOF')).toBe('X=')
  })

  it('derives a delimiter from the value: deterministic, and absent from the value', () => {
    const a = githubEnvEntry('X', 'one\ntwo')
    expect(a).toMatch(/^X<<ghadelimiter_[0-9a-f]{32}\none\ntwo\nghadelimiter_[0-9a-f]{32}$/)
    expect(githubEnvEntry('X', 'one\ntwo')).toBe(a)
    expect(githubEnvEntry('X', 'one\nthree').split('\n')[0]).not.toBe(a.split('\n')[0])
    // A value holding the delimiter it would get still cannot end the heredoc early.
    const delim = a.split('\n')[0]!.slice(3)
    const hostile = `x\n${delim}\nNODE_OPTIONS=--require=/tmp/evil.js`
    expect([...readGithubEnv(`${githubEnvEntry('X', hostile)}\n`, false)]).toEqual([['X', hostile]])
  })

  it('refuses a caller delimiter that occurs in the value or is not a plain word', () => {
    for (const [v, d] of [
      ['a\nEOF\nb', 'EOF'],
      ['a\nb', 'E\nOF'],
      ['a\nb', ''],
      ['a\nb', 'E=F'],
    ] as const) {
      expect(() => githubEnvEntry('X', v, d)).toThrowError(
        expect.objectContaining({ code: 'invalid-argument' }),
      )
    }
  })

  it('refuses a value ending in CR, which Windows runners drop', () => {
    expect(() => githubEnvEntry('X', 'a\r')).toThrowError(
      expect.objectContaining({ code: 'invalid-argument' }),
    )
  })

  it('round-trips generated values through the runner rules (Linux and Windows), appended to a file', () => {
    fc.assert(
      fc.property(credsArb, credsArb, fc.option(value, { nil: undefined }), (c1, c2, region) => {
        const want = new Map(credentialVariables(c2, { region }))
        let text: string
        try {
          text = formatGithubEnv(c1, {}) + formatGithubEnv(c2, { region })
        } catch (e) {
          expect(e instanceof FormatError).toBe(true)
          const all = [...credentialVariables(c1, {}), ...want].map(([, v]) => v)
          expect(all.some((v) => v.endsWith('\r'))).toBe(true)
          return
        }
        for (const windows of [false, true]) {
          const got = readGithubEnv(text, windows)
          for (const [name, v] of want) expect(got.get(name)).toBe(v)
        }
      }),
      { numRuns: 3000 },
    )
  })
})

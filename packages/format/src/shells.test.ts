/**
 * Round-trips generated credentials through the real shells: the formatter's text is run (sourced,
 * or eval'd / piped to `source` as users do), then every variable is printed NUL-terminated and
 * compared byte for byte. A missing shell skips locally but fails when CI is set.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { formatFish } from './fish.js'
import { formatEnv, formatEnvNoExport } from './posix.js'
import type { Credentials } from './types.js'
import { credentialVariables, type RegionOption } from './values.js'

const NAMES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
] as const

const BATCH = 200
const RUNS = 10 // batches per shell and format: 2,000 cases, locale and mode drawn per batch

// --- generated values -------------------------------------------------------------------------

const codePoint = fc
  .oneof(fc.integer({ min: 1, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff }))
  .map((c) => String.fromCodePoint(c))
const SPECIALS = [
  ...` '"$\`\\\n\r\t!%^&|<>~*?[]{}()#;=:,@+/-.`,
  '\u2018',
  '\u2019',
  '\u201c',
  '\u201d',
  '\u00a0',
  '\u2028',
  '\u0085',
  '\u001b',
  '\u007f',
  'é',
  'ß',
  '中',
  '😀',
  '\uf600', // fish's internal range for undecodable bytes
  '\ufdd0',
  'a',
  'Z',
  '0',
  '\\\n',
  "'\\''",
  '$(id)',
  '`id`',
  `\${A}`,
  '=ls',
  ':=ls',
  '~root',
]
const nasty = fc.oneof(
  fc.string({ unit: fc.constantFrom(...SPECIALS), maxLength: 30 }),
  // Any code point but NUL and surrogates (fast-check's 'binary' unit is ~20x slower).
  fc.string({ unit: codePoint, maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
)
const BASE64 = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/']
const realShaped = fc.oneof(
  fc
    .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), minLength: 16, maxLength: 16 })
    .map((s) => `ASIA${s}`),
  fc.string({ unit: fc.constantFrom(...BASE64), minLength: 40, maxLength: 40 }),
  fc.base64String({ minLength: 200, maxLength: 1200 }),
)
const value = fc.oneof({ arbitrary: nasty, weight: 3 }, { arbitrary: realShaped, weight: 1 })
const expiration = fc.date({
  min: new Date('1970-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
})

interface Case {
  creds: Credentials
  options: RegionOption
}
const caseArb: fc.Arbitrary<Case> = fc.record({
  creds: fc.record({
    accessKeyId: value,
    secretAccessKey: value,
    sessionToken: fc.option(value, { nil: undefined }),
    expiration: fc.option(expiration, { nil: undefined }),
  }),
  options: fc.record({ region: fc.option(value, { nil: undefined }) }),
})
const batchArb = fc.array(caseArb, { minLength: BATCH, maxLength: BATCH })

/** What the shell must end up with: each variable's value, or null for unset. */
function expected(c: Case): (string | null)[] {
  const vars = new Map<string, string>(credentialVariables(c.creds, c.options))
  return NAMES.map((n) => vars.get(n) ?? null)
}

// --- running shells -------------------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'idc-format-shells-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const installed = new Map<string, boolean>()
function hasShell(shell: string): boolean {
  let found = installed.get(shell)
  if (found === undefined) {
    found = spawnSync(shell, ['-c', 'exit 0'], { stdio: 'ignore' }).status === 0
    installed.set(shell, found)
  }
  return found
}

/** `it` that fails in CI but skips locally when the shell is not installed. */
function shellIt(shell: string): typeof it | typeof it.skip {
  return hasShell(shell) || process.env.CI ? it : it.skip
}

let files = 0
/** Writes `text` to a new file in the temporary directory and returns its path. */
function writeTemp(text: string): string {
  const file = join(dir, `f${files++}`)
  writeFileSync(file, text)
  return file
}

function runScript(shell: string, args: string[], script: string, locale: string): string[] {
  if (!hasShell(shell)) throw new Error(`${shell} is not installed (CI installs it: pnpm test:tools)`)
  const out = execFileSync(shell, [...args, writeTemp(script)], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: locale, HOME: dir },
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 20_000,
  })
  return out.toString('utf8').split('\0')
}

/** Reads the records a case printed: a value per name ('s' + value or 'u'), then env -0 output. */
function readCase(records: string[], pos: { i: number }, withEnv: boolean) {
  const shellValues = NAMES.map(() => {
    const r = records[pos.i++] ?? ''
    return r.startsWith('s') ? r.slice(1) : r === 'u' ? null : `<bad record ${JSON.stringify(r)}>`
  })
  const exported = new Map<string, string>()
  if (withEnv) {
    if (records[pos.i++] !== 'ENV-BEGIN') throw new Error('framing lost')
    for (let r = records[pos.i++]; r !== 'ENV-END'; r = records[pos.i++]) {
      if (r === undefined) throw new Error('framing lost')
      const eq = r.indexOf('=')
      exported.set(r.slice(0, eq), r.slice(eq + 1))
    }
  }
  return { shellValues, exported: NAMES.map((n) => exported.get(n) ?? null) }
}

type Mode = 'source' | 'eval'
/** Every 20th case also prints the exported environment as seen by a child process. */
const checksEnv = (i: number) => i % 20 === 0
/** In 'eval' batches every 10th case runs through a process's stdout (a fork each, so not all). */
const viaStdout = (mode: Mode, i: number) => mode === 'eval' && i % 10 === 0

function posixScript(texts: string[], mode: Mode): string {
  let s = ''
  texts.forEach((_, i) => {
    s += `unset ${NAMES.join(' ')}\n`
    // eval "$(...)" is how users run it: command substitution strips the final newline(s).
    s += !viaStdout(mode, i) ? texts[i] : `eval "$(cat '${writeTemp(texts[i] ?? '')}')"\n`
    for (const n of NAMES)
      s += `if [ "\${${n}+x}" = x ]; then printf 's%s\\0' "$${n}"; else printf 'u\\0'; fi\n`
    if (checksEnv(i)) s += `printf 'ENV-BEGIN\\0'; env -0; printf 'ENV-END\\0'\n`
  })
  return s
}

function fishScript(texts: string[], mode: Mode): string {
  let s = ''
  texts.forEach((_, i) => {
    s += `set -e ${NAMES.join(' ')}\n`
    // `aws-idc creds --format fish | source` is how users run it.
    s += !viaStdout(mode, i) ? texts[i] : `cat '${writeTemp(texts[i] ?? '')}' | source\n`
    s += `for v in ${NAMES.join(' ')}; if set -q $v; printf 's%s\\0' $$v; else; printf 'u\\0'; end; end\n`
    if (checksEnv(i)) s += `printf 'ENV-BEGIN\\0'; env -0; printf 'ENV-END\\0'\n`
  })
  return s
}

interface Target {
  shell: string
  /** Command-line variants, one drawn per batch (e.g. options users set in their rc files). */
  args: string[][]
  formatter: (c: Credentials, o: RegionOption) => string
  script: (texts: string[], mode: Mode) => string
  exports: boolean
}

/**
 * One property per shell and format; each batch of 200 picks a locale (bytes vs UTF-8 decoding)
 * and a way of running the text: as a script, or the way users do (`eval "$(cmd)"`, whose command
 * substitution strips trailing newlines; `cmd | source` in fish).
 */
function check(target: Target): void {
  const run = fc.record({
    cases: batchArb,
    locale: fc.constantFrom('C.UTF-8', 'C'),
    mode: fc.constantFrom<Mode>('source', 'eval'),
    args: fc.constantFrom(...target.args),
  })
  fc.assert(
    fc.property(run, ({ cases, locale, mode, args }) => {
      const texts = cases.map((c) => target.formatter(c.creds, c.options))
      const records = runScript(target.shell, args, target.script(texts, mode), locale)
      const pos = { i: 0 }
      cases.forEach((c, i) => {
        const got = readCase(records, pos, checksEnv(i))
        const want = expected(c)
        expect(got.shellValues, `case ${i}: ${JSON.stringify(texts[i])}`).toEqual(want)
        if (checksEnv(i)) {
          expect(got.exported, `exported, case ${i}`).toEqual(target.exports ? want : NAMES.map(() => null))
        }
      })
      expect(pos.i, 'all output consumed').toBe(records.length - 1)
    }),
    { numRuns: RUNS, endOnFailure: true },
  )
}

/**
 * Shell options that change how words are read: bash's POSIX mode; zsh with the options people set
 * in .zshrc that touch quoting and assignments (RC_QUOTES makes '' a quote inside quotes,
 * EXTENDED_GLOB makes ^ # ~ special, MAGIC_EQUAL_SUBST expands after = in arguments).
 */
const POSIX_ARGS: Record<string, string[][]> = {
  bash: [[], ['--posix']],
  dash: [[]],
  zsh: [
    ['-f'],
    [
      '-f',
      '-o',
      'rcquotes',
      '-o',
      'extendedglob',
      '-o',
      'magicequalsubst',
      '-o',
      'globsubst',
      '-o',
      'kshglob',
    ],
  ],
}

const TARGETS: Record<string, Target[]> = {
  env: ['bash', 'dash', 'zsh'].map((shell) => ({
    shell,
    args: POSIX_ARGS[shell] ?? [[]],
    formatter: formatEnv,
    script: posixScript,
    exports: true,
  })),
  'env-no-export': ['bash', 'dash', 'zsh'].map((shell) => ({
    shell,
    args: POSIX_ARGS[shell] ?? [[]],
    formatter: formatEnvNoExport,
    script: posixScript,
    exports: false,
  })),
  fish: [
    { shell: 'fish', args: [['--no-config']], formatter: formatFish, script: fishScript, exports: true },
  ],
}

for (const [format, targets] of Object.entries(TARGETS)) {
  describe(`${format} through real shells`, () => {
    for (const target of targets) {
      shellIt(target.shell)(
        `${target.shell}: ${RUNS * BATCH} generated credentials`,
        () => check(target),
        60_000,
      )
    }
  })
}

describe('the shell harness', () => {
  // Guards against a harness that would pass whatever the formatter wrote.
  it.runIf(hasShell('bash'))('notices a wrongly quoted value', () => {
    const bad: Target = {
      shell: 'bash',
      args: [[]],
      formatter: (c) => `export AWS_ACCESS_KEY_ID=${c.accessKeyId}\n`,
      script: posixScript,
      exports: true,
    }
    const records = runScript(
      'bash',
      [],
      posixScript([bad.formatter({ accessKeyId: 'a b$HOME', secretAccessKey: '' }, {})], 'source'),
      'C',
    )
    const got = readCase(records, { i: 0 }, true)
    expect(got.shellValues[0]).not.toBe('a b$HOME')
  })
})

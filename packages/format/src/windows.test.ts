/**
 * PowerShell and cmd.exe are not installed here, so each gets a small reference reader written
 * from its documented rules (PowerShell's tokenizer for string literals; cmd's parsing phases for
 * a prompt, a batch file and a `for /f` loop, with and without delayed expansion). Generated values
 * are round-tripped through them, and fixed tricky inputs are checked against exact text.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FormatError } from './errors.js'
import { formatPowerShell, quotePowerShell } from './powershell.js'
import type { Credentials } from './types.js'
import { credentialVariables } from './values.js'
import { cmdSet, formatWindowsCmd } from './windows-cmd.js'

const codePoint = fc
  .oneof(fc.integer({ min: 1, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff }))
  .map((c) => String.fromCodePoint(c))
const SPECIALS = [
  ...` '"$\`\\\n\r\t!%^&|<>~*?[](){}#;=:,@+/-.`,
  '\u2018',
  '\u2019',
  '\u201a',
  '\u201b',
  '\u201c',
  '\u201d',
  '\u201e',
  '\u00a0',
  '\u0085',
  '\u2028',
  'é',
  '😀',
  'a',
  '0',
  '%PATH%',
  '!PATH!',
  '$(whoami)',
  `\${env:PATH}`,
  "''",
]
const value = fc.oneof(
  fc.string({ unit: fc.constantFrom(...SPECIALS), maxLength: 30 }),
  fc.string({ unit: codePoint, maxLength: 30 }),
  fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='),
    maxLength: 60,
  }),
)

// --- PowerShell ------------------------------------------------------------------------------

const PS_SINGLE = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b'])
const PS_DOUBLE = new Set(['"', '\u201c', '\u201d', '\u201e'])

/**
 * Reads `$Env:NAME=<string literal>` statements, one per line. Single-quoted: verbatim, and a
 * quote character followed by another one stands for the second. Double-quoted: a `$` or backtick
 * would expand or escape, which this reader rejects outright (stricter than PowerShell).
 */
function readPowerShell(text: string): Map<string, string> {
  const vars = new Map<string, string>()
  let i = 0
  while (i < text.length) {
    const head = /^\$Env:([A-Z_]+)=/.exec(text.slice(i))
    if (!head) throw new Error(`not an assignment at ${i}`)
    i += head[0].length
    const open = text[i++] as string
    let out = ''
    if (PS_SINGLE.has(open)) {
      for (;;) {
        const c = text[i]
        if (c === undefined) throw new Error('unterminated single-quoted string')
        if (PS_SINGLE.has(c)) {
          const next = text[i + 1]
          if (next !== undefined && PS_SINGLE.has(next)) {
            out += next
            i += 2
            continue
          }
          i++
          break
        }
        out += c
        i++
      }
    } else if (PS_DOUBLE.has(open)) {
      for (;;) {
        const c = text[i]
        if (c === undefined) throw new Error('unterminated double-quoted string')
        if (c === '$' || c === '`') throw new Error(`${c} is special in a double-quoted string`)
        i++
        if (PS_DOUBLE.has(c)) break
        out += c
      }
    } else {
      throw new Error(`expected a string literal, got ${JSON.stringify(open)}`)
    }
    if (text[i++] !== '\n') throw new Error('expected the end of the line after the string')
    vars.set(head[1] as string, out)
  }
  return vars
}

describe('powershell', () => {
  it.each([
    ['ASIAMOCKB21E9975F347', '"ASIAMOCKB21E9975F347"'],
    ['wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"'],
    ['a%b', '"a%b"'],
    ['', '""'],
    ["it's", "'it''s'"],
    ['it\u2019s', "'it\u2019\u2019s'"],
    ['\u2018x\u201b\u201a', "'\u2018\u2018x\u201b\u201b\u201a\u201a'"],
    ['say "hi"', `'say "hi"'`],
    ['\u201cx\u201d\u201e', "'\u201cx\u201d\u201e'"],
    ['$env:PATH', "'$env:PATH'"],
    ['$(whoami)', "'$(whoami)'"],
    ['a`nb', "'a`nb'"],
    ['a b', "'a b'"],
    ['^&!|<>;', "'^&!|<>;'"],
    ['two\nlines', "'two\nlines'"],
  ])('%j is written as %s', (input, literal) => {
    expect(quotePowerShell(input)).toBe(literal)
    expect(readPowerShell(`$Env:X=${literal}\n`).get('X')).toBe(input)
  })

  it('the reader catches a value left unescaped in double quotes', () => {
    expect(() => readPowerShell('$Env:X="a$b"\n')).toThrow()
    expect(readPowerShell("$Env:X='it'\n").get('X')).not.toBe("it's")
    expect(() => readPowerShell("$Env:X='it's'\n")).toThrow()
  })

  it('round-trips generated credentials through the reader', () => {
    const creds = fc.record({
      accessKeyId: value,
      secretAccessKey: value,
      sessionToken: fc.option(value, { nil: undefined }),
    })
    fc.assert(
      fc.property(creds, fc.option(value, { nil: undefined }), (c: Credentials, region) => {
        const vars = readPowerShell(formatPowerShell(c, { region }))
        expect([...vars]).toEqual(credentialVariables(c, { region }))
      }),
      { numRuns: 5000 },
    )
  })
})

// --- cmd.exe ---------------------------------------------------------------------------------

type CmdContext = 'prompt' | 'batch' | 'for-f'
const CMD_ENV: Readonly<Record<string, string>> = { PATH: 'C:\\Windows', X: 'expanded' }

/** Phase 1, percent expansion: batch files and the prompt differ (`for /f ... do %a` has none). */
function percentPhase(line: string, context: CmdContext): string {
  if (context === 'for-f') return line
  let out = ''
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string
    if (c !== '%') {
      out += c
      continue
    }
    if (context === 'batch' && line[i + 1] === '%') {
      out += '%'
      i++
      continue
    }
    const close = line.indexOf('%', i + 1)
    const name = close > i + 1 ? line.slice(i + 1, close) : undefined
    if (name !== undefined && CMD_ENV[name] !== undefined) {
      out += CMD_ENV[name]
      i = close
    } else if (context === 'batch') {
      // An undefined %name% becomes nothing; a lone % is dropped.
      if (close > i) i = close
    } else {
      out += c // the prompt leaves what it cannot expand
    }
  }
  return out
}

/** Phase 2: quotes toggle; outside them `^` escapes and `& | < >` end the command. */
function specialCharPhase(line: string, context: CmdContext): string {
  if (context === 'for-f') return line // %a is substituted after this phase
  let out = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string
    if (c === '"') quoted = !quoted
    else if (!quoted && c === '^') {
      i++
      out += line[i] ?? ''
      continue
    } else if (!quoted && '&|<>'.includes(c)) throw new Error(`${c} outside quotes would run or redirect`)
    out += c
  }
  return out
}

/** Phase 5, delayed expansion: only on lines holding a `!`; then carets escape and !name! expands. */
function delayedPhase(line: string): string {
  if (!line.includes('!')) return line
  let out = ''
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string
    if (c === '^') {
      i++
      out += line[i] ?? ''
    } else if (c === '!') {
      const close = line.indexOf('!', i + 1)
      if (close > i) out += CMD_ENV[line.slice(i + 1, close)] ?? ''
      i = Math.max(close, i)
    } else out += c
  }
  return out
}

/** The `set` command: `set "NAME=value"` keeps up to the last quote; an empty value unsets. */
function runSet(line: string): [string, string | undefined] {
  if (!line.startsWith('set ')) throw new Error('not a set command')
  let arg = line.slice(4)
  if (arg.startsWith('"')) {
    const last = arg.lastIndexOf('"')
    arg = last > 0 ? arg.slice(1, last) : arg.slice(1)
  }
  const eq = arg.indexOf('=')
  if (eq <= 0) throw new Error('set without NAME=')
  const value = arg.slice(eq + 1)
  return [arg.slice(0, eq), value === '' ? undefined : value]
}

function readCmd(text: string, context: CmdContext, delayed: boolean): Map<string, string | undefined> {
  if (!text.endsWith('\n')) throw new Error('last line not terminated')
  const vars = new Map<string, string | undefined>()
  for (const raw of text.slice(0, -1).split('\n')) {
    let line = specialCharPhase(percentPhase(raw, context), context)
    if (delayed) line = delayedPhase(line)
    const [name, value] = runSet(line)
    vars.set(name, value)
  }
  return vars
}

const CONTEXTS: CmdContext[] = ['prompt', 'batch', 'for-f']

describe('windows-cmd', () => {
  it.each([
    ['ASIAMOCKB21E9975F347', 'set X=ASIAMOCKB21E9975F347'],
    ['wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY==', 'set X=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY=='],
    ['2026-11-22T11:12:05+00:00', 'set X=2026-11-22T11:12:05+00:00'],
    ['a b ', 'set "X=a b "'],
    ['a&b', 'set "X=a&b"'],
    ['a^b', 'set "X=a^b"'],
    ['|<>()', 'set "X=|<>()"'],
    ["it's", `set "X=it's"`],
    ['it\u2019s', 'set "X=it\u2019s"'],
    ['$x`y', 'set "X=$x`y"'],
    [';,=', 'set "X=;,="'],
  ])('%j is written as %s', (input, line) => {
    expect(cmdSet('X', input)).toBe(line)
    for (const context of CONTEXTS) {
      for (const delayed of [false, true]) expect(readCmd(`${line}\n`, context, delayed).get('X')).toBe(input)
    }
  })

  it.each([['a%PATH%b'], ['100%'], ['hi!'], ['say "hi"'], ['two\nlines'], ['cr\r'], ['tab\t'], ['\u001a']])(
    'refuses %j with invalid-argument',
    (input) => {
      expect(() => cmdSet('X', input)).toThrowError(expect.objectContaining({ code: 'invalid-argument' }))
    },
  )

  it('names the offending character and suggests another format', () => {
    const err = (() => {
      try {
        formatWindowsCmd({ accessKeyId: 'A', secretAccessKey: 'x%y' })
      } catch (e) {
        return e
      }
    })()
    expect(err instanceof FormatError).toBe(true)
    expect((err as FormatError).message).toContain('AWS_SECRET_ACCESS_KEY contains %')
    expect((err as FormatError).hint).toContain('powershell')
  })

  it('the reader catches the spellings that only work in some contexts', () => {
    // Bare special characters run a second command at the prompt and in batch files.
    expect(() => readCmd('set X=a&b\n', 'prompt', false)).toThrow()
    // %% is right for a batch file, wrong at the prompt.
    expect(readCmd('set "X=100%%"\n', 'batch', false).get('X')).toBe('100%')
    expect(readCmd('set "X=100%%"\n', 'prompt', false).get('X')).toBe('100%%')
    // ! vanishes with delayed expansion on.
    expect(readCmd('set "X=hi!"\n', 'batch', true).get('X')).toBe('hi')
    // Carets outside quotes are removed at the prompt, kept by a for /f loop.
    expect(readCmd('set X=a^&b\n', 'prompt', false).get('X')).toBe('a&b')
    expect(readCmd('set X=a^&b\n', 'for-f', false).get('X')).toBe('a^&b')
  })

  it('an empty value is written as the CLI does and unsets the variable', () => {
    expect(cmdSet('X', '')).toBe('set X=')
    expect(readCmd('set X=\n', 'prompt', false).get('X')).toBeUndefined()
  })

  it('round-trips generated credentials in every context, or refuses only for the documented reasons', () => {
    const creds = fc.record({
      accessKeyId: value,
      secretAccessKey: value,
      sessionToken: fc.option(value, { nil: undefined }),
    })
    let written = 0
    fc.assert(
      fc.property(creds, fc.option(value, { nil: undefined }), (c: Credentials, region) => {
        const want = credentialVariables(c, { region }).map(([n, v]) => [n, v === '' ? undefined : v])
        let text: string
        try {
          text = formatWindowsCmd(c, { region })
        } catch (e) {
          expect(e instanceof FormatError && e.code === 'invalid-argument').toBe(true)
          expect(want.some(([, v]) => v !== undefined && /[%!"\u0000-\u001f\u007f]/.test(v))).toBe(true)
          return
        }
        written++
        for (const context of CONTEXTS) {
          for (const delayed of [false, true]) expect([...readCmd(text, context, delayed)]).toEqual(want)
        }
      }),
      { numRuns: 5000 },
    )
    // Most generated values must actually be written, or the property above proves little.
    expect(written).toBeGreaterThan(1000)
  })
})

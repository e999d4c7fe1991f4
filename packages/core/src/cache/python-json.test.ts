import { spawnSync } from 'node:child_process'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareCodePoints, type PyJsonValue, pythonJsonDumps } from './python-json.js'

/**
 * Python prints, for every input line, `json.dumps(sort_keys=True)` then the compact form. One
 * process per batch keeps thousands of comparisons well under a second.
 */
const PYTHON = `
import json, sys
for line in sys.stdin:
    v = json.loads(line)
    print(json.dumps(v, sort_keys=True))
    print(json.dumps(v, sort_keys=True, separators=(',', ':')))
`

function pythonDumps(values: unknown[]): Array<{ spaced: string; compact: string }> {
  const input = values.map((v) => `${JSON.stringify(v)}\n`).join('')
  const run = spawnSync('python3', ['-c', PYTHON], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`)
  const lines = run.stdout.split('\n')
  return values.map((_, i) => ({ spaced: lines[2 * i] as string, compact: lines[2 * i + 1] as string }))
}

// Strings that stress every escaping rule: control characters, quotes and backslashes, `/`, DEL,
// Latin-1, BMP, astral characters (surrogate pairs), lone surrogates, and U+FFFF vs U+10000
// (whose order differs between UTF-16 and code points).
const char = fc.oneof(
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom('"', '\\', '/', '\u007f', '\u2028', '\uffff', '\u{10000}', '\u{1f600}', 'é', '\u0000'),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
)
const str = fc.string({ unit: char, maxLength: 12 })
const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.maxSafeInteger(),
)
const value = fc.letrec<{ v: PyJsonValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    number,
    str,
    fc.array(tie('v'), { maxLength: 5 }),
    fc.dictionary(str, tie('v'), { maxKeys: 6 }),
  ),
})).v

// The shape actually hashed for registration files, with arbitrary strings in every slot.
const registrationKey = fc.record({
  region: str,
  scopes: fc.option(fc.array(str, { maxLength: 4 }), { nil: null }),
  session_name: fc.option(str, { nil: null }),
  startUrl: str,
  tool: fc.constant('botocore'),
})

describe('pythonJsonDumps', () => {
  it('matches the documented registration-key text', () => {
    expect(
      pythonJsonDumps(
        {
          tool: 'botocore',
          startUrl: 'https://d-1234567890.awsapps.com/start',
          session_name: 'my-sso',
          scopes: ['sso:account:access'],
          region: 'us-east-1',
        },
        { sortKeys: true },
      ),
    ).toBe(
      '{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "my-sso", "startUrl": "https://d-1234567890.awsapps.com/start", "tool": "botocore"}',
    )
  })

  it('escapes like ensure_ascii, keeps / and insertion order without sortKeys', () => {
    expect(pythonJsonDumps({ b: 'é/\u{1f600}\n"\\\u007f', a: [1, null, true] })).toBe(
      '{"b": "\\u00e9/\\ud83d\\ude00\\n\\"\\\\\\u007f", "a": [1, null, true]}',
    )
    expect(pythonJsonDumps({ b: 1, a: [] }, { sortKeys: true, compact: true })).toBe('{"a":[],"b":1}')
  })

  it('sorts keys by code point, not UTF-16 unit', () => {
    expect(Object.keys({ '\u{10000}': 1, '\uffff': 2 }).sort()).toEqual(['\u{10000}', '\uffff'])
    expect(pythonJsonDumps({ '\u{10000}': 1, '\uffff': 2 }, { sortKeys: true })).toBe(
      '{"\\uffff": 2, "\\ud800\\udc00": 1}',
    )
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0)
    expect(compareCodePoints('a', 'a')).toBe(0)
  })

  it('prints floats like Python repr', () => {
    expect(pythonJsonDumps([1.5, 1e-7, 1e21, 0.0001, 1.5e300, -2.5e-5, 123.456])).toBe(
      '[1.5, 1e-07, 1e+21, 0.0001, 1.5e+300, -2.5e-05, 123.456]',
    )
  })

  it('rejects non-finite numbers', () => {
    expect(() => pythonJsonDumps(Number.NaN)).toThrow(TypeError)
  })

  it('equals python3 json.dumps(sort_keys=True) on thousands of arbitrary values', () => {
    const samples = [
      ...fc.sample(value, { numRuns: 3000, seed: 42 }),
      ...fc.sample(registrationKey, { numRuns: 2000, seed: 7 }),
      ...fc.sample(value, 2000), // a fresh seed every run widens coverage over time
    ]
    const expected = pythonDumps(samples)
    const mismatches = samples
      .map((v, i) => ({
        input: JSON.stringify(v),
        ours: [pythonJsonDumps(v, { sortKeys: true }), pythonJsonDumps(v, { sortKeys: true, compact: true })],
        python: [expected[i]?.spaced, expected[i]?.compact],
      }))
      .filter((m) => m.ours[0] !== m.python[0] || m.ours[1] !== m.python[1])
    expect(mismatches.slice(0, 3)).toEqual([])
  })
})

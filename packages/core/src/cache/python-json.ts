/**
 * A re-implementation of Python's `json.dumps` for the values the AWS cache keys are made of.
 * File names in `~/.aws/sso/cache` and `~/.aws/cli/cache` are SHA-1 hashes of what Python prints,
 * so every byte must match; `JSON.stringify` differs (no spaces, no `\uXXXX` escaping, insertion
 * order, UTF-16 key order), and no npm package reproduces Python's output exactly.
 */

import { pythonJsonString as encodeString } from '@idc/format/python-json'

export type PyJsonValue = null | boolean | number | string | readonly PyJsonValue[] | PyJsonObject
export interface PyJsonObject {
  readonly [key: string]: PyJsonValue
}

export interface PyJsonOptions {
  /** `sort_keys=True`: keys ordered by Unicode code point, as Python compares `str`. */
  sortKeys?: boolean
  /** `separators=(',', ':')` instead of the default `(', ', ': ')`. */
  compact?: boolean
}

export function pythonJsonDumps(value: PyJsonValue, options: PyJsonOptions = {}): string {
  const itemSep = options.compact ? ',' : ', '
  const keySep = options.compact ? ':' : ': '
  const sortKeys = options.sortKeys ?? false

  const encode = (v: PyJsonValue): string => {
    if (v === null) return 'null'
    if (v === true) return 'true'
    if (v === false) return 'false'
    if (typeof v === 'string') return encodeString(v)
    if (typeof v === 'number') return encodeNumber(v)
    if (Array.isArray(v)) return `[${v.map(encode).join(itemSep)}]`
    const obj = v as PyJsonObject
    const keys = Object.keys(obj)
    if (sortKeys) keys.sort(compareCodePoints)
    return `{${keys.map((k) => `${encodeString(k)}${keySep}${encode(obj[k] as PyJsonValue)}`).join(itemSep)}}`
  }
  return encode(value)
}

/**
 * JavaScript has one number type; Python has int and float. A number is printed as the value
 * Python would hold after `json.loads` of `JSON.stringify`'s text: digits only → int (printed
 * as digits), otherwise → float (printed with `repr`). Keys never contain numbers; this exists so
 * that the encoder is total over JSON values and can be property-tested against Python.
 */
function encodeNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`Cannot encode ${n} as JSON`)
  const text = JSON.stringify(n)
  if (/^-?\d+$/.test(text)) return text
  return pythonFloatRepr(n)
}

/**
 * Python's `repr(float)`: the shortest round-trip digits (the same digits JavaScript picks), in
 * fixed notation when the decimal exponent is in [-4, 16) and scientific (`1e-05`, `1.5e+16`)
 * otherwise, always with a `.0` on integral fixed values.
 */
function pythonFloatRepr(n: number): string {
  const [mantissa = '', exp = '0'] = n.toExponential().split('e')
  const negative = mantissa.startsWith('-')
  const digits = mantissa.replace('-', '').replace('.', '')
  const e = Number(exp)
  const sign = negative ? '-' : ''
  if (e < -4 || e >= 16) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : ''
    const expDigits = String(Math.abs(e)).padStart(2, '0')
    return `${sign}${digits[0]}${frac}e${e < 0 ? '-' : '+'}${expDigits}`
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`
  const intPart = digits.slice(0, e + 1).padEnd(e + 1, '0')
  const fracPart = digits.slice(e + 1)
  return `${sign}${intPart}.${fracPart || '0'}`
}

/** Orders strings by Unicode code point (Python), not by UTF-16 code unit (`Array.sort`). */
export function compareCodePoints(a: string, b: string): number {
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i) as number
    const cb = b.codePointAt(j) as number
    if (ca !== cb) return ca - cb
    i += ca > 0xffff ? 2 : 1
    j += cb > 0xffff ? 2 : 1
  }
  return a.length - i - (b.length - j)
}

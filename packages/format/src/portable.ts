import { FormatError, type FormatErrorCode } from './errors.js'

/*
 * The subset of INI that the AWS CLI (configparser + shlex) and the JS SDK (regex parser) both read
 * back to the same values (docs/reference.md#portable-ini). Everything aws-idc writes to a shared
 * file must pass these checks: @idc/core's config editor and the `ini` credentials format use them
 * alike. It lives here, under the formatters, because `formatIni` needs it and this package depends
 * on nothing; @idc/core imports it from `@idc/format/portable`. Errors are FormatErrors, which
 * @idc/core's `IdcError.is` recognises.
 */

/** Which shared file a section is in. */
export type IniFileKind = 'config' | 'credentials'

/** A section of a shared file: `[profile x]` / `[x]`, `[sso-session x]`, `[services x]`. */
export interface SectionRef {
  file: IniFileKind
  type: 'profile' | 'sso-session' | 'services'
  name: string
}

/** Values of a section in write order; an object value becomes an indented sub-section (`sso =` / `  endpoint_url = ...`). */
export type SectionValues = Readonly<Record<string, string | Readonly<Record<string, string>>>>

/** The characters of a section name both tools read back (the JS SDK's prefixed-name pattern). */
const NAME_CHARS = 'A-Za-z0-9_\\-.@+%:/'
const NAME = new RegExp(`^[${NAME_CHARS}]+$`)
const NOT_NAME = new RegExp(`[^${NAME_CHARS}]+`, 'g')
const KEY = /^[a-z0-9_]+$/
const CONTROL = /[\x00-\x1f\x7f\x85\u2028\u2029\ufeff]/
/**
 * botocore opens the shared files in the locale's encoding (cp1252 on many Windows machines), so
 * only printable ASCII reads back the same everywhere.
 */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/
/** Where the JS SDK starts a comment: `#`/`;` at the start or after whitespace. */
const JS_COMMENT = /(^|\s)[#;]/
const SECRET_KEY = /secret|token|password/i

/** Whether `name` is made only of the characters both tools read back in a section name. */
export function isPortableName(name: string): boolean {
  return NAME.test(name)
}

/**
 * `text` made into a portable section name: each run of other characters becomes one `-`, and `-`
 * is trimmed at both ends (e.g. `My Account / Admin` -> `My-Account-/-Admin`).
 */
export function toPortableName(text: string): string {
  return text.replace(NOT_NAME, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '')
}

/** A profile, sso-session or services name both tools can read back. */
export function checkSectionName(ref: SectionRef): void {
  const what = ref.type === 'profile' ? 'profile' : ref.type
  if (!NAME.test(ref.name) || ref.name === '__proto__') {
    throw new FormatError(
      'invalid-name',
      `${JSON.stringify(ref.name)} cannot be used as ${article(what)} ${what} name: ${
        ref.name === '__proto__'
          ? 'the JS SDK rejects it'
          : 'only letters, digits and _ - . @ + % : / are allowed (the JS SDK cannot read spaces or other characters)'
      }.`,
      {
        hint: `Choose ${article(what)} ${what} name such as my-${what}.`,
        details: { name: ref.name, type: ref.type },
      },
    )
  }
  if (ref.file === 'credentials') {
    if (ref.type !== 'profile') {
      throw new FormatError(
        'invalid-argument',
        `The credentials file holds only profiles, not ${ref.type} sections.`,
        {
          hint: 'Write sso-session and services sections to the config file.',
        },
      )
    }
    if (ref.name === 'DEFAULT') {
      throw new FormatError(
        'invalid-name',
        '"DEFAULT" cannot be used as a profile name in the credentials file.',
        {
          hint: 'The AWS CLI applies a [DEFAULT] section to every profile; use "default" for the default profile.',
          details: { name: ref.name },
        },
      )
    }
  }
}

/** A key both tools read the same: lower case (configparser lower-cases, JS does not), no dots (JS nesting). */
export function checkKey(key: string): void {
  if (!KEY.test(key) || key === '__proto__') {
    throw new FormatError(
      'invalid-name',
      `${JSON.stringify(key)} cannot be used as a config key: only lower-case letters, digits and _ are allowed.`,
      { hint: 'Use a lower-case key such as sso_region.', details: { key } },
    )
  }
}

/** Why both tools would not read `value` back unchanged, or undefined when they would. */
function valueProblem(value: string): string | undefined {
  if (value === '')
    return 'it is empty (the JS SDK would read the next lines as a sub-section); remove the key instead'
  if (CONTROL.test(value)) return 'it contains a line break or another control character'
  if (value !== value.trim()) return 'it starts or ends with whitespace, which both tools drop'
  if (JS_COMMENT.test(value))
    return 'the JS SDK would cut it at a "#" or ";" that starts it or follows whitespace'
  if (NOT_PRINTABLE_ASCII.test(value)) {
    return 'it has a character outside printable ASCII, which the AWS CLI reads in the locale encoding (cp1252 on many Windows machines)'
  }
  return undefined
}

export interface CheckValueOptions {
  /** The error code (default `invalid-name`); the `ini` format reports `invalid-argument`. */
  code?: FormatErrorCode | undefined
  details?: Record<string, unknown> | undefined
}

/**
 * A value both tools read back unchanged: one line of printable ASCII, no surrounding whitespace,
 * nothing the JS SDK takes for a comment. The one value rule for everything aws-idc writes to a
 * shared file (config editor, `creds --write-profile`, `creds --format ini`).
 */
export function checkValue(key: string, value: string, options: CheckValueOptions = {}): void {
  const problem = valueProblem(value)
  if (!problem) return
  const shown = SECRET_KEY.test(key) ? '[redacted]' : JSON.stringify(value)
  throw new FormatError(
    options.code ?? 'invalid-name',
    `The value ${shown} for ${key} cannot be written: ${problem}.`,
    {
      hint: `Give ${key} a single-line value of printable ASCII without leading or trailing spaces and without " #" or " ;".`,
      details: { key, ...options.details },
    },
  )
}

export function checkSectionValues(values: SectionValues): void {
  for (const [key, value] of Object.entries(values)) {
    checkKey(key)
    if (typeof value === 'string') {
      checkValue(key, value)
      continue
    }
    const entries = Object.entries(value)
    if (entries.length === 0) {
      throw new FormatError('invalid-argument', `The sub-section ${key} has no keys.`, {
        hint: `Give ${key} at least one nested key, such as endpoint_url.`,
        details: { key },
      })
    }
    for (const [child, childValue] of entries) {
      checkKey(child)
      checkValue(`${key}.${child}`, childValue)
    }
  }
}

/** "an sso-session", "a profile", "a services": by sound, and "sso" is said "ess-ess-oh". */
function article(word: string): string {
  return /^([aeiou]|sso)/.test(word) ? 'an' : 'a'
}

import { IdcError } from '../errors.js'
import type { SectionRef, SectionValues } from './types.js'

/*
 * The subset of INI that the AWS CLI (configparser + shlex) and the JS SDK (regex parser) both read
 * back to the same values (PROTOCOL §5.3). Everything aws-idc writes must pass these checks.
 */

const NAME = /^[A-Za-z0-9_\-.@+%:/]+$/
const KEY = /^[a-z0-9_]+$/
const CONTROL = /[\x00-\x1f\x7f\x85\u2028\u2029\ufeff]/
/** Where the JS SDK starts a comment: `#`/`;` at the start or after whitespace. */
const JS_COMMENT = /(^|\s)[#;]/
const SECRET_KEY = /secret|token|password/i

/** A profile, sso-session or services name both tools can read back. */
export function checkSectionName(ref: SectionRef): void {
  const what = ref.type === 'profile' ? 'profile' : ref.type
  if (!NAME.test(ref.name) || ref.name === '__proto__') {
    throw new IdcError(
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
      throw new IdcError(
        'invalid-argument',
        `The credentials file holds only profiles, not ${ref.type} sections.`,
        {
          hint: 'Write sso-session and services sections to the config file.',
        },
      )
    }
    if (ref.name === 'DEFAULT') {
      throw new IdcError(
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
    throw new IdcError(
      'invalid-name',
      `${JSON.stringify(key)} cannot be used as a config key: only lower-case letters, digits and _ are allowed.`,
      { hint: 'Use a lower-case key such as sso_region.', details: { key } },
    )
  }
}

/** A value both tools read back unchanged: one line, no surrounding whitespace, nothing JS takes for a comment. */
export function checkValue(key: string, value: string): void {
  const problem =
    value === ''
      ? 'it is empty (the JS SDK would read the next lines as a sub-section); remove the key instead'
      : CONTROL.test(value)
        ? 'it contains a line break or another control character'
        : value !== value.trim()
          ? 'it starts or ends with whitespace, which both tools drop'
          : JS_COMMENT.test(value)
            ? 'the JS SDK would cut it at a "#" or ";" that starts it or follows whitespace'
            : undefined
  if (!problem) return
  const shown = SECRET_KEY.test(key) ? '[redacted]' : JSON.stringify(value)
  throw new IdcError('invalid-name', `The value ${shown} for ${key} cannot be written: ${problem}.`, {
    hint: `Give ${key} a single-line value without leading or trailing spaces and without " #" or " ;".`,
    details: { key },
  })
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
      throw new IdcError('invalid-argument', `The sub-section ${key} has no keys.`, {
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

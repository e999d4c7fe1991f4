import { IdcError } from '../errors.js'

export interface JsEntry {
  value: string
  /** 1-based line the value came from (the last one when a key repeats: the JS SDK keeps the last). */
  line: number
}

export interface JsSection {
  /** Text between the brackets of the first header that opened this section key. */
  header: string
  /** That header's 1-based line. */
  line: number
  entries: Map<string, JsEntry>
}

const PREFIX_KEY = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/
const SECTION_TYPES = new Set(['profile', 'sso-session', 'services'])
const BLOCKED_NAMES = new Set(['__proto__', 'profile __proto__'])

/** The part of a line the JS SDK looks at: everything before a `#`/`;` that starts the line or follows whitespace. */
export function jsStripComment(line: string): string {
  return line.split(/(^|\s)[;#]/)[0]!.trim()
}

/**
 * The section key the JS SDK files a header under (`profile.dev`, `sso-session.x`, `default`, `x`),
 * or undefined when it ignores the section. `name` is the text between the brackets.
 */
export function jsSectionKey(name: string): string | undefined {
  const match = PREFIX_KEY.exec(name)
  if (!match) return name
  return SECTION_TYPES.has(match[1]!) ? `${match[1]}.${match[3]}` : undefined
}

/**
 * Parses like the JS SDK's `parseIni` (@smithy/core config): inline comments, `=` only, keys kept as
 * written, `parent =` + indented lines become `parent.child`, sections merged on repetition, the
 * last value of a repeated key wins. Sections without keys do not exist for it.
 */
export function parseJs(lines: readonly string[], file: string): Map<string, JsSection> {
  const map = new Map<string, JsSection>()
  let current: string | undefined
  let currentLine = 0
  let currentHeader = ''
  let sub: string | undefined
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!
    const trimmed = jsStripComment(raw)
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
      const name = trimmed.slice(1, -1)
      current = jsSectionKey(name)
      currentLine = i + 1
      currentHeader = name
      sub = undefined
      if (BLOCKED_NAMES.has(name)) {
        // The SDK throws, and its loader then treats the whole file as empty.
        throw new IdcError(
          'config-parse',
          `Unable to parse config file: ${file}, line ${i + 1}: the JS SDK rejects the section name [${name}] and then ignores the whole file.`,
          { hint: `Rename the section on line ${i + 1} of ${file}.`, details: { file, line: i + 1 } },
        )
      }
      continue
    }
    if (current === undefined) continue
    const eq = trimmed.indexOf('=')
    if (eq <= 0) continue
    const name = trimmed.slice(0, eq).trim()
    const value = trimmed.slice(eq + 1).trim()
    if (value === '') {
      sub = name
      continue
    }
    if (sub !== undefined && raw.trimStart() === raw) sub = undefined
    let section = map.get(current)
    if (!section) {
      section = { header: currentHeader, line: currentLine, entries: new Map() }
      map.set(current, section)
    }
    section.entries.set(sub === undefined ? name : `${sub}.${name}`, { value, line: i + 1 })
  }
  return map
}

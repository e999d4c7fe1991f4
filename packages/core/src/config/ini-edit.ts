import { checkKey, checkSectionName, checkSectionValues, checkValue } from '@idc/format/portable'
import { IdcError } from '../errors.js'
import { classifyLines, headerName, type LineKind } from './ini-classify.js'
import { jsSectionKey, jsStripComment } from './ini-js.js'
import { dominantEol, joinLines, type Line, splitLines } from './ini-lines.js'
import { shlexSplit } from './shlex.js'
import type { SectionRef, SectionValues } from './types.js'

/*
 * Byte-preserving edits of one section of a shared INI file. Every line outside the edited span
 * keeps its bytes (comments, blank lines, order, line endings, a missing final newline, other
 * tools' sections). A section's span is its header through its last key or continuation line;
 * comments and blank lines after that belong to what follows. Line structure is classified as
 * botocore's configparser does (the stricter reader); headers are matched as either tool maps them.
 */

interface Structure {
  lines: Line[]
  kinds: LineKind[]
  /** configparser's option name of each 'key' line. */
  keys: (string | undefined)[]
}

/** The header aws-idc writes for `ref` (`[default]`, `[profile x]`, `[sso-session x]`, `[services x]`, credentials `[x]`). */
export function sectionHeader(ref: SectionRef): string {
  if (ref.file === 'credentials') return `[${ref.name}]`
  if (ref.type === 'profile') return ref.name === 'default' ? '[default]' : `[profile ${ref.name}]`
  return `[${ref.type} ${ref.name}]`
}

/** Adds `ref` at the end, or replaces its header and keys in place. */
export function upsertSection(text: string, ref: SectionRef, values: SectionValues): string {
  checkSectionName(ref)
  checkSectionValues(values)
  const s = analyse(text)
  const found = findSection(s, ref)
  const eol = dominantEol(s.lines)
  if (!found) return appendSection(s, [sectionHeader(ref), ...renderValues(values)], eol)
  const { header, end } = found
  const headerText = headerBelongsToBoth(s.lines[header]!.text, ref)
    ? s.lines[header]!.text
    : sectionHeader(ref)
  const texts = [headerText, ...renderValues(values)]
  return replaceLines(s.lines, header, end, texts, eol)
}

/**
 * Removes `ref` (and one blank line after it when that avoids a double gap); unchanged if absent.
 * The bytes before and after are kept as they are, so the line before keeps its line ending.
 */
export function removeSection(text: string, ref: SectionRef): string {
  checkSectionName(ref)
  const s = analyse(text)
  const found = findSection(s, ref)
  if (!found) return text
  let { header, end } = found
  const before = s.lines[header - 1]
  const after = s.lines[end + 1]
  if (after && s.kinds[end + 1] === 'blank' && (!before || s.kinds[header - 1] === 'blank')) end++
  return joinLines([...s.lines.slice(0, header), ...s.lines.slice(end + 1)])
}

/** Sets one key of `ref` (creating the section if needed); the key's line is rewritten in place. */
export function setKey(text: string, ref: SectionRef, key: string, value: string): string {
  checkSectionName(ref)
  checkKey(key)
  checkValue(key, value)
  const s = analyse(text)
  const found = findSection(s, ref)
  const eol = dominantEol(s.lines)
  if (!found) return appendSection(s, [sectionHeader(ref), `${key} = ${value}`], eol)
  const line = findKey(s, found, key, ref)
  if (!line) return insertAfter(s.lines, found.end, `${key} = ${value}`, eol)
  const indent = /^\s*/.exec(s.lines[line.start]!.text)![0]
  return replaceLines(s.lines, line.start, line.end, [`${indent}${key} = ${value}`], eol)
}

/** A section to add and its values, in write order. */
export interface SectionWrite {
  ref: SectionRef
  values: SectionValues
}

/**
 * Appends new sections in one pass: byte for byte what adding them one at a time with
 * `upsertSection` gives (a blank line before each, the file's line ending, a missing final newline
 * supplied), without re-reading the file per section (3,000 profiles: milliseconds, not seconds).
 * Every section must be new; one that either tool already reads in `text` is refused.
 */
export function appendSections(text: string, sections: readonly SectionWrite[]): string {
  if (sections.length === 0) return text
  const s = analyse(text)
  const present = new Set<string>()
  for (let i = 0; i < s.lines.length; i++) {
    for (const file of ['config', 'credentials'] as const) {
      const py = s.kinds[i] === 'header' ? pythonIdentity(headerName(s.lines[i]!.text)!, file) : undefined
      const js = jsIdentity(s.lines[i]!.text, file)
      if (py) present.add(`${file}:${py}`)
      if (js) present.add(`${file}:${js}`)
    }
  }
  const blocks: string[][] = []
  for (const { ref, values } of sections) {
    checkSectionName(ref)
    checkSectionValues(values)
    if (present.has(`${ref.file}:${identity(ref)}`)) {
      throw new IdcError('invalid-argument', `${sectionHeader(ref)} already exists; it cannot be appended.`, {
        hint: 'Update the existing section instead (this is a bug in the caller).',
      })
    }
    present.add(`${ref.file}:${identity(ref)}`)
    blocks.push([sectionHeader(ref), ...renderValues(values)])
  }
  const eol = dominantEol(s.lines)
  let out = appendSection(s, blocks[0]!, eol)
  for (const block of blocks.slice(1)) out += eol + block.map((t) => t + eol).join('')
  return out
}

/** Removes one key (and its continuation lines) from `ref`; unchanged if absent. */
export function unsetKey(text: string, ref: SectionRef, key: string): string {
  checkSectionName(ref)
  checkKey(key)
  const s = analyse(text)
  const found = findSection(s, ref)
  if (!found) return text
  const line = findKey(s, found, key, ref)
  if (!line) return text
  return joinLines([...s.lines.slice(0, line.start), ...s.lines.slice(line.end + 1)])
}

/** The file's lines with configparser's classification of each. */
function analyse(text: string): Structure {
  const lines = splitLines(text)
  const { kinds, keys } = classifyLines(lines.map((l) => l.text))
  return { lines, kinds, keys }
}

/** The canonical name of a header for botocore (`profile:x`, `sso-session:x`, ...), or undefined. */
function pythonIdentity(headerName: string, file: SectionRef['file']): string | undefined {
  if (file === 'credentials') return `profile:${headerName}`
  if (headerName === 'default') return 'profile:default'
  for (const type of ['profile', 'sso-session', 'services']) {
    if (!headerName.startsWith(type)) continue
    const parts = shlexSplit(headerName)
    return parts?.length === 2 ? `${type}:${parts[1]}` : undefined
  }
  return undefined
}

/** The same for the JS SDK; undefined when the line is not a header for it. */
function jsIdentity(lineText: string, file: SectionRef['file']): string | undefined {
  const stripped = jsStripComment(lineText)
  if (!(stripped.startsWith('[') && stripped.endsWith(']'))) return undefined
  const key = jsSectionKey(stripped.slice(1, -1))
  if (key === undefined) return undefined
  if (file === 'credentials') return `profile:${key}`
  if (key === 'default') return 'profile:default'
  const dot = key.indexOf('.')
  return dot === -1 ? undefined : `${key.slice(0, dot)}:${key.slice(dot + 1)}`
}

function identity(ref: SectionRef): string {
  return `${ref.type}:${ref.name}`
}

function headerBelongsToBoth(lineText: string, ref: SectionRef): boolean {
  const header = headerName(lineText)
  return (
    header !== undefined &&
    pythonIdentity(header, ref.file) === identity(ref) &&
    jsIdentity(lineText, ref.file) === identity(ref)
  )
}

interface Span {
  header: number
  end: number
}

/** The one section that either tool maps to `ref`; refuses duplicates and ambiguous layouts. */
function findSection(s: Structure, ref: SectionRef): Span | undefined {
  const target = identity(ref)
  const matches: number[] = []
  for (let i = 0; i < s.lines.length; i++) {
    const text = s.lines[i]!.text
    const js = jsIdentity(text, ref.file)
    if (s.kinds[i] === 'header') {
      const py = pythonIdentity(headerName(text)!, ref.file)
      if (py === target || js === target) matches.push(i)
    } else if (js === target) {
      throw new IdcError(
        'config-parse',
        `Line ${i + 1} is an indented ${sectionHeader(ref)} header: the JS SDK reads a section there, the AWS CLI reads a continuation of the line above.`,
        { hint: `Remove the indentation of line ${i + 1}.`, details: { line: i + 1 } },
      )
    }
  }
  if (matches.length === 0) return undefined
  if (matches.length > 1) {
    const lines = matches.map((i) => i + 1).join(', ')
    throw new IdcError(
      'config-parse',
      `The file has ${matches.length} sections for ${sectionHeader(ref)} (lines ${lines}); the AWS CLI rejects duplicates and aws-idc will not guess which to change.`,
      {
        hint: `Merge the ${sectionHeader(ref)} sections into one (keep only one of lines ${lines}), then run the command again.`,
        details: { lines: matches.map((i) => i + 1) },
      },
    )
  }
  const header = matches[0]!
  let end = header
  let next = s.lines.length
  for (let i = header + 1; i < s.lines.length; i++) {
    const kind = s.kinds[i]
    if (kind === 'header') {
      next = i
      break
    }
    if (kind === 'key' || kind === 'continuation' || kind === 'other') end = i
  }
  // configparser compares indentation with the line above: an indented header after our lines
  // could turn into a continuation of them.
  if (next < s.lines.length && /^\s/.test(s.lines[next]!.text)) {
    throw new IdcError(
      'config-parse',
      `Line ${next + 1} is an indented section header right after ${sectionHeader(ref)}; editing the section could change how the AWS CLI reads it.`,
      { hint: `Remove the indentation of line ${next + 1}.`, details: { line: next + 1 } },
    )
  }
  return { header, end }
}

/** The key's line and its continuation lines; refuses a key that appears twice. */
function findKey(
  s: Structure,
  span: Span,
  key: string,
  ref: SectionRef,
): { start: number; end: number } | undefined {
  const found: { start: number; end: number }[] = []
  for (let i = span.header + 1; i <= span.end; i++) {
    if (s.kinds[i] !== 'key') continue
    const jsKey = jsStripComment(s.lines[i]!.text).split('=')[0]!.trim()
    if (s.keys[i] !== key && jsKey !== key) continue
    let end = i
    for (let j = i + 1; j <= span.end; j++) {
      if (s.kinds[j] === 'continuation') end = j
      else if (s.kinds[j] !== 'comment' && s.kinds[j] !== 'blank') break
    }
    found.push({ start: i, end })
  }
  if (found.length > 1) {
    const lines = found.map((f) => f.start + 1).join(', ')
    throw new IdcError(
      'config-parse',
      `${key} appears ${found.length} times in ${sectionHeader(ref)} (lines ${lines}); the AWS CLI rejects duplicate keys.`,
      {
        hint: `Keep only one ${key} line in ${sectionHeader(ref)}.`,
        details: { key, lines: found.map((f) => f.start + 1) },
      },
    )
  }
  return found[0]
}

function renderValues(values: SectionValues): string[] {
  const out: string[] = []
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string') {
      out.push(`${key} = ${value}`)
      continue
    }
    out.push(`${key} =`)
    for (const [child, childValue] of Object.entries(value)) out.push(`  ${child} = ${childValue}`)
  }
  return out
}

/**
 * Replaces lines start..end. New lines take the old lines' endings position by position (so a
 * second identical edit changes nothing), the file's dominant ending beyond them, and the last new
 * line keeps the old last line's ending (even none).
 */
function replaceLines(
  lines: readonly Line[],
  start: number,
  end: number,
  texts: readonly string[],
  eol: Line['eol'],
): string {
  const old = lines.slice(start, end + 1)
  const fresh: Line[] = texts.map((text, i) => ({
    text,
    eol: i === texts.length - 1 ? old[old.length - 1]!.eol : i < old.length - 1 ? old[i]!.eol : eol,
  }))
  return joinLines([...lines.slice(0, start), ...fresh, ...lines.slice(end + 1)])
}

function insertAfter(lines: readonly Line[], index: number, text: string, eol: '\r\n' | '\n'): string {
  const before = lines.slice(0, index + 1).map((l) => ({ ...l }))
  const endsFile = index === lines.length - 1 && before[index]!.eol === ''
  if (endsFile) before[index]!.eol = eol
  return joinLines([...before, { text, eol: endsFile ? '' : eol }, ...lines.slice(index + 1)])
}

/** Appends at the end, after a blank line unless the file is empty or already ends with one. */
function appendSection(s: Structure, section: readonly string[], eol: '\r\n' | '\n'): string {
  let prefix = joinLines(s.lines)
  const last = s.lines[s.lines.length - 1]
  if (last) {
    if (last.eol === '') prefix += eol
    if (last.text.trim() !== '') prefix += eol
  }
  return prefix + section.map((t) => t + eol).join('')
}

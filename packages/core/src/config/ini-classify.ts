/*
 * Line structure as Python's configparser (botocore, the stricter reader) sees it: whole-line
 * comments, blanks, `[section]` headers, `key = value` / `key: value` options and indented
 * continuation lines. Shared by the reader (ini-python.ts) and the byte-preserving editor (ini-edit.ts).
 */

export type LineKind = 'blank' | 'comment' | 'header' | 'key' | 'continuation' | 'other'

/** Per line (struct of arrays: the editor classifies whole files on every edit). */
export interface Classified {
  kinds: LineKind[]
  /** 'header': the text between the brackets. */
  headers: (string | undefined)[]
  /** 'key': configparser's option name (lower-cased). */
  keys: (string | undefined)[]
  /** 'key': the value on the key's own line, trimmed. */
  values: (string | undefined)[]
}

const SECTION = /^\[(.+)\]/
const OPTION = /^(.*?)\s*([=:])\s*(.*)$/

/** The name between the brackets when `text` (trimmed or not) is a section header for configparser. */
export function headerName(text: string): string | undefined {
  return SECTION.exec(text.trim())?.[1]
}

/**
 * Classifies each line. A line indented deeper than the line that started the current option is a
 * continuation (blank lines and comments in between do not end the option); an option line outside
 * any section, or a line that is neither, is 'other' (the reader rejects it, the editor keeps it).
 */
export function classifyLines(lines: readonly string[]): Classified {
  const out: Classified = { kinds: [], headers: [], keys: [], values: [] }
  const push = (kind: LineKind, header?: string, key?: string, value?: string) => {
    out.kinds.push(kind)
    out.headers.push(header)
    out.keys.push(key)
    out.values.push(value)
  }
  let inSection = false
  let inOption = false
  let indentLevel = 0
  for (const raw of lines) {
    const trimmed = raw.trim()
    if (trimmed.startsWith('#') || trimmed.startsWith(';')) {
      push('comment')
      continue
    }
    if (trimmed === '') {
      push('blank')
      continue
    }
    const indent = raw.search(/\S/)
    if (inSection && inOption && indent > indentLevel) {
      push('continuation')
      continue
    }
    indentLevel = indent
    const header = SECTION.exec(trimmed)
    if (header) {
      push('header', header[1]!)
      inSection = true
      inOption = false
      continue
    }
    const option = inSection ? OPTION.exec(trimmed) : null
    if (option && option[1] !== '') {
      push('key', undefined, option[1]!.toLowerCase(), option[3]!.trim())
      inOption = true
    } else {
      push('other')
    }
  }
  return out
}

/*
 * Line structure as Python's configparser (botocore, the stricter reader) sees it: whole-line
 * comments, blanks, `[section]` headers, `key = value` / `key: value` options and indented
 * continuation lines. Shared by the reader (ini-python.ts) and the byte-preserving editor (ini-edit.ts).
 */

export type LineKind = 'blank' | 'comment' | 'header' | 'key' | 'continuation' | 'other'

export interface ClassifiedLine {
  kind: LineKind
  /** The line without surrounding whitespace. */
  trimmed: string
  /** 'header': the text between the brackets. */
  header?: string | undefined
  /** 'key': configparser's option name (lower-cased). */
  key?: string | undefined
  /** 'key': the value on the key's own line, trimmed. */
  value?: string | undefined
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
export function classifyLines(lines: readonly string[]): ClassifiedLine[] {
  const out: ClassifiedLine[] = []
  let inSection = false
  let inOption = false
  let indentLevel = 0
  for (const raw of lines) {
    const trimmed = raw.trim()
    if (trimmed.startsWith('#') || trimmed.startsWith(';')) {
      out.push({ kind: 'comment', trimmed })
      continue
    }
    if (trimmed === '') {
      out.push({ kind: 'blank', trimmed })
      continue
    }
    const indent = raw.search(/\S/)
    if (inSection && inOption && indent > indentLevel) {
      out.push({ kind: 'continuation', trimmed })
      continue
    }
    indentLevel = indent
    const header = SECTION.exec(trimmed)
    if (header) {
      out.push({ kind: 'header', trimmed, header: header[1]! })
      inSection = true
      inOption = false
      continue
    }
    const option = inSection ? OPTION.exec(trimmed) : null
    if (option && option[1] !== '') {
      out.push({ kind: 'key', trimmed, key: option[1]!.toLowerCase(), value: option[3]!.trim() })
      inOption = true
    } else {
      out.push({ kind: 'other', trimmed })
    }
  }
  return out
}

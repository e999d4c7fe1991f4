import { IdcError } from '../errors.js'
import { classifyLines } from './ini-classify.js'

/** One option as botocore sees it: key lower-cased, continuation lines joined with '\n'. */
export interface PyOption {
  key: string
  value: string
  /** botocore's one level of nesting: set when the value starts with a line break (`sso =` + indented lines). */
  nested: ReadonlyMap<string, string> | undefined
  /** 1-based line of the `key = value` line. */
  line: number
}

export interface PySection {
  /** The text between the brackets, as configparser returns it. */
  header: string
  line: number
  options: Map<string, PyOption>
}

interface Part {
  text: string
  line: number
}

/**
 * Parses like Python's `configparser.RawConfigParser` (strict, `#`/`;` whole-line comments only,
 * `=` or `:`, indented continuation lines) followed by botocore's nested-value parsing. Everything
 * botocore rejects with ConfigParseError is an IdcError 'config-parse' naming the line.
 */
export function parsePython(lines: readonly string[], file: string): PySection[] {
  const sections: PySection[] = []
  const headers = new Set<string>()
  let section: PySection | undefined
  let option: { option: PyOption; parts: Part[] } | undefined
  const finish = () => {
    if (option) finishOption(option.option, option.parts, file)
    option = undefined
  }
  const { kinds, headers: names, keys, values } = classifyLines(lines)
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i]!
    const lineNo = i + 1
    if (kind === 'comment') continue
    if (kind === 'blank') {
      // configparser keeps blank lines inside a multi-line value (rstripped at the end).
      option?.parts.push({ text: '', line: lineNo })
      continue
    }
    if (kind === 'continuation') {
      option!.parts.push({ text: lines[i]!.trim(), line: lineNo })
      continue
    }
    if (kind === 'header') {
      finish()
      const name = names[i]!
      if (name === 'DEFAULT') {
        throw parseError(
          file,
          lineNo,
          'the [DEFAULT] section applies to every section in the AWS CLI but is an ordinary section for the JS SDK',
          `Rename or remove [DEFAULT] on line ${lineNo} of ${file} (did you mean [default]?).`,
        )
      }
      if (headers.has(name)) {
        const first = sections.find((s) => s.header === name)!
        throw parseError(
          file,
          lineNo,
          `section [${name}] already exists (line ${first.line}); the AWS CLI rejects duplicate sections`,
          `Merge the two [${name}] sections of ${file} into one.`,
        )
      }
      headers.add(name)
      section = { header: name, line: lineNo, options: new Map() }
      sections.push(section)
      continue
    }
    if (!section) {
      throw parseError(
        file,
        lineNo,
        'the line is outside any [section] (File contains no section headers)',
        `Add a section header such as [default] above line ${lineNo} of ${file}, or delete the line.`,
      )
    }
    if (kind === 'other') {
      throw parseError(
        file,
        lineNo,
        'the line is not a `key = value` line, a [section] header or a comment',
        `Fix or delete line ${lineNo} of ${file}; start comments with # or ;.`,
      )
    }
    finish()
    const key = keys[i]!
    const previous = section.options.get(key)
    if (previous) {
      throw parseError(
        file,
        lineNo,
        `option ${key} in section [${section.header}] already exists (line ${previous.line}); the AWS CLI rejects duplicate keys`,
        `Keep only one ${key} line in [${section.header}] of ${file}.`,
      )
    }
    const created: PyOption = { key, value: '', nested: undefined, line: lineNo }
    section.options.set(key, created)
    option = { option: created, parts: [{ text: values[i]!, line: lineNo }] }
  }
  finish()
  return sections
}

function finishOption(option: PyOption, parts: readonly Part[], file: string): void {
  option.value = parts
    .map((p) => p.text)
    .join('\n')
    .trimEnd()
  if (!option.value.startsWith('\n')) return
  // botocore: a value that starts with a line break is a block of `key = value` lines.
  const nested = new Map<string, string>()
  for (const part of parts.slice(1)) {
    if (part.text === '') continue
    const eq = part.text.indexOf('=')
    if (eq === -1) {
      throw parseError(
        file,
        part.line,
        `the indented line under ${option.key} (line ${option.line}) is not a \`key = value\` line`,
        `Write line ${part.line} of ${file} as \`name = value\`, or remove its indentation.`,
      )
    }
    nested.set(part.text.slice(0, eq).trim(), part.text.slice(eq + 1).trim())
  }
  option.nested = nested
}

function parseError(file: string, line: number, what: string, hint: string): IdcError {
  return new IdcError('config-parse', `Unable to parse config file: ${file}, line ${line}: ${what}.`, {
    hint,
    details: { file, line },
  })
}

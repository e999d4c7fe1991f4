import { IdcError } from '../errors.js'

/** One physical line: its text without the line ending, and the ending itself ('' on a last line without one). */
export interface Line {
  text: string
  eol: '\r\n' | '\n' | ''
}

/** Splits on LF and CRLF only, as the JS SDK does; every byte of `text` is in exactly one line. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  while (start < text.length) {
    const lf = text.indexOf('\n', start)
    if (lf === -1) {
      lines.push({ text: text.slice(start), eol: '' })
      break
    }
    const crlf = lf > start && text[lf - 1] === '\r'
    lines.push({ text: text.slice(start, crlf ? lf - 1 : lf), eol: crlf ? '\r\n' : '\n' })
    start = lf + 1
  }
  return lines
}

export function joinLines(lines: readonly Line[]): string {
  let out = ''
  for (const line of lines) out += line.text + line.eol
  return out
}

/** The ending new lines should use: the file's majority ending, LF for ties and for files without any. */
export function dominantEol(lines: readonly Line[]): '\r\n' | '\n' {
  let crlf = 0
  let lf = 0
  for (const line of lines) {
    if (line.eol === '\r\n') crlf++
    else if (line.eol === '\n') lf++
  }
  return crlf > lf ? '\r\n' : '\n'
}

/*
 * Characters on which Python (botocore reads with universal newlines and str.strip/splitlines) and
 * JavaScript (split on \r?\n, String.trim) disagree: a lone CR is a line break only for Python,
 * \x1c-\x1f and \x85 are whitespace/line breaks only for Python, a BOM is whitespace only for JS.
 * Other control characters have no business in these files either.
 */
const AMBIGUOUS_CHAR = /[\x00-\x08\x0b\x0c\x0e-\x1f\x85\u2028\u2029\ufeff]|\r(?!\n)/

/** Decodes a shared file and rejects what the AWS CLI and the JS SDK would split or trim differently. */
export function decodeIniText(bytes: Uint8Array, file: string): string {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch (cause) {
    throw new IdcError('config-parse', `Unable to parse config file: ${file}: the file is not valid UTF-8.`, {
      hint: `Save ${file} as UTF-8 text.`,
      cause,
      details: { file },
    })
  }
  checkIniText(text, file)
  return text
}

export function checkIniText(text: string, file: string): void {
  const match = AMBIGUOUS_CHAR.exec(text)
  if (!match) return
  const line = lineNumberAt(text, match.index)
  const char = match[0]
  const what =
    char === '\ufeff'
      ? 'a byte-order mark (the AWS CLI then cannot read the first section header)'
      : char === '\r'
        ? 'a carriage return without a line feed (the AWS CLI reads a line break there, the JS SDK does not)'
        : `the control character U+${char.codePointAt(0)!.toString(16).padStart(4, '0').toUpperCase()}`
  const hint =
    char === '\ufeff'
      ? `Save ${file} as UTF-8 without a byte-order mark (BOM).`
      : char === '\r'
        ? `Use LF or CRLF line endings in ${file}.`
        : `Remove the character from line ${line} of ${file}.`
  throw new IdcError('config-parse', `Unable to parse config file: ${file}, line ${line}: ${what}.`, {
    hint,
    details: { file, line },
  })
}

function lineNumberAt(text: string, index: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++
  return line
}

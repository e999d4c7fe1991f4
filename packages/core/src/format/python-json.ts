/** Python's two-character escapes in `json.dumps`. */
const SHORT: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
}

/**
 * A JSON string literal exactly as Python's `json.dumps` writes it with its default
 * `ensure_ascii=True`: every character outside printable ASCII (space to `~`) becomes `\uXXXX`
 * with lower-case hex, astral characters as a surrogate pair, and `/` is not escaped.
 * `JSON.stringify` differs (it leaves non-ASCII and DEL raw), which would break byte-identity with
 * the AWS CLI for any such value.
 */
export function pythonJsonString(value: string): string {
  let out = '"'
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string
    const code = value.charCodeAt(i)
    if (code >= 0x20 && code <= 0x7e && ch !== '"' && ch !== '\\') out += ch
    else out += SHORT[ch] ?? `\\u${code.toString(16).padStart(4, '0')}`
  }
  return `${out}"`
}

/**
 * A flat object rendered like `json.dumps(obj, indent=2, separators=(',', ': '))`: one member per
 * line, two-space indent, no trailing spaces. Values are strings or integers.
 */
export function pythonJsonObject(entries: ReadonlyArray<readonly [string, string | number]>): string {
  if (entries.length === 0) return '{}'
  const members = entries.map(
    ([key, value]) =>
      `  ${pythonJsonString(key)}: ${typeof value === 'number' ? String(value) : pythonJsonString(value)}`,
  )
  return `{\n${members.join(',\n')}\n}`
}

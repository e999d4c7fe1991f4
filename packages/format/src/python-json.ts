/**
 * A JSON string literal exactly as Python's `json.dumps` writes it with its default
 * `ensure_ascii=True`: only printable ASCII (space to `~`) stays literal; `"` and `\` get
 * backslashes; `\n \r \t \b \f` their short escapes; everything else `\u` + four lowercase hex
 * digits per UTF-16 code unit, which yields surrogate pairs above the BMP just as Python does. `/` is
 * not escaped. `JSON.stringify` differs (it leaves non-ASCII and DEL raw), which would break
 * byte-identity with the AWS CLI for any such value; @idc/core's cache keys use it too.
 */
export function pythonJsonString(s: string): string {
  let out = '"'
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0x20 && c <= 0x7e) {
      if (c === 0x22) out += '\\"'
      else if (c === 0x5c) out += '\\\\'
      else out += s[i]
    } else {
      out += SHORT_ESCAPES[c] ?? `\\u${c.toString(16).padStart(4, '0')}`
    }
  }
  return `${out}"`
}

const SHORT_ESCAPES: Record<number, string> = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  12: '\\f',
  13: '\\r',
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

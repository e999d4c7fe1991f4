import { encodeString } from '../cache/python-json.js'

/**
 * A JSON string literal exactly as Python's `json.dumps` writes it with its default
 * `ensure_ascii=True` (lower-case `\uXXXX` outside printable ASCII, surrogate pairs, `/` not
 * escaped). `JSON.stringify` differs (it leaves non-ASCII and DEL raw), which would break
 * byte-identity with the AWS CLI for any such value.
 */
export const pythonJsonString: (value: string) => string = encodeString

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

// Shared by scripts/bundle-fast.mjs and bundle-cli.mjs: makes a bundle pure ASCII where that keeps
// its meaning, so that bin/run.cjs can read it as latin1. Why: one non-ASCII character turns the
// whole source into a two-byte string; for dist/cli.cjs (2 MB) the UTF-8 decode alone took ~4-5 ms
// of every command on Node 20 (latin1: ~1 ms), and V8 scans a one-byte string faster.
// esbuild already escapes non-ASCII in strings, identifiers and untagged templates
// (charset: 'ascii'), but writes regular expression literals verbatim (e.g. ansis' ANSI regex,
// @idc/core's transliteration table). Inside a regex literal, a BMP character and its \uXXXX escape
// (a surrogate pair for the others: one code point with the u or v flag, two code units without)
// match the same. Anything else non-ASCII (a tagged template's raw text) is left as it is, and the
// caller reports the bundle as not ASCII, so that it is read as UTF-8.
import { tokenizer } from 'acorn'

/** `code` with the non-ASCII characters of its regex literals escaped, and whether all of it is ASCII now. */
export function asciiRegexLiterals(code) {
  if (!/[^\x00-\x7f]/.test(code)) return { code, ascii: true }
  const edits = []
  // The tokenizer tells a regex literal from a division the way the parser does (by context).
  for (const token of tokenizer(code, { ecmaVersion: 'latest', allowHashBang: true })) {
    if (token.type.label !== 'regexp') continue
    const raw = code.slice(token.start, token.end)
    if (/[^\x00-\x7f]/.test(raw)) edits.push({ start: token.start, end: token.end, text: escapeRegex(raw) })
  }
  let out = ''
  let at = 0
  for (const e of edits) {
    out += code.slice(at, e.start) + e.text
    at = e.end
  }
  out += code.slice(at)
  return { code: out, ascii: !/[^\x00-\x7f]/.test(out) }
}

function escapeRegex(raw) {
  let out = ''
  for (let i = 0; i < raw.length; i++) {
    const unit = raw.charCodeAt(i)
    if (unit < 0x80) {
      out += raw[i]
      continue
    }
    const escaped = `\\u${unit.toString(16).toUpperCase().padStart(4, '0')}`
    // `\é` (an identity escape) is `é`: replace the backslash with the escape, not add one.
    let slashes = 0
    for (let j = out.length - 1; j >= 0 && out[j] === '\\'; j--) slashes++
    out = slashes % 2 === 1 ? out.slice(0, -1) + escaped : out + escaped
  }
  return out
}

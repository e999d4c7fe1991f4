import { type SectionRef, setKey, unsetKey, upsertSection } from '@idc/core'

/*
 * Text-to-text edits composed inside one `editIniFile` call, so a command writes the config file
 * once (temp file + rename) whatever it changes. Everything goes through @idc/core's byte-preserving
 * INI editor; only the bulk append is assembled here, because adding sections one by one re-reads
 * the whole file each time (3,000 profiles: ~17 s instead of milliseconds).
 */

/** A section and the values to give it, in write order. */
export interface SectionWrite {
  ref: SectionRef
  values: Readonly<Record<string, string>>
}

/**
 * Sets `values` in `ref`, key by key: a new section is appended; in an existing one each key's line
 * is rewritten in place or added after its last key, so other keys and comments of the section stay
 * (as `aws configure sso` does). `remove` keys are deleted when present.
 */
export function setValues(
  text: string,
  ref: SectionRef,
  values: Readonly<Record<string, string>>,
  remove: readonly string[] = [],
): string {
  let out = text
  for (const [key, value] of Object.entries(values)) out = setKey(out, ref, key, value)
  for (const key of remove) out = unsetKey(out, ref, key)
  return out
}

/** The file's majority line ending (LF for ties and for files without any), as @idc/core picks it. */
export function dominantEol(text: string): '\r\n' | '\n' {
  let crlf = 0
  let lf = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text[i - 1] === '\r') crlf++
    else lf++
  }
  return crlf > lf ? '\r\n' : '\n'
}

/**
 * Appends new sections in one go. The result is byte for byte what appending them one at a time
 * with @idc/core's `upsertSection` gives (a blank line before each section, the file's line ending,
 * a missing final newline supplied); each section is rendered and checked by `upsertSection` itself.
 * The caller guarantees that none of the sections exists yet.
 */
export function appendSections(text: string, sections: readonly SectionWrite[]): string {
  if (sections.length === 0) return text
  const eol = dominantEol(text)
  const blocks = sections.map(({ ref, values }) => {
    const block = upsertSection('', ref, values)
    return eol === '\n' ? block : block.replaceAll('\n', '\r\n')
  })
  let prefix = text
  if (text !== '') {
    const lastBreak = text.lastIndexOf('\n')
    const endsWithBreak = lastBreak === text.length - 1
    // The last line (without its ending): after the final newline, or the line it ends.
    const lastLine = endsWithBreak
      ? text.slice(text.lastIndexOf('\n', lastBreak - 1) + 1, lastBreak).replace(/\r$/, '')
      : text.slice(lastBreak + 1)
    if (!endsWithBreak) prefix += eol
    if (lastLine.trim() !== '') prefix += eol
  }
  return prefix + blocks.join(eol)
}

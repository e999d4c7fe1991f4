import { type SectionRef, setKey, unsetKey } from '@idc/core'

export { appendSections, type SectionWrite } from '@idc/core'

/*
 * Text-to-text edits composed inside one `editIniFile` call, so a command writes the config file
 * once (temp file + rename) whatever it changes. Everything goes through @idc/core's byte-preserving
 * INI editor (including its one-pass `appendSections` for populate's bulk adds).
 */

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

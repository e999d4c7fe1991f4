import type { Credentials } from './types.js'
import { credentialVariables, type RegionOption, renderLines } from './values.js'

/**
 * Values PowerShell reads literally inside double quotes, where only `$`, backtick and the double
 * quote characters (`"`, U+201C, U+201D, U+201E) are special. We keep the same conservative set as
 * the POSIX shells: it covers every real-shaped credential, so those lines match the AWS CLI's
 * `$Env:NAME="value"` byte for byte.
 */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]*$/

/**
 * Every character the PowerShell tokenizer accepts as a single quote: `'` and the typographic
 * U+2018, U+2019, U+201A, U+201B (so text pasted through a word processor still parses).
 */
const SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g

/**
 * A PowerShell string literal for `value`: the CLI's double quotes for plain values, otherwise a
 * single-quoted (verbatim) string. Inside it nothing expands; a quote character followed by another
 * quote character stands for the second one, so each quote character is doubled. Newlines are
 * kept as part of the string.
 */
export function quotePowerShell(value: string): string {
  if (PLAIN.test(value)) return `"${value}"`
  return `'${value.replace(SINGLE_QUOTES, (q) => q + q)}'`
}

/** `$Env:NAME="value"` lines for PowerShell (`--format powershell`). */
export function formatPowerShell(creds: Credentials, options: RegionOption = {}): string {
  return renderLines(
    credentialVariables(creds, options),
    (name, value) => `$Env:${name}=${quotePowerShell(value)}`,
  )
}

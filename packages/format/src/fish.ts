import type { Credentials } from './types.js'
import { credentialVariables, type RegionOption, renderLines } from './values.js'

/**
 * A fish double-quoted string for `value`. We keep the AWS CLI's double quotes, so real-shaped
 * values come out byte-identical, and escape the only characters fish treats specially inside them:
 * `\` (escape; `\` + newline is a line continuation), `"` (end of string) and `$` (variable
 * expansion, and `$(...)` command substitution since fish 3.4). Inside double quotes fish does no
 * globbing, brace or tilde expansion, and a raw newline is kept as part of the string.
 */
export function quoteFish(value: string): string {
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`
}

/** `set -gx NAME "value"` lines for fish (`--format fish`). */
export function formatFish(creds: Credentials, options: RegionOption = {}): string {
  return renderLines(
    credentialVariables(creds, options),
    (name, value) => `set -gx ${name} ${quoteFish(value)}`,
  )
}

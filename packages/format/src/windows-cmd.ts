import { FormatError } from './errors.js'
import type { Credentials } from './types.js'
import { credentialVariables, type RegionOption, renderLines } from './values.js'

/**
 * Values cmd.exe reads literally in a bare `set NAME=value` (the AWS CLI's form): no `& | < > ^`
 * (command separators, redirections, escape), no `%` or `!` (expansion), no quotes, no spaces.
 */
const PLAIN = /^[A-Za-z0-9_@+=:,./-]*$/

/**
 * Characters no cmd line can carry the same way in every context the output is used in:
 * - `%`: a batch file needs `%%`, the interactive prompt keeps `%%` as two characters, and a
 *   `for /f ... do %a` loop does no percent processing at all - no spelling works in all three;
 * - `!`: with delayed expansion enabled (`setlocal EnableDelayedExpansion`, `cmd /v:on`) `!x!`
 *   expands and carets are consumed on any line holding a `!`, without it they are kept; a line
 *   without `!` reads the same either way;
 * - `"`: it toggles cmd's quoting, so the rest of the value would need caret escapes, which a
 *   `for /f` loop does not remove;
 * - CR, LF and other control characters: a command ends at the line break, and a batch file
 *   treats several control characters (e.g. Ctrl-Z) specially.
 */
const UNREPRESENTABLE = /[%!"\u0000-\u001f\u007f]/

/**
 * A `set` command for `name=value` in cmd.exe. Plain values keep the AWS CLI's `set NAME=value`.
 * Others use `set "NAME=value"`: inside quotes `& | < > ^ ( )` and spaces are literal, and `set`
 * drops everything after the last quote, so trailing spaces are kept and nothing can follow.
 * Values with `% ! "` or control characters are refused (see UNREPRESENTABLE).
 *
 * An empty value is written `set NAME=` as the CLI does; cmd cannot hold an empty variable, so this
 * removes NAME, which is what an empty credential means to the SDKs anyway.
 */
export function cmdSet(name: string, value: string): string {
  if (PLAIN.test(value)) return `set ${name}=${value}`
  const bad = UNREPRESENTABLE.exec(value)
  if (bad) {
    const shown =
      bad[0] < ' ' || bad[0] === '\u007f' ? `U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')}` : bad[0]
    throw new FormatError(
      'invalid-argument',
      `${name} contains ${shown}, which Windows cmd cannot hold literally.`,
      {
        hint: 'Use --format powershell (or env/json) for this value.',
        details: { format: 'windows-cmd', variable: name },
      },
    )
  }
  return `set "${name}=${value}"`
}

/**
 * `set NAME=value` lines for Windows cmd.exe (`--format windows-cmd`), usable pasted at the prompt,
 * from a .cmd/.bat file, or through `for /f "delims=" %a in ('...') do %a`, with delayed expansion
 * on or off. Non-ASCII characters depend on the console code page (`chcp 65001` for UTF-8).
 */
export function formatWindowsCmd(creds: Credentials, options: RegionOption = {}): string {
  return renderLines(credentialVariables(creds, options), cmdSet)
}

import { FormatError } from './errors.js'
import { quoteFish } from './fish.js'
import { quotePosix } from './posix.js'
import { quotePowerShell } from './powershell.js'
import { assertCarriable } from './values.js'

/** The formats `formatVariables` renders: the shells' own, plus a JSON object of name → value. */
export const VARIABLE_FORMATS = ['env', 'env-no-export', 'fish', 'powershell', 'json'] as const
export type VariableFormatName = (typeof VARIABLE_FORMATS)[number]

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * Any environment variables (e.g. `aws-idc serve`'s AWS_CONTAINER_* pair) in a shell's syntax, with
 * the same quoting as the credential formats: one line per variable, or one JSON object.
 */
export function formatVariables(
  name: VariableFormatName,
  variables: readonly (readonly [string, string])[],
): string {
  for (const [key, value] of variables) {
    if (!NAME.test(key))
      throw new FormatError('invalid-argument', `Invalid variable name ${JSON.stringify(key)}.`)
    assertCarriable(key, value)
  }
  const lines = (line: (key: string, value: string) => string) =>
    variables.map(([key, value]) => `${line(key, value)}\n`).join('')
  switch (name) {
    case 'env':
      return lines((k, v) => `export ${k}=${quotePosix(v)}`)
    case 'env-no-export':
      return lines((k, v) => `${k}=${quotePosix(v)}`)
    case 'fish':
      return lines((k, v) => `set -gx ${k} ${quoteFish(v)}`)
    case 'powershell':
      return lines((k, v) => `$Env:${k}=${quotePowerShell(v)}`)
    case 'json':
      return `${JSON.stringify(Object.fromEntries(variables), null, 2)}\n`
    default:
      throw new FormatError('invalid-argument', `Unknown format ${JSON.stringify(name)}.`, {
        hint: `Use one of: ${VARIABLE_FORMATS.join(', ')}.`,
      })
  }
}

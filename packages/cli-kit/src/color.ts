/**
 * Colour on a terminal, never in pipes, files or for scripts: `NO_COLOR` (any non-empty value,
 * no-color.org) turns it off, `FORCE_COLOR` (not `0`/`false`) on, else a TTY that is not `TERM=dumb`.
 * Hand-written: five lines of rule and three SGR codes; supports-color (oclif's) also turns colour
 * off under CI, which would hide the statuses in CI logs that do render it when asked by FORCE_COLOR.
 */
export interface ColorStream {
  isTTY?: boolean | undefined
}

export function useColor(
  stream: ColorStream,
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  const force = env['FORCE_COLOR']
  if (force && force !== '0' && force !== 'false') return true
  if (env['NO_COLOR']) return false
  if (force === '0' || force === 'false') return false
  return Boolean(stream.isTTY) && env['TERM'] !== 'dumb'
}

const CODES = {
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  dim: [2, 22],
  bold: [1, 22],
} as const

export type Style = keyof typeof CODES

/** A painter: `paint('red', text)` wraps `text` in the SGR codes when colour is on, else returns it. */
export function painter(on: boolean): (style: Style, text: string) => string {
  return (style, text) => (on ? `\x1b[${CODES[style][0]}m${text}\x1b[${CODES[style][1]}m` : text)
}

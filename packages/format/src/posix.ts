import type { Credentials } from './types.js'
import { credentialVariables, type RegionOption, renderLines } from './values.js'

/**
 * Characters that bash, dash and zsh read literally in an unquoted assignment value. Everything a
 * real access key id, base64 secret, session token or expiration holds is in here, so those lines
 * stay byte-identical to `aws configure export-credentials`. Deliberately left out: `~` (tilde
 * expansion after `=` and `:` in assignments), `*?[]` (dash globs `export` arguments), `{}`
 * (brace expansion), `!` (history expansion when pasted), `^` (zsh EXTENDED_GLOB), `#`, quotes,
 * `$`, backtick, backslash, whitespace and every non-ASCII character.
 */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]*$/

/**
 * zsh performs `=cmd` expansion (EQUALS) at the start of an assignment value and after each `:`,
 * even with `export`: `export A==ls` sets `/usr/bin/ls`. Such values get quoted.
 */
const ZSH_EQUALS = /^=|:=/

/** True when the value can be written bare, exactly as the AWS CLI writes it. */
export function isPosixPlain(value: string): boolean {
  return PLAIN.test(value) && !ZSH_EQUALS.test(value)
}

/**
 * A shell word for `value` that bash, dash and zsh read back byte for byte: bare when that is
 * safe, otherwise POSIX single quotes, in which nothing is special but the closing quote; a `'`
 * is written `'\''` (close, escaped quote, reopen). Newlines survive inside the quotes.
 */
export function quotePosix(value: string): string {
  if (isPosixPlain(value)) return value
  return `'${value.replaceAll("'", `'\\''`)}'`
}

/** `export NAME=value` lines for bash, zsh, dash and other POSIX shells (`--format env`). */
export function formatEnv(creds: Credentials, options: RegionOption = {}): string {
  return renderLines(
    credentialVariables(creds, options),
    (name, value) => `export ${name}=${quotePosix(value)}`,
  )
}

/** `NAME=value` lines: shell variables that are not exported (`--format env-no-export`). */
export function formatEnvNoExport(creds: Credentials, options: RegionOption = {}): string {
  return renderLines(credentialVariables(creds, options), (name, value) => `${name}=${quotePosix(value)}`)
}

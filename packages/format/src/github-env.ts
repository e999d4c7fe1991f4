import { createHash } from 'node:crypto'
import { FormatError } from './errors.js'
import type { Credentials } from './types.js'
import { credentialVariables, type RegionOption, renderLines } from './values.js'

export interface GithubEnvOptions extends RegionOption {
  /**
   * The heredoc delimiter for multi-line values (letters, digits, `_`, `-`). By default one is
   * derived from a hash of the value, so the output is deterministic.
   */
  delimiter?: string | undefined
}

const DELIMITER = /^[A-Za-z0-9_-]+$/

/**
 * A delimiter that does not occur anywhere in `value`. The runner ends the value at the first line
 * equal to the delimiter, so a guessable one would let a hostile value append its own variables
 * (e.g. NODE_OPTIONS). A value cannot contain a hash of itself except by a SHA-256 fixed point; the
 * counter handles even that.
 */
function deriveDelimiter(value: string): string {
  for (let n = 0; ; n++) {
    const digest = createHash('sha256').update(`${n}\0${value}`).digest('hex').slice(0, 32)
    const delimiter = `ghadelimiter_${digest}`
    if (!value.includes(delimiter)) return delimiter
  }
}

/**
 * One entry of the $GITHUB_ENV file, as the Actions runner reads it: `NAME=value` for a one-line
 * value (the runner takes everything after the first `=` up to LF), otherwise
 * `NAME<<DELIM`, the value, then `DELIM` on its own line.
 */
export function githubEnvEntry(name: string, value: string, delimiter?: string): string {
  // Windows runners read CRLF as a line break too, which would swallow a final CR.
  if (value.endsWith('\r')) {
    throw new FormatError(
      'invalid-argument',
      `${name} ends with a carriage return, which the Windows runner drops.`,
      {
        details: { format: 'github-env', variable: name },
      },
    )
  }
  if (!value.includes('\n')) return `${name}=${value}`
  const delim = delimiter ?? deriveDelimiter(value)
  if (!DELIMITER.test(delim) || value.includes(delim)) {
    throw new FormatError(
      'invalid-argument',
      'The GITHUB_ENV delimiter must be [A-Za-z0-9_-]+ and must not occur in the value.',
      {
        details: { format: 'github-env', variable: name },
      },
    )
  }
  return `${name}<<${delim}\n${value}\n${delim}`
}

/**
 * Lines to append to the file named by $GITHUB_ENV (`--format github-env`), so that later steps of
 * the job see the credentials as environment variables. Masking them in the log (`::add-mask::`)
 * is the caller's job.
 */
export function formatGithubEnv(creds: Credentials, options: GithubEnvOptions = {}): string {
  return renderLines(credentialVariables(creds, options), (name, value) =>
    githubEnvEntry(name, value, options.delimiter),
  )
}

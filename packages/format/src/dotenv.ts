import { FormatError } from './errors.js'
import type { Credentials } from './types.js'
import { credentialVariables, type RegionOption, renderLines } from './values.js'

/**
 * Characters that stop a value from reading the same in every common dotenv reader:
 * - docker `--env-file` takes everything after the first `=` verbatim: it removes no quotes and
 *   processes no escapes, so the value must be written bare;
 * - dotenv (npm) cuts a bare value at `#` and treats a leading `'`, `"` or backtick as a quote;
 * - python-dotenv cuts at whitespace + `#`, also honours leading quotes, and expands `${NAME}`;
 * - docker compose `env_file` and dotenv-expand expand `$NAME`;
 * - control characters and Unicode line/paragraph separators end a line in some of them, and
 *   backslashes are escapes in some quoted forms.
 */
const UNSAFE = /[#$\\'"`\p{Cc}\u2028\u2029]/u

/** Bare values are trimmed by dotenv (npm) and python-dotenv, but kept whole by docker. */
const EDGE_SPACE = /^\s|\s$/

/**
 * True when `value` reads back identically, written bare, in dotenv (npm), python-dotenv, docker
 * `--env-file` and docker compose `env_file`.
 */
export function isDotenvSafe(value: string): boolean {
  return !UNSAFE.test(value) && !EDGE_SPACE.test(value)
}

/**
 * `NAME=value` lines for a `.env` file (`--format dotenv`). Values are always written bare: docker
 * `--env-file` does no unquoting at all, so bare is the only spelling all the readers agree on.
 * Values outside that common subset (see UNSAFE) are refused rather than written in a form one of the
 * readers would silently misread. Every real-shaped credential is in the subset.
 */
export function formatDotenv(creds: Credentials, options: RegionOption = {}): string {
  return renderLines(credentialVariables(creds, options), (name, value) => {
    if (!isDotenvSafe(value)) {
      throw new FormatError(
        'invalid-argument',
        `${name} cannot be written to a .env file so that every reader agrees.`,
        {
          hint: 'Use --format env or json for this value.',
          details: { format: 'dotenv', variable: name },
        },
      )
    }
    return `${name}=${value}`
  })
}

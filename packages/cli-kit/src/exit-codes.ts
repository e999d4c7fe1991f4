import type { IdcErrorCode } from '@idc/core'

/**
 * The exit codes of every aws-idc command, documented in the README and `aws-idc --help`.
 * Scripts may rely on them: they are part of the public interface.
 */
export const EXIT_CODES = [
  { code: 0, name: 'ok', description: 'success' },
  {
    code: 1,
    name: 'error',
    description: 'any other failure (unreadable cache, write failure, wrong system clock, unexpected error)',
  },
  { code: 2, name: 'usage', description: 'invalid command line: unknown flag, missing or bad argument' },
  {
    code: 3,
    name: 'not-signed-in',
    description: 'not signed in, token expired or not refreshable, sign-in denied or timed out',
  },
  {
    code: 4,
    name: 'forbidden',
    description: 'access denied: no such account/role for this user (Forbidden)',
  },
  { code: 5, name: 'service', description: 'network failure, throttling or an AWS service error' },
  {
    code: 6,
    name: 'config',
    description: 'configuration missing or invalid (~/.aws/config, profile, sso-session)',
  },
  { code: 130, name: 'interrupted', description: 'interrupted (Ctrl-C)' },
] as const

export type ExitCodeName = (typeof EXIT_CODES)[number]['name']
export type ExitCode = (typeof EXIT_CODES)[number]['code']

export const EXIT: Readonly<Record<ExitCodeName, ExitCode>> = Object.fromEntries(
  EXIT_CODES.map((e) => [e.name, e.code]),
) as Record<ExitCodeName, ExitCode>

/** Every IdcError code mapped to an exit code; the `satisfies` makes a new core code a compile error here. */
export const EXIT_CODE_BY_ERROR = {
  'config-parse': 'config',
  'config-invalid': 'config',
  'config-inconsistent': 'config',
  'profile-not-found': 'config',
  'session-not-found': 'config',
  'not-sso-profile': 'config',
  'invalid-name': 'usage',
  'invalid-argument': 'usage',
  'token-missing': 'not-signed-in',
  'token-invalid': 'not-signed-in',
  'token-expired': 'not-signed-in',
  'refresh-failed': 'not-signed-in',
  'timestamp-invalid': 'error',
  'cache-corrupt': 'error',
  'lock-failed': 'error',
  'write-failed': 'error',
  'authorization-expired': 'not-signed-in',
  'access-denied': 'not-signed-in',
  'state-mismatch': 'not-signed-in',
  'authorization-failed': 'not-signed-in',
  'callback-listener-failed': 'error',
  aborted: 'interrupted',
  forbidden: 'forbidden',
  unauthorized: 'not-signed-in',
  throttled: 'service',
  'service-error': 'service',
  'network-error': 'service',
  'clock-skew': 'error',
} as const satisfies Record<IdcErrorCode, ExitCodeName>

/** The exit code for an IdcError code (1 for a code this build does not know). */
export function exitCodeForErrorCode(code: string): ExitCode {
  const name = (EXIT_CODE_BY_ERROR as Record<string, ExitCodeName | undefined>)[code]
  return name === undefined ? EXIT.error : EXIT[name]
}

/** The exit-code table as Markdown, for the README and docs. */
export function exitCodesMarkdown(): string {
  const lines = ['| exit code | meaning |', '| --- | --- |']
  for (const e of EXIT_CODES) lines.push(`| ${e.code} | ${e.description} |`)
  return lines.join('\n')
}

/** The exit-code table as plain text, for `--help`. */
export function exitCodesText(): string {
  return EXIT_CODES.map((e) => `${String(e.code).padStart(3)}  ${e.description}`).join('\n')
}

import { FormatError } from './errors.js'
import { formatExpiration } from './expiration.js'
import type { Credentials } from './types.js'

/** Options shared by every per-variable format (env, fish, powershell, windows-cmd, dotenv, github-env). */
export interface RegionOption {
  /**
   * Adds AWS_REGION and AWS_DEFAULT_REGION after the credential lines. The AWS CLI never emits a
   * region, so the CLI-compatible lines stay first and byte-identical.
   */
  region?: string | undefined
}

export type CredentialVariableName =
  | 'AWS_ACCESS_KEY_ID'
  | 'AWS_SECRET_ACCESS_KEY'
  | 'AWS_SESSION_TOKEN'
  | 'AWS_CREDENTIAL_EXPIRATION'
  | 'AWS_REGION'
  | 'AWS_DEFAULT_REGION'

export type CredentialVariable = readonly [name: CredentialVariableName, value: string]

/**
 * Refuses a value that no output form can carry faithfully: a NUL byte (environment variables are
 * C strings, so every shell truncates or drops it) and an unpaired UTF-16 surrogate (it cannot be
 * encoded as UTF-8, so it would silently become U+FFFD on the way out).
 */
export function assertCarriable(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') {
    throw new FormatError('invalid-argument', `${field} must be a string, got ${typeof value}.`)
  }
  if (value.includes('\0')) {
    throw new FormatError(
      'invalid-argument',
      `${field} contains a NUL character, which no output format can carry.`,
      {
        hint: 'Check where the credentials came from; AWS never issues values with NUL bytes.',
      },
    )
  }
  if (/\p{Cs}/u.test(value)) {
    throw new FormatError(
      'invalid-argument',
      `${field} contains an unpaired UTF-16 surrogate, which is not valid text.`,
    )
  }
}

/** The credential fields, validated, with the expiration already rendered. */
export interface CheckedCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string | undefined
  expiration: string | undefined
  accountId: string | undefined
}

export function checkCredentials(creds: Credentials): CheckedCredentials {
  if (typeof creds !== 'object' || creds === null) {
    throw new FormatError('invalid-argument', 'Credentials must be an object.')
  }
  assertCarriable('accessKeyId', creds.accessKeyId)
  assertCarriable('secretAccessKey', creds.secretAccessKey)
  // `== null` on purpose: like the CLI (`token is not None`), only an absent token is left out; an
  // empty string is still written.
  const sessionToken = creds.sessionToken == null ? undefined : creds.sessionToken
  if (sessionToken !== undefined) assertCarriable('sessionToken', sessionToken)
  const accountId = creds.accountId == null ? undefined : creds.accountId
  if (accountId !== undefined) assertCarriable('accountId', accountId)
  return {
    accessKeyId: creds.accessKeyId,
    secretAccessKey: creds.secretAccessKey,
    sessionToken,
    expiration: creds.expiration == null ? undefined : formatExpiration(creds.expiration),
    accountId,
  }
}

/** A region given by the caller, or undefined for none ('' counts as none). */
export function checkRegion(region: unknown): string | undefined {
  if (region == null || region === '') return undefined
  assertCarriable('region', region)
  return region
}

/**
 * The variables in the AWS CLI's order: key id, secret, then the token and the expiration only when
 * present, then (our addition, never emitted by the CLI) the region twice: AWS_REGION is what the
 * SDKs read, AWS_DEFAULT_REGION what the AWS CLI reads first.
 */
export function credentialVariables(creds: Credentials, options: RegionOption = {}): CredentialVariable[] {
  const c = checkCredentials(creds)
  const region = checkRegion(options.region)
  const vars: CredentialVariable[] = [
    ['AWS_ACCESS_KEY_ID', c.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
  ]
  if (c.sessionToken !== undefined) vars.push(['AWS_SESSION_TOKEN', c.sessionToken])
  if (c.expiration !== undefined) vars.push(['AWS_CREDENTIAL_EXPIRATION', c.expiration])
  if (region !== undefined) vars.push(['AWS_REGION', region], ['AWS_DEFAULT_REGION', region])
  return vars
}

/** Renders one line per variable, each ending in LF, with no trailing blank line (as the CLI). */
export function renderLines(
  vars: readonly CredentialVariable[],
  line: (name: CredentialVariableName, value: string) => string,
): string {
  return vars.map(([name, value]) => `${line(name, value)}\n`).join('')
}

import { FormatError } from './errors.js'
import type { Credentials } from './types.js'
import { checkCredentials, checkRegion } from './values.js'

export interface IniOptions {
  /** The section name in the shared credentials file; default `default`. */
  profile?: string | undefined
  /** Adds `region = ...`; both botocore and the JS SDK merge credentials-file keys into the profile. */
  region?: string | undefined
  /** Adds `aws_account_id` (read by newer botocore and the JS SDK) when the credentials carry one. */
  includeAccountId?: boolean | undefined
}

/** The portable name set of PROTOCOL.md §5.3: what both the JS SDK and botocore read back. */
const NAME = /^[A-Za-z0-9_\-.@+%:/]+$/

/**
 * Names the readers treat specially: the JS SDK throws on `__proto__`, and Python's configparser
 * (botocore) turns `[DEFAULT]` into the defaults of every other section instead of a profile.
 */
const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'DEFAULT'])

/**
 * The value rule, from the two readers: botocore (configparser) and the JS SDK both strip the
 * value and split lines at CR/LF; the JS SDK also cuts the line at `#` or `;` that starts it or
 * follows whitespace (no inline comments in botocore, so such a value would read differently), and
 * treats an empty value as the start of a sub-section. There is no quoting in this format, so a value
 * outside printable ASCII (botocore reads the file in the locale encoding, cp1252 on many Windows
 * machines), empty, with edge spaces or with ` #` / ` ;` is refused.
 */
function checkValue(key: string, value: string): string {
  const readable =
    /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(value) && !/^[#;]/.test(value) && !/\s[#;]/.test(value)
  if (!readable) {
    throw new FormatError(
      'invalid-argument',
      `The ${key} value cannot be written to a credentials file unchanged.`,
      {
        hint: 'Credentials files carry printable ASCII without edge spaces or " #"/" ;"; use --format json or env.',
        details: { format: 'ini', key },
      },
    )
  }
  return value
}

/**
 * A profile section for the shared credentials file (`~/.aws/credentials`):
 *
 *     [name]
 *     # expires 2026-11-22T11:12:05+00:00
 *     aws_access_key_id = ...
 *
 * `key = value` as `aws configure set` writes it. The expiration goes in a whole-line comment
 * inside the section: neither reader has an expiration key, whole-line comments are the only
 * comments both agree on, and placing it after the header means replacing the section replaces it.
 */
export function formatIni(creds: Credentials, options: IniOptions = {}): string {
  const name = options.profile ?? 'default'
  if (!NAME.test(name) || RESERVED_NAMES.has(name)) {
    throw new FormatError(
      'invalid-name',
      `The profile name ${JSON.stringify(name)} cannot be used in a credentials file.`,
      {
        hint: 'Use letters, digits and _ - . @ + % : / only.',
        details: { format: 'ini', profile: name },
      },
    )
  }
  const c = checkCredentials(creds)
  const region = checkRegion(options.region)
  const lines = [`[${name}]`]
  if (c.expiration !== undefined) lines.push(`# expires ${c.expiration}`)
  lines.push(`aws_access_key_id = ${checkValue('aws_access_key_id', c.accessKeyId)}`)
  lines.push(`aws_secret_access_key = ${checkValue('aws_secret_access_key', c.secretAccessKey)}`)
  if (c.sessionToken !== undefined)
    lines.push(`aws_session_token = ${checkValue('aws_session_token', c.sessionToken)}`)
  if (options.includeAccountId && c.accountId !== undefined) {
    lines.push(`aws_account_id = ${checkValue('aws_account_id', c.accountId)}`)
  }
  if (region !== undefined) lines.push(`region = ${checkValue('region', region)}`)
  return lines.map((line) => `${line}\n`).join('')
}

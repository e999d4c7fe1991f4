import { checkSectionName, checkValue } from './portable.js'
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
  // The same name and value rules as every other write to a shared file (`creds --write-profile`).
  checkSectionName({ file: 'credentials', type: 'profile', name })
  const c = checkCredentials(creds)
  const region = checkRegion(options.region)
  const lines = [`[${name}]`]
  if (c.expiration !== undefined) lines.push(`# expires ${c.expiration}`)
  const values: [string, string][] = [
    ['aws_access_key_id', c.accessKeyId],
    ['aws_secret_access_key', c.secretAccessKey],
  ]
  if (c.sessionToken !== undefined) values.push(['aws_session_token', c.sessionToken])
  if (options.includeAccountId && c.accountId !== undefined) values.push(['aws_account_id', c.accountId])
  if (region !== undefined) values.push(['region', region])
  for (const [key, value] of values) {
    checkValue(key, value, { code: 'invalid-argument', details: { format: 'ini' } })
    lines.push(`${key} = ${value}`)
  }
  return lines.map((line) => `${line}\n`).join('')
}

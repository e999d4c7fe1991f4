import { pythonJsonObject } from './python-json.js'
import type { Credentials } from './types.js'
import { checkCredentials } from './values.js'

export interface ProcessOptions {
  /**
   * Adds `"AccountId"` (after `Expiration`) when the credentials carry one. Off by default so the
   * output stays byte-identical to `aws configure export-credentials`, which never writes it.
   * Newer botocore and the JS SDK read it (account-based endpoints); older readers ignore unknown
   * keys, so turning it on is safe for a `credential_process` command.
   */
  includeAccountId?: boolean | undefined
}

/**
 * The `credential_process` JSON (Version 1), as the AWS CLI prints it (`--format process`):
 * Python `json.dumps(obj, indent=2, separators=(',', ': '))` plus a newline, keys Version,
 * AccessKeyId, SecretAccessKey, then SessionToken and Expiration when present.
 */
export function formatProcess(creds: Credentials, options: ProcessOptions = {}): string {
  const c = checkCredentials(creds)
  const entries: Array<readonly [string, string | number]> = [
    ['Version', 1],
    ['AccessKeyId', c.accessKeyId],
    ['SecretAccessKey', c.secretAccessKey],
  ]
  if (c.sessionToken !== undefined) entries.push(['SessionToken', c.sessionToken])
  if (c.expiration !== undefined) entries.push(['Expiration', c.expiration])
  if (options.includeAccountId && c.accountId !== undefined) entries.push(['AccountId', c.accountId])
  return `${pythonJsonObject(entries)}\n`
}

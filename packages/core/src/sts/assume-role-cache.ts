/**
 * The AWS CLI's cache of assume-role results in `~/.aws/cli/cache` (docs/role-chaining.md): the
 * same file names and contents, so the AWS CLI reuses what aws-idc fetched and the other way round.
 * No SDK here: the warm path reads these files.
 */
import { join } from 'node:path'
import { sha1Hex } from '../cache/hash.js'
import { cliCacheDir } from '../cache/paths.js'
import { type PyJsonObject, pythonJsonDumps } from '../cache/python-json.js'
import { type CachedRoleCredentials, readRoleCache } from '../cache/role-cache.js'
import type { AssumeRoleLink } from '../config/chain.js'

/**
 * botocore's `AssumeRoleCredentialFetcher._create_cache_key`: Python `json.dumps(args,
 * sort_keys=True)` (default separators) of the AssumeRole arguments taken from the profile:
 * RoleArn, plus RoleSessionName only when configured (a generated name is left out), ExternalId
 * and DurationSeconds (a number) when set. The SHA-1 hex digest is the file name.
 */
export function assumeRoleCacheKeyText(link: AssumeRoleLink): string {
  const args: Record<string, string | number> = { RoleArn: link.roleArn }
  if (link.roleSessionName !== undefined) args.RoleSessionName = link.roleSessionName
  if (link.externalId !== undefined) args.ExternalId = link.externalId
  if (link.durationSeconds !== undefined) args.DurationSeconds = link.durationSeconds
  return pythonJsonDumps(args as PyJsonObject, { sortKeys: true })
}

export function assumeRoleCacheFile(home: string, link: AssumeRoleLink): string {
  // botocore replaces `:` and `/` with `_` in the key: a no-op on a hex digest.
  return join(cliCacheDir(home), `${sha1Hex(assumeRoleCacheKeyText(link))}.json`)
}

/** What an AssumeRole answered, as cached. */
export interface AssumedRole {
  credentials: CachedRoleCredentials
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  arn: string
  assumedRoleId: string
}

/**
 * The file as the AWS CLI writes it: botocore's parsed AssumeRole response, `json.dumps` with
 * default separators, the expiration as `strftime('%Y-%m-%dT%H:%M:%S%Z')` (`…UTC`), AccountId as
 * newer botocore adds it. (ResponseMetadata is left out: nobody reads it back.)
 */
export function assumeRoleCacheContents(role: AssumedRole): string {
  const c = role.credentials
  const expiration = `${c.expiration.toISOString().slice(0, 19)}UTC`
  const credentials: Record<string, string> = {
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
    SessionToken: c.sessionToken,
    Expiration: expiration,
  }
  if (c.accountId) credentials.AccountId = c.accountId
  return pythonJsonDumps({
    Credentials: credentials,
    AssumedRoleUser: { AssumedRoleId: role.assumedRoleId, Arn: role.arn },
  })
}

/** The cached credentials (the same `Credentials` object as the SSO role cache), or undefined. */
export function readAssumeRoleCache(file: string): Promise<CachedRoleCredentials | undefined> {
  return readRoleCache(file)
}

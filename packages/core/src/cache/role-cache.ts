import { join } from 'node:path'
import { IdcError } from '../errors.js'
import type { Credentials } from '../types.js'
import { writeFileAtomic } from './atomic-write.js'
import { sha1Hex } from './hash.js'
import { deleteFile, readJsonObject, readJsonObjectsIn } from './json-file.js'
import { cliCacheDir } from './paths.js'
import { type PyJsonObject, pythonJsonDumps } from './python-json.js'
import { formatTimestamp, tryParseTimestamp } from './timestamps.js'
import { msUntil, REFRESH_WINDOW_MS } from './windows.js'

/**
 * What names a role-credential file in the AWS CLI v2 cache (docs/reference.md#role-cache): the sso-session name
 * for session profiles, otherwise the start URL; raw config strings. No region, no token: a
 * different user signing in to the same session reuses these files until logout or expiry.
 */
export type RoleCacheKey = { accountId: string; roleName: string } & (
  | { sessionName: string; startUrl?: string | undefined }
  | { sessionName?: null | undefined; startUrl: string }
)

/** Role credentials as cached: the CLI always stores a session token and an expiration. */
export type CachedRoleCredentials = Credentials & { sessionToken: string; expiration: Date }

/** Python `json.dumps(args, sort_keys=True, separators=(',', ':'))`, the text that is hashed. */
export function roleCacheKeyText(key: RoleCacheKey): string {
  const args: PyJsonObject = key.sessionName
    ? { accountId: key.accountId, roleName: key.roleName, sessionName: key.sessionName }
    : { accountId: key.accountId, roleName: key.roleName, startUrl: key.startUrl ?? '' }
  return pythonJsonDumps(args, { sortKeys: true, compact: true })
}

export function roleCacheFileName(key: RoleCacheKey): string {
  // The CLI also replaces `:`, `/` and path separators with `_`, a no-op on a hex digest.
  return `${sha1Hex(roleCacheKeyText(key))}.json`
}

export function roleCacheFilePath(home: string, key: RoleCacheKey): string {
  return join(cliCacheDir(home), roleCacheFileName(key))
}

/** One line, Python default separators, key order as the AWS CLI writes it. */
export function roleCacheFileContents(credentials: Credentials): string {
  const { sessionToken, expiration } = credentials
  if (!sessionToken || !expiration) {
    // The CLI reads both unconditionally; a file without them would break it.
    throw new IdcError(
      'invalid-argument',
      'Only temporary credentials (with session token and expiration) can be cached.',
    )
  }
  const inner: Record<string, string> = {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: sessionToken,
    Expiration: formatTimestamp(expiration),
  }
  if (credentials.accountId) inner.AccountId = credentials.accountId
  return pythonJsonDumps({ ProviderType: 'sso', Credentials: inner })
}

/**
 * The cached credentials, or undefined when the file is missing or unusable in any way. A cache
 * must never be the reason a command fails: whatever is wrong, fetching again fixes it.
 * `AccountId` is optional (older CLIs omit it).
 */
export async function readRoleCache(path: string): Promise<CachedRoleCredentials | undefined> {
  const file = await readJsonObject(path)
  if (file.status !== 'ok') return undefined
  const creds = file.data.Credentials
  if (typeof creds !== 'object' || creds === null || Array.isArray(creds)) return undefined
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration, AccountId } = creds as Record<
    string,
    unknown
  >
  if (!isNonEmpty(AccessKeyId) || !isNonEmpty(SecretAccessKey) || !isNonEmpty(SessionToken)) return undefined
  const expiration = tryParseTimestamp(Expiration, { field: 'Expiration', file: path })
  if (!expiration) return undefined
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    sessionToken: SessionToken,
    expiration,
    accountId: isNonEmpty(AccountId) ? AccountId : undefined,
  }
}

/** The AWS CLI's rule: reuse only with at least 15 minutes left. */
export function isRoleCacheReusable(
  credentials: { expiration: Date },
  now: Date,
  windowMs: number = REFRESH_WINDOW_MS,
): boolean {
  return msUntil(credentials.expiration, now) >= Math.max(windowMs, REFRESH_WINDOW_MS)
}

export async function writeRoleCache(path: string, credentials: Credentials): Promise<void> {
  await writeFileAtomic(path, roleCacheFileContents(credentials))
}

export async function deleteRoleCache(path: string): Promise<boolean> {
  return deleteFile(path)
}

/** Files in `<home>/.aws/cli/cache` with `"ProviderType": "sso"`, the ones `aws sso logout` deletes. */
export async function listRoleCacheFiles(home: string): Promise<string[]> {
  const files = await readJsonObjectsIn(cliCacheDir(home))
  return files.filter((f) => f.data.ProviderType === 'sso').map((f) => f.path)
}

function isNonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value !== ''
}

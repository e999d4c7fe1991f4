import { join } from 'node:path'
import { IdcError } from '../errors.js'
import { writeFileAtomic } from './atomic-write.js'
import { sha1Hex } from './hash.js'
import { deleteFile, readJsonObject, readJsonObjectsIn } from './json-file.js'
import { ssoCacheDir } from './paths.js'
import { pythonJsonDumps } from './python-json.js'
import { formatTimestamp, parseTimestamp, tryParseTimestamp } from './timestamps.js'
import { msUntil, REFRESH_WINDOW_MS } from './windows.js'

/** An SSO access token as the AWS CLI stores it in `~/.aws/sso/cache` (docs/reference.md#token-file). */
export interface SsoToken {
  startUrl: string
  region: string
  accessToken: string
  expiresAt: Date
  clientId?: string | undefined
  clientSecret?: string | undefined
  registrationExpiresAt?: Date | undefined
  refreshToken?: string | undefined
}

/**
 * A token read from disk. Only `accessToken` and `expiresAt` are required there: the JS SDK needs
 * nothing else, and files written by other tools may lack `startUrl` / `region`.
 */
export type CachedSsoToken = Omit<SsoToken, 'startUrl' | 'region'> & {
  startUrl?: string | undefined
  region?: string | undefined
}

export type TokenRead =
  | { status: 'ok'; path: string; token: CachedSsoToken }
  | { status: 'missing'; path: string }
  /** `error` is an IdcError 'token-invalid' or 'timestamp-invalid' that can be shown as is. */
  | { status: 'corrupt'; path: string; error: IdcError }

const SIGN_IN = 'Sign in again with aws-idc login (or aws sso login).'

/**
 * `sha1(key).json`, where key is the sso-session name, or for a legacy profile the start URL
 * exactly as written in the config (not normalised: a trailing `/` is a different file).
 */
export function tokenFileName(sessionNameOrStartUrl: string): string {
  return `${sha1Hex(sessionNameOrStartUrl)}.json`
}

export function tokenFilePath(home: string, sessionNameOrStartUrl: string): string {
  return join(ssoCacheDir(home), tokenFileName(sessionNameOrStartUrl))
}

/**
 * Reads a token file written by any tool: the AWS CLI (one line, `…Z`), the JS SDK after a
 * refresh (2-space indented, `expiresAt` with milliseconds, extra keys) or an old CLI (`…UTC`).
 * Never throws: a missing, empty or damaged file is a result the caller decides about.
 */
export async function readToken(path: string): Promise<TokenRead> {
  const file = await readJsonObject(path)
  if (file.status === 'missing') return file
  if (file.status === 'corrupt') {
    const problem = {
      empty: 'is empty',
      'invalid-json': 'is not valid JSON',
      'not-an-object': 'is not a JSON object',
    }
    const text = file.reason === 'unreadable' ? 'cannot be read' : problem[file.reason]
    return { status: 'corrupt', path, error: tokenInvalid(path, text) }
  }
  try {
    return { status: 'ok', path, token: parseTokenData(file.data, path) }
  } catch (error) {
    if (IdcError.is(error)) return { status: 'corrupt', path, error }
    throw error
  }
}

/** `readToken` for callers that need a token: missing → 'token-missing', damaged → its IdcError. */
export async function loadToken(path: string): Promise<CachedSsoToken> {
  const result = await readToken(path)
  if (result.status === 'ok') return result.token
  if (result.status === 'corrupt') throw result.error
  throw new IdcError('token-missing', `Not signed in: there is no SSO token in ${path}.`, {
    hint: 'Sign in with aws-idc login (or aws sso login).',
    details: { path },
  })
}

/**
 * Validates the JSON of a token file. Optional fields of the wrong type are dropped rather than
 * rejected, and an unreadable `registrationExpiresAt` only disables refresh: the access token is
 * still good for what it was issued for, as the JS SDK (which ignores that field) would agree.
 */
export function parseTokenData(data: Record<string, unknown>, path?: string): CachedSsoToken {
  const accessToken = nonEmptyString(data.accessToken)
  if (accessToken === undefined) throw tokenInvalid(path, 'has no accessToken')
  if (data.expiresAt === undefined) throw tokenInvalid(path, 'has no expiresAt')
  const expiresAt = parseTimestamp(data.expiresAt, { field: 'expiresAt', file: path })
  const registrationExpiresAt =
    data.registrationExpiresAt === undefined
      ? undefined
      : tryParseTimestamp(data.registrationExpiresAt, { field: 'registrationExpiresAt' })
  return {
    startUrl: nonEmptyString(data.startUrl),
    region: nonEmptyString(data.region),
    accessToken,
    expiresAt,
    clientId: nonEmptyString(data.clientId),
    clientSecret: nonEmptyString(data.clientSecret),
    registrationExpiresAt,
    refreshToken: nonEmptyString(data.refreshToken),
  }
}

/**
 * The file text exactly as the AWS CLI writes it: one line, Python's default separators, keys in
 * the CLI's order, `…Z` timestamps, optional keys only when set (a `refreshToken` key with no value
 * would make botocore try, and fail, to refresh). No trailing newline, like botocore's cache.
 */
export function tokenFileContents(token: SsoToken): string {
  const out: Record<string, string> = {
    startUrl: token.startUrl,
    region: token.region,
    accessToken: token.accessToken,
    expiresAt: formatTimestamp(token.expiresAt),
  }
  if (token.clientId) out.clientId = token.clientId
  if (token.clientSecret) out.clientSecret = token.clientSecret
  if (token.registrationExpiresAt) out.registrationExpiresAt = formatTimestamp(token.registrationExpiresAt)
  if (token.refreshToken) out.refreshToken = token.refreshToken
  return pythonJsonDumps(out)
}

/** Writes the token atomically, 0600, creating the cache directory 0700 if needed. */
export async function writeToken(path: string, token: SsoToken): Promise<void> {
  await writeFileAtomic(path, tokenFileContents(token))
}

export async function deleteToken(path: string): Promise<boolean> {
  return deleteFile(path)
}

export interface TokenFileEntry {
  path: string
  /** The file's JSON as stored (includes secrets: for logout, never for display). */
  data: Record<string, unknown>
  /** The parsed token, or undefined when the file has an accessToken but is otherwise unusable. */
  token: CachedSsoToken | undefined
}

/**
 * Every token file in `<home>/.aws/sso/cache`, chosen as `aws sso logout` chooses them: any JSON
 * object with an `accessToken` key. Registration files (no accessToken) are not included.
 */
export async function listTokens(home: string): Promise<TokenFileEntry[]> {
  const files = await readJsonObjectsIn(ssoCacheDir(home))
  return files
    .filter((f) => 'accessToken' in f.data)
    .map((f) => {
      let token: CachedSsoToken | undefined
      try {
        token = parseTokenData(f.data, f.path)
      } catch {
        token = undefined
      }
      return { path: f.path, data: f.data, token }
    })
}

/** True when the token is still valid for more than `windowMs` (0: not yet expired). */
export function isUsable(token: Pick<CachedSsoToken, 'expiresAt'>, now: Date, windowMs = 0): boolean {
  return msUntil(token.expiresAt, now) > windowMs
}

/** botocore's rule: refresh once less than 15 minutes remain. */
export function needsRefresh(
  token: Pick<CachedSsoToken, 'expiresAt'>,
  now: Date,
  windowMs: number = REFRESH_WINDOW_MS,
): boolean {
  return msUntil(token.expiresAt, now) < windowMs
}

/**
 * Whether a refresh-token grant can be attempted: refresh token and client credentials present,
 * and the client registration not expired. A missing `registrationExpiresAt` does not block (the
 * JS SDK ignores it; the service rejects an expired client anyway), an expired one does (botocore).
 */
export function canRefresh(token: CachedSsoToken, now: Date): boolean {
  if (!token.refreshToken || !token.clientId || !token.clientSecret) return false
  return token.registrationExpiresAt === undefined || msUntil(token.registrationExpiresAt, now) > 0
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function tokenInvalid(path: string | undefined, problem: string): IdcError {
  const what = path ? `The SSO token cache file ${path}` : 'The SSO token cache file'
  return new IdcError('token-invalid', `${what} ${problem}.`, {
    hint: SIGN_IN,
    details: path ? { path } : undefined,
  })
}

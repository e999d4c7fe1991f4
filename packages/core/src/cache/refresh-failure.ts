import { createHash } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { writeFileAtomic } from './atomic-write.js'

/**
 * A refresh the service refused (the refresh token was revoked or the session ended) is
 * remembered next to the token file, as `<token file>.refresh-failed`, so `sessions` and `doctor`
 * stop calling the session refreshable. It names the refresh token only by a SHA-256 digest: a
 * new sign-in (by aws-idc or the AWS CLI) brings another token and makes the marker moot.
 */
export function refreshFailurePath(tokenFile: string): string {
  return `${tokenFile}.refresh-failed`
}

function digest(refreshToken: string): string {
  return createHash('sha256').update(refreshToken, 'utf8').digest('hex')
}

/** Best effort: a marker that cannot be written only means `sessions` keeps saying "yes". */
export async function markRefreshFailed(
  tokenFile: string,
  refreshToken: string,
  code: string,
): Promise<void> {
  const body = `${JSON.stringify({ failedAt: new Date().toISOString(), code, refreshTokenSha256: digest(refreshToken) })}\n`
  await writeFileAtomic(refreshFailurePath(tokenFile), body).catch(() => undefined)
}

/** True when the service refused this very refresh token before. */
export async function refreshFailedBefore(
  tokenFile: string,
  refreshToken: string | undefined,
): Promise<boolean> {
  if (!refreshToken) return false
  try {
    const marker = JSON.parse(await readFile(refreshFailurePath(tokenFile), 'utf8')) as {
      refreshTokenSha256?: unknown
    }
    return marker.refreshTokenSha256 === digest(refreshToken)
  } catch {
    return false
  }
}

export async function clearRefreshFailure(tokenFile: string): Promise<void> {
  await rm(refreshFailurePath(tokenFile), { force: true }).catch(() => undefined)
}

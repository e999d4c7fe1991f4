import { stat } from 'node:fs/promises'
import { resolveHomeDir, ssoCacheDir } from '@idc/core'
import type { CheckJson, Env } from './types.js'

/** cache: ~/.aws/sso/cache (core's home directory rule) exists and is private (0700, as the AWS CLI creates it). */
export async function cacheCheck(env: Env): Promise<CheckJson> {
  const dir = ssoCacheDir(resolveHomeDir(env))
  try {
    const s = await stat(dir)
    if (process.platform !== 'win32' && (s.mode & 0o077) !== 0) {
      return {
        name: 'cache',
        subject: dir,
        status: 'warn',
        message: `readable by other users (mode ${(s.mode & 0o777).toString(8)})`,
        hint: `chmod 700 ${dir}`,
      }
    }
    return { name: 'cache', subject: dir, status: 'ok', message: 'private' }
  } catch {
    return { name: 'cache', subject: dir, status: 'info', message: 'does not exist yet (created at sign-in)' }
  }
}

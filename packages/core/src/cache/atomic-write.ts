import { randomBytes } from 'node:crypto'
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { IdcError } from '../errors.js'
import { errorCode } from './json-file.js'

export interface AtomicWriteOptions {
  /** File mode; 0600 because cache files hold bearer tokens and secret keys. */
  mode?: number
  /** Mode for directories this call creates; existing directories are left as they are. */
  dirMode?: number
}

/**
 * Creates `dir` (and missing parents) with `mode`. Existing directories keep their mode: the AWS
 * CLI creates `~/.aws/sso/cache` 0755 and other tools may depend on that.
 */
export async function ensureDir(dir: string, mode = 0o700): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode })
  } catch (error) {
    throw new IdcError(
      'write-failed',
      `Cannot create the directory ${dir} (${errorCode(error) ?? 'error'}).`,
      {
        hint: 'Check that the parent directory exists and belongs to you.',
        cause: error,
        details: { path: dir },
      },
    )
  }
}

/**
 * Replaces `path` with `data` so that readers (this tool, the AWS CLI, the JS SDK, in any process)
 * see either the old file or the complete new one, never a torn write: a uniquely named temp file
 * in the same directory (same file system, so rename is atomic), written, fsynced, then renamed over
 * the target. On any failure the temp file is removed and the target is untouched.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o600
  const dir = dirname(path)
  await ensureDir(dir, options.dirMode ?? 0o700)

  // Dot-prefixed and not ending in `.json`, so our own listings skip a temp file left by a crash.
  const temp = join(dir, `${tempPrefix(path)}${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    // 'wx': fail rather than follow or reuse anything already at the temp name. 0600 whatever the
    // target's mode: a temp file left by a killed writer must not expose a secret key.
    const handle = await open(temp, 'wx', 0o600)
    try {
      await (typeof data === 'string' ? handle.writeFile(data, 'utf8') : handle.writeFile(data))
      await handle.sync()
      // The final mode only after the slow part (the fsync), right before the rename: a temp file
      // left by a writer killed meanwhile stays 0600 (it may hold a secret key) even when the
      // target is 0644. A rename keeps the temp file's mode and the umask may have removed bits.
      await handle.chmod(mode)
    } finally {
      await handle.close()
    }
    await renameWithRetry(temp, path)
    await removeStaleTemps(dir, path)
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {})
    throw new IdcError('write-failed', `Cannot write ${path} (${errorCode(error) ?? 'error'}).`, {
      hint: 'Check that the directory belongs to you and the disk is not full.',
      cause: error,
      details: { path },
    })
  }
}

/**
 * The last resort on a full disk, for data that is lost otherwise (a rotated refresh token the
 * service has already replaced): overwrites the existing file in place, in one write, padded with
 * spaces to its old length (JSON readers, ours, botocore's and the JS SDK's, ignore them). A temp
 * file needs new blocks; this needs none, so it is tried only when the data fits in the blocks the
 * file already has. Not atomic against a power cut, which is why it is only a fallback. False when
 * it cannot be done that way (no such file, does not fit).
 */
export async function overwriteInPlace(path: string, data: string): Promise<boolean> {
  const bytes = Buffer.from(data, 'utf8')
  const handle = await open(path, 'r+').catch(() => undefined)
  if (!handle) return false
  try {
    const { size, blocks } = await handle.stat()
    const allocated = blocks * 512
    if (bytes.length > allocated || size > allocated) return false
    const body = bytes.length < size ? Buffer.concat([bytes, Buffer.alloc(size - bytes.length, 0x20)]) : bytes
    const { bytesWritten } = await handle.write(body, 0, body.length, 0)
    if (bytesWritten !== body.length) return false
    await handle.sync()
    return true
  } catch {
    return false
  } finally {
    await handle.close()
  }
}

function tempPrefix(path: string): string {
  return `.${basename(path)}.`
}

/**
 * Removes temp files of `path` left by writers that were killed between creating and renaming
 * them: their pid (in the name) no longer runs on this machine. Best effort, never throws.
 */
export async function removeStaleTemps(dir: string, path: string): Promise<void> {
  const prefix = tempPrefix(path)
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue
    const pid = Number(name.slice(prefix.length).split('.')[0])
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isRunning(pid)) continue
    await rm(join(dir, name), { force: true }).catch(() => {})
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return errorCode(error) === 'EPERM'
  }
}

/**
 * On Windows a rename over a file that another process has open fails with EPERM/EACCES/EBUSY
 * for a moment (antivirus, a reader in the AWS CLI); retry briefly there. Elsewhere those errors
 * are permanent.
 */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to)
      return
    } catch (error) {
      const code = errorCode(error)
      const transient = code === 'EPERM' || code === 'EACCES' || code === 'EBUSY'
      if (process.platform !== 'win32' || !transient || attempt >= 5) throw error
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt))
    }
  }
}

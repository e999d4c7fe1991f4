import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Replaces `path` atomically: a temp file in the same directory (same filesystem, so rename is
 * atomic), written, fsynced, then renamed over the target. Readers see the old or the new file,
 * never a half-written one, even on Ctrl-C. Missing directories are created with mode 0700.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: { mode: number },
): Promise<void> {
  const dir = dirname(path)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  let handle: Awaited<ReturnType<typeof open>> | undefined
  try {
    handle = await open(temp, 'wx', options.mode)
    // open() applies the umask; the mode must be exact (e.g. keep a 0640 file 0640).
    await handle.chmod(options.mode)
    await handle.writeFile(data)
    await handle.sync()
    await handle.close()
    handle = undefined
    await rename(temp, path)
  } catch (error) {
    await handle?.close().catch(() => {})
    await rm(temp, { force: true }).catch(() => {})
    throw error
  }
  await syncDirectory(dir)
}

/** Makes the rename durable; not possible on every platform (Windows), so best effort. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // ignored: durability of the rename is a bonus, atomicity is not affected
  }
}

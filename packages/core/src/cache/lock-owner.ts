import * as fs from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'

/**
 * Who holds a lock directory: `<lock>/owner` holds `{"pid","host","start"}`, `start` being the
 * process start time as the kernel reports it (Linux: `/proc/<pid>/stat` field 22), so a waiter can
 * tell at once that the holder was killed — its pid is gone, or reused by a process that started
 * later — instead of waiting for the directory's mtime to go stale (10 s). proper-lockfile has no
 * such hook; it exposes its `fs`, which is how the owner file and the 0700 mode get in.
 */
interface Owner {
  pid: number
  host: string
  start?: string | undefined
}

const OWNER_FILE = 'owner'

/**
 * proper-lockfile's file system with lock directories created 0700 (also under `umask 000`), the
 * owner file written inside before proper-lockfile records the directory's mtime (a later write
 * would change it, and proper-lockfile would think the lock compromised), and directories removed
 * with their owner file (it uses rmdir, which fails on a non-empty directory).
 */
export function lockFs(): typeof fs {
  return {
    ...fs,
    mkdir: ((path: fs.PathLike, callback: fs.NoParamCallback) =>
      fs.mkdir(path, { mode: 0o700 }, (err) => {
        if (err) return callback(err)
        // Best effort: without an owner file (disk full) the lock falls back to mtime staleness.
        fs.writeFile(join(String(path), OWNER_FILE), ownerText(), { mode: 0o600 }, () => callback(null))
      })) as typeof fs.mkdir,
    rmdir: ((path: fs.PathLike, callback: fs.NoParamCallback) =>
      fs.rm(path, { recursive: true, force: true }, callback)) as typeof fs.rmdir,
    rmdirSync: ((path: fs.PathLike) =>
      fs.rmSync(path, { recursive: true, force: true })) as typeof fs.rmdirSync,
  }
}

/** The kernel's start time of `pid`, or undefined where it cannot be read (not Linux). */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
  } catch {
    return undefined
  }
}

let selfStart: string | undefined | null = null

function ownerText(): string {
  if (selfStart === null) selfStart = processStartTime(process.pid)
  const owner: Owner = { pid: process.pid, host: hostname(), start: selfStart }
  return JSON.stringify(owner)
}

async function readOwner(lockPath: string): Promise<{ raw: string; owner: Owner } | undefined> {
  try {
    const raw = await readFile(join(lockPath, OWNER_FILE), 'utf8')
    const data = JSON.parse(raw) as Partial<Owner>
    if (typeof data.pid !== 'number' || typeof data.host !== 'string') return undefined
    return { raw, owner: { pid: data.pid, host: data.host, start: data.start ?? undefined } }
  } catch {
    return undefined
  }
}

function isAlive(owner: Owner): boolean {
  try {
    process.kill(owner.pid, 0)
  } catch (error) {
    // EPERM: the pid exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  if (owner.start === undefined) return true
  const now = processStartTime(owner.pid)
  return now === undefined || now === owner.start
}

/**
 * When the lock's recorded holder is a process of this host that no longer runs, removes the lock
 * and returns true (the caller retries at once). A holder on another host (a shared home
 * directory) or a lock without an owner file is left to mtime staleness.
 */
export async function holderIsDead(lockPath: string): Promise<boolean> {
  const found = await readOwner(lockPath)
  if (!found || found.owner.host !== hostname() || isAlive(found.owner)) return false
  // Re-read just before removing: another waiter may have taken over and locked it meanwhile.
  const again = await readOwner(lockPath)
  if (again?.raw !== found.raw) return false
  await rm(lockPath, { recursive: true, force: true }).catch(() => {})
  return true
}

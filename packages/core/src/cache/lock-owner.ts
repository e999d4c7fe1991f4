import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { basename, dirname, join } from 'node:path'

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
 * proper-lockfile's file system, with three changes. The lock directory appears complete: it is
 * made under a temporary name with its owner file inside, then renamed into place, so a process
 * killed at any moment leaves either no lock or one that names its (dead) holder — a bare `mkdir`
 * killed before the owner file was written would leave a lock only mtime staleness can clear. It
 * is created 0700 (also under `umask 000`). And it is removed with its owner file (proper-lockfile
 * uses rmdir, which fails on a non-empty directory).
 */
export function lockFs(): typeof fs {
  return {
    ...fs,
    mkdir: ((path: fs.PathLike, callback: fs.NoParamCallback) => {
      createLockDir(String(path)).then(
        () => callback(null),
        (error: NodeJS.ErrnoException) => callback(error),
      )
    }) as typeof fs.mkdir,
    // Renamed away first, so a process killed while removing leaves no owner-less lock behind.
    rmdir: ((path: fs.PathLike, callback: fs.NoParamCallback) => {
      const temp = tempNameFor(String(path))
      fs.rename(path, temp, (err) => {
        if (err) return callback(err)
        fs.rm(temp, { recursive: true, force: true }, callback)
      })
    }) as typeof fs.rmdir,
    rmdirSync: ((path: fs.PathLike) => {
      const temp = tempNameFor(String(path))
      fs.renameSync(path, temp)
      fs.rmSync(temp, { recursive: true, force: true })
    }) as typeof fs.rmdirSync,
  }
}

async function createLockDir(path: string): Promise<void> {
  // rename() replaces an empty directory: an existing lock (even an owner-less one of an older
  // aws-idc) must be refused first, as mkdir would.
  if (await exists(path)) throw Object.assign(new Error(`EEXIST: ${path}`), { code: 'EEXIST' })
  const temp = tempNameFor(path)
  await mkdir(temp, { mode: 0o700 })
  try {
    await writeFile(join(temp, OWNER_FILE), ownerText(), { mode: 0o600 })
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => {})
    const code = (error as NodeJS.ErrnoException).code
    // Someone else's lock got there first.
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EISDIR')
      throw Object.assign(new Error(`EEXIST: ${path}`), { code: 'EEXIST' })
    throw error
  }
  await removeDeadTemps(path)
}

function tempNameFor(lockPath: string): string {
  return `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path)
    return true
  } catch {
    return false
  }
}

/** Temporary lock directories left by processes killed while creating a lock. */
async function removeDeadTemps(lockPath: string): Promise<void> {
  const prefix = `${basename(lockPath)}.`
  const names = await readdir(dirname(lockPath)).catch(() => [] as string[])
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue
    const pid = Number(name.slice(prefix.length).split('.')[0])
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || pidRuns(pid)) continue
    await rm(join(dirname(lockPath), name), { recursive: true, force: true }).catch(() => {})
  }
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
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
  // EPERM counts as running: the pid exists but belongs to another user.
  if (!pidRuns(owner.pid)) return false
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
  // Renamed away first: a process killed while removing must not leave an owner-less lock.
  const temp = tempNameFor(lockPath)
  await rename(lockPath, temp)
    .then(() => rm(temp, { recursive: true, force: true }))
    .catch(() => {})
  return true
}

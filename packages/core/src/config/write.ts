import { createHash } from 'node:crypto'
import { lstat, readFile, readlink, realpath, stat, unlink } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { writeFileAtomic } from '../cache/atomic-write.js'
import { withLock } from '../cache/lock.js'
import { IdcError } from '../errors.js'
import { removeSection, setKey, unsetKey, upsertSection } from './ini-edit.js'
import { parseIniFile } from './ini-file.js'
import { decodeIniText } from './ini-lines.js'
import type { SectionRef, SectionValues } from './types.js'

export interface EditResult {
  /** The file written (a symlink's target). */
  path: string
  /** False when the edit changed nothing, and so nothing was written. */
  changed: boolean
}

/**
 * Reads `path` (missing: empty), applies `edit` to its text and writes the result atomically,
 * keeping the file's mode (new files 0600, new directories 0700). A symlinked file (dotfile
 * managers) is edited at its target so the link survives, also when the target does not exist yet.
 * The read-modify-write holds the file's lock (`<file>.lock`, as the token cache), so parallel
 * edits by several aws-idc processes (20 `creds --write-profile` at once) all survive.
 */
export async function editIniFile(path: string, edit: (text: string) => string): Promise<EditResult> {
  const target = await writeTargetOf(path)
  return withLock(target, () => editLocked(path, target, edit))
}

/** Where a write to `path` must go: through every symlink, to a target that may not exist yet. */
async function writeTargetOf(path: string): Promise<string> {
  let current = resolve(path)
  try {
    return await realpath(current)
  } catch {
    // Missing or dangling: follow the links by hand (bounded, as the kernel's 40).
  }
  for (let hops = 0; hops < 40; hops++) {
    let link: string
    try {
      if (!(await lstat(current)).isSymbolicLink()) return current
      link = await readlink(current)
    } catch {
      return current // nothing there: a new file
    }
    current = resolve(dirname(current), link)
  }
  throw new IdcError('write-failed', `Cannot write ${path}: too many levels of symbolic links.`, {
    hint: `Check where ${path} points (ls -l ${path}).`,
    details: { file: path },
  })
}

async function editLocked(path: string, target: string, edit: (text: string) => string): Promise<EditResult> {
  let mode = 0o600
  let text = ''
  try {
    mode = (await stat(target)).mode & 0o7777
    text = decodeIniText(await readFile(target), target)
  } catch (error) {
    if (IdcError.is(error)) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOENT') {
      throw new IdcError('write-failed', `Cannot read ${path} (${code ?? 'error'}).`, {
        hint: `Check that ${path} is a readable file.`,
        cause: error,
        details: { file: path },
      })
    }
  }
  const updated = edit(text)
  if (updated === text) return { path: target, changed: false }
  assertStillReadable(text, updated, target)
  // Throws IdcError 'write-failed' naming the file; the original is untouched on any failure.
  await writeFileAtomic(target, updated, { mode })
  return { path: target, changed: true }
}

/** Adds `[profile x]` / `[sso-session x]` / ... or replaces it in place. */
export function writeSection(path: string, ref: SectionRef, values: SectionValues): Promise<EditResult> {
  return editIniFile(path, (text) => upsertSection(text, ref, values))
}

export function deleteSection(path: string, ref: SectionRef): Promise<EditResult> {
  return editIniFile(path, (text) => removeSection(text, ref))
}

export function setSectionKey(
  path: string,
  ref: SectionRef,
  key: string,
  value: string,
): Promise<EditResult> {
  return editIniFile(path, (text) => setKey(text, ref, key, value))
}

export function unsetSectionKey(path: string, ref: SectionRef, key: string): Promise<EditResult> {
  return editIniFile(path, (text) => unsetKey(text, ref, key))
}

/** A safety net: an edit must never turn a file both tools read into one they cannot. */
function assertStillReadable(before: string, after: string, path: string): void {
  try {
    parseIniFile(before, path, 'config')
  } catch {
    return // already unreadable before the edit: nothing to protect
  }
  try {
    parseIniFile(after, path, 'config')
  } catch (cause) {
    throw new IdcError('write-failed', `Refusing to write ${path}: the edit would make it unreadable.`, {
      hint: 'This is a bug in aws-idc; please report it with the file layout (without secrets).',
      cause,
      details: { file: path },
    })
  }
}

/** What `undoSectionWrite` needs to give a file back as it was; holds no file contents (no secrets). */
export interface SectionUndo {
  /** The file did not exist before the write. */
  created: boolean
  /** The file's size in bytes before the write. */
  size: number
  /** SHA-256 (hex) of the bytes the write left after the first `size` bytes. */
  tailSha256: string
  /** False when the write changed more than an append (a replaced section): undo then deletes the section. */
  appended: boolean
}

/**
 * `writeSection` for a temporary profile (the GitHub Action's post step removes it): returns how to
 * restore the file byte for byte. Deleting the section alone could not, since the write also ends a
 * last line that had no newline and adds a blank line before the new section.
 */
export async function writeSectionUndoable(
  path: string,
  ref: SectionRef,
  values: SectionValues,
): Promise<EditResult & { undo: SectionUndo }> {
  const target = await writeTargetOf(path)
  // One lock around the read of the old bytes, the write and the read of the new ones, so the undo
  // record describes exactly this write even with other writers about.
  return withLock(target, async () => {
    const before = await readFile(target).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined
      throw error
    })
    const result = await editLocked(path, target, (text) => upsertSection(text, ref, values))
    const after = await readFile(result.path)
    const size = before?.length ?? 0
    const appended = before === undefined || after.subarray(0, size).equals(before)
    return {
      ...result,
      undo: { created: before === undefined, size, tailSha256: sha256(after.subarray(size)), appended },
    }
  })
}

/**
 * Reverses `writeSectionUndoable`: when the file still ends with exactly what the write appended,
 * it is cut back to its old bytes (or removed, if the write created it); when something else has
 * changed it since, only the section is deleted and everything else is kept.
 */
export async function undoSectionWrite(
  path: string,
  ref: SectionRef,
  undo: SectionUndo,
): Promise<EditResult> {
  const target = await writeTargetOf(path)
  return withLock(target, async () => {
    const now = await readFile(target).catch(() => undefined)
    if (now === undefined) return { path: target, changed: false }
    if (undo.appended && now.length >= undo.size && sha256(now.subarray(undo.size)) === undo.tailSha256) {
      if (undo.created && undo.size === 0) await unlink(target)
      else {
        const mode = (await stat(target)).mode & 0o7777
        await writeFileAtomic(target, now.subarray(0, undo.size), { mode })
      }
      return { path: target, changed: true }
    }
    return editLocked(path, target, (text) => removeSection(text, ref))
  })
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { IdcError } from '../errors.js'

/**
 * The outcome of reading a cache file. Cache files are shared with other tools that write them in
 * place (not atomically) and may be interrupted, so "missing" and "corrupt" are ordinary results,
 * not exceptions.
 */
export type JsonFileRead =
  | { status: 'ok'; path: string; data: Record<string, unknown> }
  | { status: 'missing'; path: string }
  | { status: 'corrupt'; path: string; reason: 'empty' | 'invalid-json' | 'not-an-object' | 'unreadable' }

/** Reads `path` as a JSON object. Never throws for a missing, empty or damaged file. */
export async function readJsonObject(path: string): Promise<JsonFileRead> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return { status: 'missing', path }
    return { status: 'corrupt', path, reason: 'unreadable' }
  }
  if (text.trim() === '') return { status: 'corrupt', path, reason: 'empty' }
  let data: unknown
  try {
    // A BOM (left by some Windows editors) is skipped: reading more than Python does costs nothing.
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    return { status: 'corrupt', path, reason: 'invalid-json' }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { status: 'corrupt', path, reason: 'not-an-object' }
  }
  return { status: 'ok', path, data: data as Record<string, unknown> }
}

/**
 * Every `*.json` regular file in `dir` that parses as a JSON object, as the AWS CLI's logout sweeps
 * them. Lock directories and temp files are skipped. A missing directory is an empty list.
 */
export async function readJsonObjectsIn(
  dir: string,
): Promise<Array<{ path: string; data: Record<string, unknown> }>> {
  let entries: Array<{ name: string; isFile(): boolean }>
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return []
    throw new IdcError(
      'cache-corrupt',
      `Cannot list the cache directory ${dir} (${errorCode(error) ?? 'error'}).`,
      {
        hint: 'Check that the directory belongs to you and is readable.',
        cause: error,
        details: { path: dir },
      },
    )
  }
  const files = entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => join(dir, e.name))
  files.sort()
  const results = await Promise.all(files.map(readJsonObject))
  return results.flatMap((r) => (r.status === 'ok' ? [{ path: r.path, data: r.data }] : []))
}

/** Deletes `path`; true when a file was removed, false when there was none. */
export async function deleteFile(path: string): Promise<boolean> {
  try {
    await rm(path)
    return true
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false
    throw new IdcError('write-failed', `Cannot delete ${path} (${errorCode(error) ?? 'error'}).`, {
      hint: 'Check that the file and its directory belong to you.',
      cause: error,
      details: { path },
    })
  }
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined
}

import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

/**
 * A fresh temporary directory per call, removed after each test. Used as a fake home. Not for
 * concurrent tests (the cleanup would remove a neighbour's directory): those use `tempDirFor`.
 */
export function useTempDirs(): () => Promise<string> {
  const made: string[] = []
  afterEach(async () => {
    await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })))
  })
  return async () => {
    const dir = await makeTempDir()
    made.push(dir)
    return dir
  }
}

/** A temporary directory removed when the test owning `context` finishes (safe with concurrency). */
export async function tempDirFor(context: {
  onTestFinished(fn: () => Promise<void>): void
}): Promise<string> {
  const dir = await makeTempDir()
  context.onTestFinished(() => rm(dir, { recursive: true, force: true }))
  return dir
}

function makeTempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'idc-cache-'))
}

export async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777
}

export async function entries(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort()
}

import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { entries, modeOf, useTempDirs } from '../../test/cache/helpers.js'
import { IdcError } from '../errors.js'
import { overwriteInPlace, writeFileAtomic } from './atomic-write.js'

const tempDir = useTempDirs()
const posix = process.platform !== 'win32'

describe('writeFileAtomic', () => {
  it('creates missing directories 0700 and the file 0600', async () => {
    const root = await tempDir()
    const file = join(root, 'a', 'b', 'x.json')
    await writeFileAtomic(file, '{"k": 1}')
    expect(await readFile(file, 'utf8')).toBe('{"k": 1}')
    if (posix) {
      expect(await modeOf(file)).toBe(0o600)
      expect(await modeOf(join(root, 'a'))).toBe(0o700)
      expect(await modeOf(join(root, 'a', 'b'))).toBe(0o700)
    }
    expect(await entries(join(root, 'a', 'b'))).toEqual(['x.json'])
  })

  it('leaves an existing directory mode alone and makes a replaced 0644 file 0600', async () => {
    const root = await tempDir()
    const dir = join(root, 'cache')
    await mkdir(dir, { mode: 0o755 })
    await chmod(dir, 0o755)
    const file = join(dir, 'x.json')
    await writeFile(file, 'old', { mode: 0o644 })
    await writeFileAtomic(file, 'new')
    expect(await readFile(file, 'utf8')).toBe('new')
    if (posix) {
      expect(await modeOf(dir)).toBe(0o755)
      expect(await modeOf(file)).toBe(0o600)
    }
  })

  it('on failure throws write-failed naming the path, removes the temp file, keeps the original', async () => {
    const root = await tempDir()
    // A non-empty directory at the target path makes the final rename fail after the temp file
    // was fully written, on every platform and even as root.
    const target = join(root, 'x.json')
    await mkdir(target)
    await writeFile(join(target, 'keep'), 'original')
    const error = await writeFileAtomic(target, 'new').catch((e: unknown) => e)
    expect(IdcError.is(error) && error.code).toBe('write-failed')
    expect((error as IdcError).message).toContain(target)
    expect(await entries(root)).toEqual(['x.json'])
    expect(await readFile(join(target, 'keep'), 'utf8')).toBe('original')
  })

  it('fails with write-failed when the directory cannot be created', async () => {
    const root = await tempDir()
    await writeFile(join(root, 'file'), '')
    const error = await writeFileAtomic(join(root, 'file', 'x.json'), 'x').catch((e: unknown) => e)
    expect(IdcError.is(error) && error.code).toBe('write-failed')
  })

  it('readers never see a partial file while many writers race', async () => {
    const root = await tempDir()
    const file = join(root, 'x.json')
    const bodies = Array.from({ length: 20 }, (_, i) => JSON.stringify({ i, pad: String(i).repeat(50_000) }))
    await writeFileAtomic(file, bodies[0] as string)
    let reads = 0
    let writing = true
    const reader = (async () => {
      while (writing) {
        const text = await readFile(file, 'utf8')
        expect(bodies).toContain(text)
        reads++
      }
    })()
    await Promise.all(bodies.map((b) => writeFileAtomic(file, b)))
    writing = false
    await reader
    expect(reads).toBeGreaterThan(0)
    expect(bodies).toContain(await readFile(file, 'utf8'))
    expect(await entries(root)).toEqual(['x.json'])
  })

  it('creates its temp file 0600 even for a 0644 target, and removes temp files of dead writers', async () => {
    const dir = await tempDir()
    const path = join(dir, 'credentials')
    // A temp file left by a writer that was SIGKILLed (pid 2^22 + 1 is above Linux's pid_max default).
    const dead = join(dir, '.credentials.4194305.abcdef123456.tmp')
    await writeFile(dead, 'aws_secret_access_key = leaked')
    const live = join(dir, `.credentials.${process.pid}.abcdef123456.tmp`)
    await writeFile(live, 'ours')
    const old = process.umask(0)
    try {
      await writeFileAtomic(path, 'x', { mode: 0o644 })
    } finally {
      process.umask(old)
    }
    expect(await modeOf(path)).toBe(0o644)
    const names = await entries(dir)
    expect(names).not.toContain('.credentials.4194305.abcdef123456.tmp')
    expect(names).toContain(`.credentials.${process.pid}.abcdef123456.tmp`)
  })
})

describe('overwriteInPlace (the full-disk fallback for a rotated refresh token)', () => {
  it('overwrites the file in one write, padded with spaces to its old length, keeping its mode', async () => {
    const path = join(await tempDir(), 'token.json')
    await writeFile(path, JSON.stringify({ refreshToken: 'old-and-much-longer-than-the-new-one' }), {
      mode: 0o600,
    })
    const before = (await readFile(path)).length
    expect(await overwriteInPlace(path, JSON.stringify({ refreshToken: 'new' }))).toBe(true)
    const text = await readFile(path, 'utf8')
    expect(text.length).toBe(before)
    expect(JSON.parse(text)).toEqual({ refreshToken: 'new' })
    if (posix) expect(await modeOf(path)).toBe(0o600)
  })

  it('is not tried where it could need new space or there is no file: false, the file untouched', async () => {
    const dir = await tempDir()
    expect(await overwriteInPlace(join(dir, 'missing.json'), '{}')).toBe(false)
    const path = join(dir, 'small.json')
    await writeFile(path, '{}')
    // Longer than the blocks the file has (a 4 KiB block holds 2 bytes of it now).
    expect(await overwriteInPlace(path, JSON.stringify({ x: 'y'.repeat(64 * 1024) }))).toBe(false)
    expect(await readFile(path, 'utf8')).toBe('{}')
  })
})

import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../../test/cache/helpers.js'
import type { SectionRef } from './types.js'
import { undoSectionWrite, writeSection, writeSectionUndoable } from './write.js'

const temp = useTempDirs()
const ref: SectionRef = { file: 'credentials', type: 'profile', name: 'ci' }
const values = { aws_access_key_id: 'ASIAEXAMPLE', aws_secret_access_key: 'secret/with+chars' }

describe('writeSectionUndoable / undoSectionWrite', () => {
  const files: [string, string | undefined][] = [
    ['CRLF, no final newline', '# keys\r\n[other]\r\naws_access_key_id = A\r\naws_secret_access_key = B'],
    ['LF with final newline', '[other]\naws_access_key_id = A\n'],
    ['empty file', ''],
    ['no file', undefined],
  ]
  it.each(files)('gives the file back byte for byte: %s', async (_name, original) => {
    const path = join(await temp(), 'credentials')
    if (original !== undefined) await writeFile(path, Buffer.from(original, 'latin1'), { mode: 0o640 })
    const before = original === undefined ? undefined : await readFile(path)
    const { undo } = await writeSectionUndoable(path, ref, values)
    expect(await readFile(path, 'utf8')).toContain('aws_secret_access_key = secret/with+chars')
    expect(JSON.stringify(undo)).not.toContain('secret/with+chars')
    await undoSectionWrite(path, ref, undo)
    if (before === undefined) await expect(stat(path)).rejects.toThrow(/ENOENT/)
    else {
      expect((await readFile(path)).equals(before)).toBe(true)
      expect((await stat(path)).mode & 0o777).toBe(0o640)
    }
  })

  it('when a later step changed the file, removes only the section and keeps the change', async () => {
    const path = join(await temp(), 'credentials')
    await writeFile(path, '[other]\nregion = eu-west-1\n')
    const { undo } = await writeSectionUndoable(path, ref, values)
    await writeSection(path, { file: 'credentials', type: 'profile', name: 'later' }, { region: 'us-east-1' })
    await undoSectionWrite(path, ref, undo)
    const text = await readFile(path, 'utf8')
    expect(text).not.toContain('[ci]')
    expect(text).toContain('[other]\nregion = eu-west-1\n')
    expect(text).toContain('[later]\nregion = us-east-1')
  })

  it('when the file is gone, does nothing', async () => {
    const path = join(await temp(), 'credentials')
    const { undo } = await writeSectionUndoable(path, ref, values)
    await import('node:fs/promises').then((fs) => fs.rm(path))
    expect((await undoSectionWrite(path, ref, undo)).changed).toBe(false)
  })
})

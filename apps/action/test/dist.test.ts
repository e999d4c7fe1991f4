import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { DIST, ROOT } from './runner.js'

const run = promisify(execFile)

describe('dist/index.js', () => {
  it('is exactly what src/ builds to (the committed bundle is not stale), and the build is deterministic', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'idc-action-dist-'))
    try {
      const bundle = join(ROOT, 'scripts', 'bundle.mjs')
      await run(process.execPath, [bundle, '--outfile', join(dir, 'a.js')], { cwd: ROOT })
      await run(process.execPath, [bundle, '--outfile', join(dir, 'b.js')], { cwd: ROOT })
      const a = await readFile(join(dir, 'a.js'), 'utf8')
      expect(await readFile(join(dir, 'b.js'), 'utf8')).toBe(a)
      // Not `toBe` on 2 MB strings: the message would be the whole file.
      expect(
        (await readFile(DIST, 'utf8')) === a,
        'run `pnpm --filter @idc/action build` and commit dist/index.js',
      ).toBe(true)
      expect(a).not.toMatch(/\/(?:work|home|tmp|Users)\//)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('`--check` fails on a stale bundle with the command that fixes it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'idc-action-dist-'))
    try {
      const stale = join(dir, 'index.js')
      await import('node:fs/promises').then((fs) => fs.writeFile(stale, '// stale\n'))
      const error = await run(
        process.execPath,
        [join(ROOT, 'scripts', 'bundle.mjs'), '--outfile', stale, '--check'],
        {
          cwd: ROOT,
        },
      ).then(
        () => undefined,
        (e: { code: number; stderr: string }) => e,
      )
      expect(error?.code).toBe(1)
      expect(error?.stderr).toMatch(
        /differs from a fresh build of src\/: run `pnpm --filter @idc\/action build/,
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

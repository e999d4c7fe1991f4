// scripts/lazy-builtins.mjs: a built-in function answered without loading the built-in
// (fs/promises' readFile of a path), in a real esbuild bundle run by a child Node.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'
import { lazyBuiltinsWith } from '../scripts/lazy-builtins.mjs'

const dir = mkdtempSync(join(tmpdir(), 'aws-idc-lazy-builtins-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("fs/promises' readFile in the bundle", () => {
  it('reads a path as fs/promises does (bytes, text, errors) without loading fs/promises; other calls load it', async () => {
    writeFileSync(join(dir, 'data.txt'), 'héllo\n')
    const entry = `import { readFile, stat } from 'node:fs/promises'
import * as fsp from 'node:fs/promises'
const file = ${JSON.stringify(join(dir, 'data.txt'))}
const loaded = () => process.moduleLoadList.includes('NativeModule fs/promises')
export async function report() {
  const out = {}
  out.text = await readFile(file, 'utf8')
  out.textOptions = await fsp.readFile(file, { encoding: 'utf8' })
  out.bytes = [...(await readFile(file))]
  out.missing = await readFile(file + '.missing').then(() => 'read', (e) => [e.code, e.syscall, e.path === file + '.missing'])
  out.loadedAfterReads = loaded()
  out.url = await readFile(new URL('file://' + file), 'utf8')
  out.size = (await stat(file)).size
  out.loadedAfterStat = loaded()
  return JSON.stringify(out)
}`
    const result = await build({
      stdin: { contents: entry, resolveDir: dir, loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
      plugins: [lazyBuiltinsWith([])],
    })
    const file = join(dir, 'bundle.cjs')
    writeFileSync(file, result.outputFiles?.[0]?.text ?? '')
    const r = spawnSync(
      process.execPath,
      ['-e', `require(${JSON.stringify(file)}).report().then((s) => process.stdout.write(s))`],
      { encoding: 'utf8' },
    )
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toEqual({
      text: 'héllo\n',
      textOptions: 'héllo\n',
      bytes: [...Buffer.from('héllo\n')],
      missing: ['ENOENT', 'open', true],
      loadedAfterReads: false,
      url: 'héllo\n',
      size: Buffer.byteLength('héllo\n'),
      loadedAfterStat: true,
    })
  })
})

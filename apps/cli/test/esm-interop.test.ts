// scripts/esm-interop.mjs: esbuild's __toESM made to give every ESM importer of a CommonJS module
// one namespace object (as Node's ESM loader does), rebuilt when the module's keys changed in
// number (a circular require). Real esbuild output, run in a child Node.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { memoizeToESM } from '../scripts/esm-interop.mjs'
import { bundleAndReport } from './fixtures/bundle-run.js'

const dir = mkdtempSync(join(tmpdir(), 'aws-idc-interop-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const files: Record<string, string> = {
  // A CommonJS module that, half-built, requires an ESM module importing it (a circular require).
  'shared.cjs': "exports.one = 1\nexports.early = require('./early.mjs').seen\nexports.two = 2\n",
  'early.mjs':
    "import * as shared from './shared.cjs'\nexport const seen = Object.keys(shared).sort().join(',')\n",
  'a.mjs':
    "import * as shared from './shared.cjs'\nimport { one } from './shared.cjs'\nexport const a = { ns: shared, one }\n",
  'b.mjs':
    "import * as shared from './shared.cjs'\nimport def from './shared.cjs'\nexport const b = { ns: shared, def }\n",
  'fn.cjs': "module.exports = function named() { return 'called' }\nmodule.exports.extra = 'x'\n",
  'c.mjs':
    "import fn, { extra } from './fn.cjs'\nimport * as path from 'node:path'\nexport const c = { called: fn(), extra, join: path.join('p', 'q') }\n",
  'main.mjs': `import { a } from './a.mjs'
import { b } from './b.mjs'
import { c } from './c.mjs'
import * as path from 'node:path'
export const report = () => JSON.stringify({
  early: b.def.early,
  aKeys: Object.keys(a.ns).sort(),
  bKeys: Object.keys(b.ns).sort(),
  one: a.one,
  defTwo: b.def.two,
  same: a.ns === b.ns,
  c,
  pathJoin: path.join('x', 'y'),
})
`,
}
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)

const bundle = async (memoize: boolean) =>
  (
    await bundleAndReport(join(dir, 'main.mjs'), join(dir, memoize ? 'memo.cjs' : 'plain.cjs'), (code) =>
      memoize ? memoizeToESM(code) : code,
    )
  ).report

describe('memoizeToESM (scripts/esm-interop.mjs)', () => {
  it('gives the importers of one CommonJS module one namespace object, with the same values as before', async () => {
    const plain = await bundle(false)
    const memo = await bundle(true)
    expect(plain.same).toBe(false)
    expect(memo.same).toBe(true)
    expect({ ...memo, same: undefined }).toEqual({ ...plain, same: undefined })
    // The import made while shared.cjs was half-built saw only what it had; the later ones see all.
    expect(memo.early).toBe('default,one')
    expect(memo.aKeys).toEqual(['default', 'early', 'one', 'two'])
    expect(memo.c).toEqual({ called: 'called', extra: 'x', join: join('p', 'q') })
  })

  it("fails the build when esbuild's helper is not found exactly once", () => {
    expect(() => memoizeToESM('var x=1;')).toThrow(/found 0 times/)
  })
})

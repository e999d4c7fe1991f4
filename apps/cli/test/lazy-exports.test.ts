// scripts/lazy-exports.mjs: esbuild's top-level `__export(ns, {...})` of a lazily evaluated ES
// module moved into the module's own initializer. Real esbuild output, run in a child Node, against
// the same bundle unchanged: require(), import(), `import * as`, a circular import and hoisted
// functions read the same namespaces.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { deferExports } from '../scripts/lazy-exports.mjs'
import { bundleAndReport } from './fixtures/bundle-run.js'

const dir = mkdtempSync(join(tmpdir(), 'aws-idc-lazy-exports-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const files: Record<string, string> = {
  // ping and pong import each other; each reads the other's namespace while it is being evaluated.
  'ping.mjs':
    "import * as pong from './pong.mjs'\nexport const ping = 'ping'\nexport function pongKeys() { return Object.keys(pong).sort().join(',') }\nexport const seenAtLoad = Object.keys(pong).sort().join(',')\n",
  'pong.mjs':
    "import * as ping from './ping.mjs'\nexport const pong = 'pong'\nexport function pingKeys() { return Object.keys(ping).sort().join(',') }\nexport const seenAtLoad = Object.keys(ping).sort().join(',')\n",
  'lazy.mjs':
    "export const value = 42\nexport function twice(x) { return x * 2 }\nexport default 'lazy default'\n",
  'never.mjs': "export const never = 'never evaluated'\n",
  'main.mjs': `export async function report() {
  const required = require('./lazy.mjs')
  const imported = await import('./lazy.mjs')
  const ping = await import('./ping.mjs')
  const pong = await import('./pong.mjs')
  return JSON.stringify({
    required: { value: required.value, twice: required.twice(2), def: required.default, keys: Object.keys(required).sort() },
    imported: { value: imported.value, keys: Object.keys(imported).sort() },
    ping: { pongKeys: ping.pongKeys(), seenAtLoad: ping.seenAtLoad },
    pong: { pingKeys: pong.pingKeys(), seenAtLoad: pong.seenAtLoad },
    later: typeof (() => import('./never.mjs')),
  })
}
`,
}
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)

async function run(defer: boolean) {
  let moved = 0
  const r = await bundleAndReport(
    join(dir, 'main.mjs'),
    join(dir, defer ? 'deferred.cjs' : 'plain.cjs'),
    (code) => {
      if (!defer) return code
      const out = deferExports(code)
      moved = out.moved
      return out.code
    },
  )
  return { ...r, moved }
}

describe('deferExports (scripts/lazy-exports.mjs)', () => {
  it('moves each lazily evaluated module’s namespace getters into its initializer; every read is the same', async () => {
    const plain = await run(false)
    const deferred = await run(true)
    expect(deferred.report).toEqual(plain.report)
    // lazy, never, ping and pong have namespaces; all four are made by their initializers now.
    expect(deferred.moved).toBe(4)
    expect(deferred.code.length).toBe(deferred.plain.length)
    // pong is evaluated inside ping's initializer (ping imports it first) and already sees all of
    // ping's getters: they are made by the initializer's first statement.
    expect(deferred.report.pong).toEqual({
      pingKeys: 'ping,pongKeys,seenAtLoad',
      seenAtLoad: 'ping,pongKeys,seenAtLoad',
    })
  })

  it("fails the build when esbuild's helpers are not found", () => {
    expect(() => deferExports('var x=1;')).toThrow(/not found/)
  })
})

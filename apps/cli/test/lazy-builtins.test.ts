// scripts/lazy-builtins.mjs: a built-in function answered without loading the built-in
// (fs/promises' readFile of a path), and oclif's libraries required on first use, in real esbuild
// bundles run by a child Node.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type BuildOptions, build, type Plugin } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'
import { NODE_BUNDLE } from '../scripts/bundle-options.mjs'
import { memoizeToESM } from '../scripts/esm-interop.mjs'
import { DEFERRED, lazyBuiltinsWith } from '../scripts/lazy-builtins.mjs'

const dir = mkdtempSync(join(tmpdir(), 'aws-idc-lazy-builtins-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * Bundles `entry` (an ES module exporting `report()`, sync or async, that returns JSON text) with
 * `options`, passes the output through `transform`, and returns what report() gives in a child Node.
 */
async function bundleReport(
  name: string,
  entry: string,
  options: BuildOptions,
  transform: (code: string) => string = (code) => code,
): Promise<Record<string, unknown>> {
  const result = await build({
    bundle: true,
    platform: 'node',
    format: 'cjs',
    ...options,
    stdin: { contents: entry, resolveDir: options.stdin?.resolveDir ?? dir, loader: 'js' },
    write: false,
    logLevel: 'silent',
  })
  const file = join(dir, name)
  writeFileSync(file, transform(result.outputFiles?.[0]?.text ?? ''))
  const r = spawnSync(
    process.execPath,
    ['-e', `Promise.resolve(require(${JSON.stringify(file)}).report()).then((s) => process.stdout.write(s))`],
    { encoding: 'utf8' },
  )
  expect(r.stderr).toBe('')
  return JSON.parse(r.stdout) as Record<string, unknown>
}

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
    expect(await bundleReport('bundle.cjs', entry, { plugins: [lazyBuiltinsWith([])] })).toEqual({
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

describe("oclif's libraries in the bundle", () => {
  const cliRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
  const oclifEntry = createRequire(join(cliRoot, 'package.json')).resolve('@oclif/core')
  const oclifFile = (path: string) => join(dirname(oclifEntry), path)
  const LIBRARIES = ['minimatch', 'tinyglobby', 'ejs', 'cli-spinners']
  // Each library becomes a module that records its evaluation, then is the real one.
  const probe: Plugin = {
    name: 'probe',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^(${LIBRARIES.join('|')})$`) }, async (args) => {
        if (args.pluginData === 'real') return undefined
        const real = await b.resolve(args.path, {
          resolveDir: args.resolveDir,
          kind: args.kind,
          pluginData: 'real',
        })
        return { path: real.path, namespace: 'probe', pluginData: args.path }
      })
      b.onLoad({ filter: /.*/, namespace: 'probe' }, (args) => ({
        loader: 'js',
        resolveDir: dirname(args.path),
        contents: `(globalThis.evaluated ??= []).push(${JSON.stringify(args.pluginData)}); module.exports = require(${JSON.stringify(args.path)})`,
      }))
    },
  }

  it('evaluates minimatch, tinyglobby, ejs and cli-spinners on first use only, with the same results', async () => {
    const entry = `const evaluated = () => [...(globalThis.evaluated ?? [])]
const oclif = require(${JSON.stringify(oclifEntry)})
const Spinner = require(${JSON.stringify(oclifFile('ux/action/spinner.js'))}).default
const { template } = require(${JSON.stringify(oclifFile('help/util.js'))})
exports.report = () => {
  const out = { atLoad: evaluated(), exports: typeof oclif.Config }
  out.frames = new Spinner().frames
  out.afterDefaultSpinner = evaluated()
  out.named = new Spinner().getFrames({ style: 'line' })
  out.afterNamedSpinner = evaluated()
  out.plain = template({ name: 'x' })('no tags')
  out.afterPlain = evaluated()
  out.tagged = template({ name: 'x' })('<%= name %>!')
  out.afterTagged = evaluated()
  return JSON.stringify(out)
}`
    const got = await bundleReport('oclif.cjs', entry, {
      stdin: { contents: entry, resolveDir: cliRoot },
      external: ['typescript'],
      // Every rewrite but the AWS SDK's (not in this bundle: the build fails on a rewrite that finds no module).
      plugins: [lazyBuiltinsWith(DEFERRED.filter((d) => !d.file.source.includes('smithy'))), probe],
    })
    const spinners = createRequire(oclifEntry)('cli-spinners')
    expect(got).toEqual({
      atLoad: [],
      exports: 'function',
      frames: spinners[process.platform === 'win32' ? 'line' : 'dots2'].frames,
      afterDefaultSpinner: [],
      named: spinners.line.frames,
      afterNamedSpinner: ['cli-spinners'],
      plain: 'no tags',
      afterPlain: ['cli-spinners'],
      tagged: 'x!',
      afterTagged: ['cli-spinners', 'ejs'],
    })
  })
})

describe("a lazy built-in's namespace object", () => {
  it('is one object for every importer, with its keys and values, made without copying them or loading the built-in', async () => {
    writeFileSync(join(dir, 'other.mjs'), "import * as zlib from 'node:zlib'\nexport const again = zlib\n")
    const entry = `import * as ns from 'node:zlib'
import zlibDefault, { gzipSync, gunzipSync } from 'node:zlib'
import { again } from './other.mjs'
const loaded = () => process.moduleLoadList.includes('NativeModule zlib')
export function report() {
  // The built-in's own namespace (a Proxy), not a copy of its ~80 keys as getters.
  const out = { loadedAtStart: loaded(), same: ns === again, own: process.getBuiltinModule('node:util').types.isProxy(ns), keys: Object.keys(ns).sort() }
  out.loadedAfterKeys = loaded()
  const real = process.getBuiltinModule('node:zlib')
  // Every own key of the built-in, as esbuild's copy of them had (scripts/lazy-builtins.mjs lists them).
  out.realKeys = ['default', ...Object.getOwnPropertyNames(real)].sort()
  out.values = [ns.gzipSync === real.gzipSync, ns.constants === real.constants, zlibDefault.gzipSync === real.gzipSync, ns.default === zlibDefault]
  out.roundTrip = gunzipSync(gzipSync('héllo')).toString()
  out.esModule = ns.__esModule
  return JSON.stringify(out)
}`
    const got = await bundleReport(
      'namespace.cjs',
      entry,
      { ...(NODE_BUNDLE as BuildOptions), keepNames: true, plugins: [lazyBuiltinsWith([])] },
      memoizeToESM,
    )
    expect({ ...got, keys: undefined, realKeys: undefined }).toEqual({
      loadedAtStart: false,
      same: true,
      own: true,
      loadedAfterKeys: false,
      values: [true, true, true, true],
      roundTrip: 'héllo',
    })
    expect(got.keys).toEqual(got.realKeys)
  })
})

// Part of scripts/bundle-cli.mjs: Node built-ins that dist/cli.cjs loads on first use instead of
// when the module that imports them is evaluated. Why: @oclif/core and the AWS SDK import http2,
// zlib, child_process, readline, perf_hooks... at the top of modules that every command evaluates,
// and on Node 20 each such built-in costs ~1-4 ms of start-up, for code that most commands never
// call (e.g. http2: the SDK's HTTP/2 handler, never used by aws-idc's clients).
// Each listed built-in becomes a Proxy whose every property read, write or `in` test loads the real
// module (require, once) and answers from it; only enumerating its keys does not load it (the keys
// of this Node, so that esbuild's ESM interop, which copies them as getters, stays lazy). Only
// built-ins whose export is a plain object are listed: one whose export is a function or class
// (events, stream, assert, module) would not be the same value.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

const LAZY = [
  'child_process',
  'crypto',
  'dgram',
  'dns',
  'http',
  'http2',
  'https',
  'net',
  'perf_hooks',
  'readline',
  'readline/promises',
  'tls',
  'tty',
  'worker_threads',
  'zlib',
]
const filter = new RegExp(`^(node:)?(${LAZY.map((n) => n.replace('/', '\\/')).join('|')})$`)

// Start-up work in dependencies that is rewritten (module-level reads of a lazy built-in that would
// load it at once, work whose result is known). The build fails when one is no longer found (a
// dependency changed: look whether it is still needed).
const DEFERRED = [
  {
    // The SDK's HTTP/2 handler, never used by aws-idc's clients; only its constants are read at load.
    file: /[\\/]@smithy[\\/]node-http-handler[\\/]dist-cjs[\\/]index\.js$/,
    from: 'const { constants } = http2;',
    to: 'const constants = new Proxy({}, { get: (_, key) => http2.constants[key] });',
  },
  {
    // oclif's platform check imports wsl-utils (and it powershell-utils) on every command; both
    // promisify child_process.execFile at load, for calls made on WSL and Windows only.
    file: /[\\/](wsl-utils|powershell-utils)[\\/]index\.js$/,
    from: 'const execFile = promisify(childProcess.execFile);',
    to: 'const execFile = (...args) => promisify(childProcess.execFile)(...args);',
  },
  {
    // oclif's help renders every description, summary and example through ejs, which compiles each
    // string into a new function (about a quarter of `--help`'s CPU). A string with no ejs tag
    // (neither `<%` nor `%>`) renders as itself, so it is returned as it is.
    file: /[\\/]@oclif[\\/]core[\\/]lib[\\/]help[\\/]util\.js$/,
    from: 'return ejs_1.default.render(t, context);',
    to: "return typeof t === 'string' && !t.includes('<%') && !t.includes('%>') ? t : ejs_1.default.render(t, context);",
  },
  {
    // oclif sorts each plugin's commands with localeCompare, whose first call builds ICU's collator
    // for the default locale (about 4 ms, a quarter of `node -e 0`, on every command and --help).
    // For ids of a-z, '-' and ':' only, under an English or C locale (ICU takes it from the first of
    // LC_ALL, LC_MESSAGES, LANG), that collation orders them as their code points do; any other id
    // or locale still goes to localeCompare, so the order is the same everywhere.
    file: /[\\/]@oclif[\\/]core[\\/]lib[\\/]config[\\/]plugin\.js$/,
    from: '.sort((a, b) => a.id.localeCompare(b.id));',
    to: `.sort((a, b) => /^[a-z:-]*$/.test(a.id) && /^[a-z:-]*$/.test(b.id) && /^(?:(?:C|POSIX|en)(?:[._@-].*)?)?$/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '') ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.id.localeCompare(b.id));`,
  },
  {
    // The SDK's CRC32 checksum (@smithy/core) tests for zlib.crc32 at load, which loads zlib (about
    // 1.5 ms) on every command that builds a client, though aws-idc's requests never carry a CRC32.
    // zlib.crc32 exists on Node >= 22.2 and 20.15+ (hasZlibCrc32); it is called through zlib on use.
    file: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]checksum[\\/]crc32[\\/]Crc32Node\.js$/,
    from: 'const zlibCrc32 = typeof zlib.crc32 === "function" ? zlib.crc32 : undefined;',
    to: `const zlibCrc32 = (${hasZlibCrc32})(process.versions.node) ? (data, value) => zlib.crc32(data, value) : undefined;`,
  },
  {
    // The SDK's web-streams checksum stream (@smithy/core) extends the global ReadableStream when
    // it loads, which loads Node's web streams on every command that builds a client, for response
    // bodies that are web streams (never those of Node's HTTP handler). The class is made on first
    // use; its only importer (next entry) reads only its prototype.
    file: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]serde[\\/]util-stream[\\/]checksum[\\/]ChecksumStream\.browser\.js$/,
    from: 'const ReadableStreamRef = typeof ReadableStream === "function" ? ReadableStream : function () { };\nexport class ChecksumStream extends ReadableStreamRef {\n}',
    to: 'let made;\nexport const checksumStreamClass = () => (made ??= class ChecksumStream extends (typeof ReadableStream === "function" ? ReadableStream : function () { }) {\n});',
  },
  {
    file: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]serde[\\/]util-stream[\\/]checksum[\\/]createChecksumStream\.browser\.js$/,
    from: 'import { ChecksumStream } from "./ChecksumStream.browser";',
    to: 'import { checksumStreamClass } from "./ChecksumStream.browser";\nconst ChecksumStream = { get prototype() { return checksumStreamClass().prototype; } };',
  },
  {
    // The SDK's body collector asks whether a response body is a web ReadableStream before it takes
    // it as a Node stream, and that test loads Node's web streams. Node's HTTP handler's bodies are
    // Node streams (never a web stream), so a Node stream skips the test. `also`: a second edit.
    file: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]serde[\\/]util-stream[\\/]stream-collector\.js$/,
    from: 'import { Writable } from "node:stream";',
    to: 'import { Readable, Writable } from "node:stream";',
    also: [
      '    if (isReadableStream(stream)) {',
      '    if (!(stream instanceof Readable) && isReadableStream(stream)) {',
    ],
  },
]

// ES modules that import a lazy built-in through one shared module: esbuild's interop gives each
// importing module its own copy of the built-in's keys (node:crypto has about 80; about 1.5 M
// instructions each at start-up). Every command that builds a client evaluates @smithy/core's five
// node:crypto imports, and every command @idc/format's and @idc/core's (packages/core/src/crypto.ts)
// ones; every command evaluates the child_process imports of oclif's platform check (wsl-utils,
// powershell-utils) and of cli-kit's browser opener (open, default-browser...). The shared module
// re-exports only the names listed: an import of any other name fails the build.
const SHARED = [
  {
    importer: /[\\/](@smithy[\\/]core[\\/]dist-es|packages[\\/](core|format)[\\/]dist)[\\/]/,
    builtin: 'crypto',
    names: ['createHash', 'createHmac', 'getRandomValues', 'randomBytes', 'randomUUID', 'timingSafeEqual'],
  },
  {
    importer: /./,
    builtin: 'child_process',
    names: ['default', 'execFile', 'execFileSync', 'spawn'],
  },
]

/** Whether zlib.crc32 exists on this Node version (added in 22.2.0, backported to 20.15.0; not in 21). */
export function hasZlibCrc32(version) {
  const [major, minor] = version.split('.').map(Number)
  return major > 22 || (major === 22 && minor >= 2) || (major === 20 && minor >= 15)
}

export const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(build) {
    const require = createRequire(import.meta.url)
    const found = new Set()
    for (const d of DEFERRED) {
      build.onLoad({ filter: d.file }, async (args) => {
        const code = await readFile(args.path, 'utf8')
        if (!code.includes(d.from)) throw new Error(`${args.path}: no longer has \`${d.from}\``)
        found.add(d)
        let contents = code.replace(d.from, d.to)
        if (d.also) {
          if (!contents.includes(d.also[0])) throw new Error(`${args.path}: no longer has \`${d.also[0]}\``)
          contents = contents.replace(d.also[0], d.also[1])
        }
        return { contents, loader: 'js' }
      })
    }
    build.onEnd((result) => {
      for (const d of DEFERRED)
        if (!found.has(d) && result.errors.length === 0)
          result.errors.push({ text: `lazy-builtins: no module matched ${d.file} (a dependency changed?)` })
    })
    build.onResolve({ filter }, (args) => {
      const name = args.path.replace(/^node:/, '')
      // The proxy's own require() of the real module stays a require.
      if (args.namespace === 'lazy-builtin') return { path: `node:${name}`, external: true }
      const shared = SHARED.find((d) => d.builtin === name && d.importer.test(args.importer))
      if (shared && args.kind === 'import-statement' && args.namespace !== 'lazy-builtin-shared')
        return { path: name, namespace: 'lazy-builtin-shared' }
      return { path: name, namespace: 'lazy-builtin' }
    })
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin-shared' }, (args) => {
      const { names } = SHARED.find((d) => d.builtin === args.path)
      return {
        loader: 'js',
        contents: `export { ${names.join(', ')} } from ${JSON.stringify(`node:${args.path}`)}\n`,
      }
    })
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
      const keys = Object.getOwnPropertyNames(require(`node:${args.path}`))
      return {
        loader: 'js',
        contents: `let real
const load = () => (real ??= require(${JSON.stringify(`node:${args.path}`)}))
const keys = ${JSON.stringify(keys)}
// esbuild's ESM interop asks for every key's descriptor in each module that imports the built-in:
// answered from a Set and made once per key (crypto has ~80 keys, imported by a dozen modules).
const known = new Set(keys)
const descriptors = new Map()
const descriptor = (key) => {
  let d = descriptors.get(key)
  if (!d) descriptors.set(key, (d = { configurable: true, enumerable: true, get: () => load()[key], set: (v) => { load()[key] = v } }))
  return d
}
module.exports = new Proxy({}, {
  // esbuild's ESM interop reads __esModule, which no built-in has: answered without loading it.
  get: (_, key) => (key === '__esModule' && !real ? undefined : load()[key]),
  set: (_, key, value) => { load()[key] = value; return true },
  has: (_, key) => key in load(),
  ownKeys: () => (real ? Reflect.ownKeys(real) : keys),
  getOwnPropertyDescriptor: (_, key) => (real ? key in real : known.has(key)) ? descriptor(key) : undefined,
  defineProperty: (_, key, d) => Reflect.defineProperty(load(), key, d),
  deleteProperty: (_, key) => Reflect.deleteProperty(load(), key),
})
`,
      }
    })
  },
}

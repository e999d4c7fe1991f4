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
import { fileURLToPath } from 'node:url'

const LAZY = [
  'child_process',
  'crypto',
  'dgram',
  'dns',
  'fs/promises',
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
export const DEFERRED = [
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
    // oclif checks the CLI's engines.node with semver on every command: requiring semver builds its
    // ~40 modules and ~150 regular expressions (about 2 ms of `--help`), to compare two versions.
    // A plain `>=X[.Y[.Z]]` range (aws-idc's) against a release version is compared here, as semver
    // does (nodeSatisfies); any other range or a pre-release version still goes to semver.
    file: /[\\/]@oclif[\\/]core[\\/]lib[\\/]index\.js$/,
    from: "const semver = require('semver');",
    to: `const semver = { satisfies: (version, range) => (${nodeSatisfies})(version, range) ?? require('semver').satisfies(version, range) };`,
  },
  {
    // oclif reads its JSON files (package.json, oclif.manifest.json) with fs/promises, which on
    // Node 20 also loads readline's interface and the file watchers (about 1.5 ms of every command):
    // read with fs's readFileSync instead (the same text; an error still rejects readJson's promise),
    // and fs/promises (LAZY above) loads only when another of its functions is called.
    file: /[\\/]@oclif[\\/]core[\\/]lib[\\/]util[\\/]fs\.js$/,
    from: "const contents = await (0, promises_1.readFile)(path, 'utf8');",
    to: "const contents = (0, node_fs_1.readFileSync)(path, 'utf8');",
  },
  {
    // lilconfig (oclif's search for an rc file, for a plugin whose package.json has no oclif
    // section) reads fs.promises at load, which loads it: read on use.
    file: /[\\/]lilconfig[\\/]src[\\/]index\.js$/,
    from: 'const fsReadFileAsync = fs.promises.readFile;',
    to: 'const fsReadFileAsync = (...args) => fs.promises.readFile(...args);',
  },
  {
    // debug (oclif's logger) gives every logger it makes a colour and a "colours on?" answer when it
    // is made, although they are read only when that logger writes (DEBUG names it): the answer is
    // tty.isatty(process.stderr.fd), which creates process.stderr and loads tty and net, and the
    // colour list asks supports-color (about 1.5 ms of every command). Each is worked out on its
    // first read instead, the same values; writing them still sets them.
    file: /[\\/]debug[\\/]src[\\/]common\.js$/,
    from: `		debug.useColors = createDebug.useColors();
		debug.color = createDebug.selectColor(namespace);`,
    to: `		for (const [key, make] of [['useColors', () => createDebug.useColors()], ['color', () => createDebug.selectColor(namespace)]]) {
			let value;
			let known = false;
			Object.defineProperty(debug, key, { configurable: true, enumerable: true, get: () => (known ? value : ((known = true), (value = make()))), set: (v) => { known = true; value = v; } });
		}`,
  },
  {
    // ... and setup copies the environment's exports (the colour list among them) by value: copied
    // as they are defined, so that a getter stays a getter.
    file: /[\\/]debug[\\/]src[\\/]common\.js$/,
    from: `	Object.keys(env).forEach(key => {
		createDebug[key] = env[key];
	});`,
    to: `	Object.keys(env).forEach(key => {
		Object.defineProperty(createDebug, key, { ...Object.getOwnPropertyDescriptor(env, key), configurable: true });
	});`,
  },
  {
    // ... and the Node half picks its colour list (256 colours when supports-color says stderr has
    // them) on the first read of exports.colors.
    file: /[\\/]debug[\\/]src[\\/]node\.js$/,
    from: `exports.colors = [6, 2, 3, 4, 5, 1];

try {`,
    to: `let colors = [6, 2, 3, 4, 5, 1];
let colorsKnown = false;
Object.defineProperty(exports, 'colors', { configurable: true, enumerable: true, get: () => { if (!colorsKnown) { colorsKnown = true; pickColors(); } return colors; }, set: (v) => { colorsKnown = true; colors = v; } });

function pickColors() {
try {`,
  },
  {
    file: /[\\/]debug[\\/]src[\\/]node\.js$/,
    from: `} catch (error) {
	// Swallow - we only care if \`supports-color\` is available; it doesn't have to be.
}`,
    to: `} catch (error) {
	// Swallow - we only care if \`supports-color\` is available; it doesn't have to be.
}
}`,
  },
  {
    // oclif's theme asks supports-color whether stdout and stderr take colours, but supports-color
    // answers when it loads (tty.isatty(1) and (2): tty and net) and oclif loads it with its config,
    // on every command: it is loaded on the first question instead (help and themed output ask).
    file: /[\\/]@oclif[\\/]core[\\/]lib[\\/]ux[\\/]supports-color\.js$/,
    from: 'const supports_color_1 = require("supports-color");',
    to: 'let supportsColorModule; const supports_color_1 = { get stdout() { return (supportsColorModule ??= require("supports-color")).stdout; }, get stderr() { return (supportsColorModule ??= require("supports-color")).stderr; } };',
  },
  {
    // oclif's screen module measures stdout's and stderr's width when it loads, with every command
    // (its errors module needs it): that creates process.stdout and process.stderr (a stream each:
    // tty, pipe or file) for a width read only by help, lists, spinners and error wrapping. Each is
    // measured on its first read instead (OCLIF_COLUMNS and settings.columns still when it loads).
    file: /[\\/]@oclif[\\/]core[\\/]lib[\\/]screen\.js$/,
    from: `exports.stdtermwidth = columns || termwidth(process.stdout);
exports.errtermwidth = columns || termwidth(process.stderr);`,
    to: `for (const [key, stream] of [['stdtermwidth', () => process.stdout], ['errtermwidth', () => process.stderr]]) {
    let width;
    Object.defineProperty(exports, key, { configurable: true, enumerable: true, get: () => (width ??= columns || termwidth(stream())), set: (v) => { width = v; } });
}`,
  },
  {
    // fdir (oclif's globbing, through tinyglobby) looks for picomatch at load with require.resolve:
    // a search of every node_modules folder up from dist/ (about 20 failed stats on every command),
    // although picomatch is in the bundle. It is required on the first glob instead.
    file: /[\\/]fdir[\\/]dist[\\/]index\.cjs$/,
    from: `let pm = null;
/* c8 ignore next 6 */
try {
	require.resolve("picomatch");
	pm = require("picomatch");
} catch {}`,
    to: `let pmLoaded = false;
let pmValue = null;
const pm = () => {
	if (!pmLoaded) {
		pmLoaded = true;
		try {
			pmValue = require("picomatch");
		} catch {}
	}
	return pmValue;
};`,
  },
  {
    file: /[\\/]fdir[\\/]dist[\\/]index\.cjs$/,
    from: 'const globFn = this.globFunction || pm;',
    to: 'const globFn = this.globFunction || pm();',
  },
  // oclif requires these libraries when its modules load, on every command, for work a command of
  // aws-idc rarely or never does: each is required on first use instead (same value then).
  {
    // minimatch (with brace-expansion and balanced-match): for a wildcard in oclif.plugins.
    file: /[\\/]@oclif[\\/]core[\\/]lib[\\/]config[\\/]plugin-loader\.js$/,
    from: 'const minimatch_1 = require("minimatch");',
    to: 'const minimatch_1 = { get minimatch() { return require("minimatch").minimatch; } };',
  },
  {
    // tinyglobby (with fdir and picomatch): for a plugin that finds its commands by glob patterns.
    file: /[\\/]@oclif[\\/]core[\\/]lib[\\/]config[\\/]plugin\.js$/,
    from: 'const tinyglobby_1 = require("tinyglobby");',
    to: 'const tinyglobby_1 = { get glob() { return require("tinyglobby").glob; } };',
  },
  {
    // ejs: for a template with ejs tags (help texts and Config's template strings).
    file: /[\\/]@oclif[\\/]core[\\/]lib[\\/]config[\\/]config\.js$/,
    from: 'const ejs_1 = __importDefault(require("ejs"));',
    to: 'const ejs_1 = { get default() { return __importDefault(require("ejs")).default; } };',
  },
  {
    file: /[\\/]@oclif[\\/]core[\\/]lib[\\/]help[\\/]util\.js$/,
    from: 'const ejs_1 = __importDefault(require("ejs"));',
    to: 'const ejs_1 = { get default() { return __importDefault(require("ejs")).default; } };',
  },
  {
    // cli-spinners (every spinner of the collection, ~30 KB of data) for the spinner of oclif's
    // ux.action on a terminal: its default frames are taken from cli-spinners when this is built,
    // the collection is loaded for a spinner asked for by name.
    file: /[\\/]@oclif[\\/]core[\\/]lib[\\/]ux[\\/]action[\\/]spinner\.js$/,
    from: 'const cli_spinners_1 = __importDefault(require("cli-spinners"));',
    to: 'const cli_spinners_1 = { get default() { return __importDefault(require("cli-spinners")).default; } };',
  },
  {
    file: /[\\/]@oclif[\\/]core[\\/]lib[\\/]ux[\\/]action[\\/]spinner\.js$/,
    from: "return cli_spinners_1.default[process.platform === 'win32' ? 'line' : 'dots2'].frames;",
    to: `return process.platform === 'win32' ? ${JSON.stringify(oclifSpinner('line'))} : ${JSON.stringify(oclifSpinner('dots2'))};`,
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
    // Node streams (never a web stream), so a Node stream skips the test (two edits).
    file: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]serde[\\/]util-stream[\\/]stream-collector\.js$/,
    from: 'import { Writable } from "node:stream";',
    to: 'import { Readable, Writable } from "node:stream";',
  },
  {
    file: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]serde[\\/]util-stream[\\/]stream-collector\.js$/,
    from: '    if (isReadableStream(stream)) {',
    to: '    if (!(stream instanceof Readable) && isReadableStream(stream)) {',
  },
]

/** The frames of a cli-spinners spinner, from the copy that @oclif/core requires. */
function oclifSpinner(name) {
  const oclif = createRequire(import.meta.url).resolve('@oclif/core')
  const frames = createRequire(oclif)('cli-spinners')[name]?.frames
  if (!Array.isArray(frames))
    throw new Error(`lazy-builtins: cli-spinners has no spinner '${name}' (a dependency changed?)`)
  return frames
}

/**
 * semver.satisfies(version, range) for a `>=X[.Y[.Z]]` range (what package.json engines.node says
 * here) and a release version X.Y.Z; undefined for anything else (the caller asks semver).
 */
export function nodeSatisfies(version, range) {
  const min = /^\s*>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(range)
  const have = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(version)
  if (!min || !have) return undefined
  for (let i = 1; i <= 3; i++) {
    const a = Number(have[i])
    const b = Number(min[i] ?? 0)
    if (a !== b) return a > b
  }
  return true
}

// Functions of a lazy built-in answered without loading it: the warm bundle's overrides
// (scripts/shims/, ../bundle-fast.mjs), which get the loader as their first argument. fs/promises'
// readFile of a path is what @idc/core and the SDK's shared-config loader call (the config,
// credentials and token files); answered there, fs/promises (on Node 20 with readline's interface
// and the file watchers, ~2% of a cold `accounts`) is not loaded.
const SHIMS = {
  'fs/promises': {
    file: fileURLToPath(new URL('./shims/fs-promises.mjs', import.meta.url)),
    names: ['readFile'],
  },
}

/** Whether zlib.crc32 exists on this Node version (added in 22.2.0, backported to 20.15.0; not in 21). */
export function hasZlibCrc32(version) {
  const [major, minor] = version.split('.').map(Number)
  return major > 22 || (major === 22 && minor >= 2) || (major === 20 && minor >= 15)
}

/** The esbuild plugin; `deferred` (the rewrites) is a parameter for the tests. */
export const lazyBuiltinsWith = (deferred) => ({
  name: 'lazy-builtins',
  setup(build) {
    const require = createRequire(import.meta.url)
    const found = new Set()
    // One onLoad for every file with rewrites (esbuild takes the first onLoad that answers): it
    // applies all of that file's entries, in order.
    const any = new RegExp(deferred.map((d) => `(?:${d.file.source})`).join('|'))
    build.onLoad({ filter: any }, async (args) => {
      const mine = deferred.filter((d) => d.file.test(args.path))
      if (mine.length === 0) return undefined
      let code = await readFile(args.path, 'utf8')
      for (const d of mine) {
        if (!code.includes(d.from)) throw new Error(`${args.path}: no longer has \`${d.from}\``)
        found.add(d)
        code = code.replace(d.from, d.to)
      }
      return { contents: code, loader: 'js' }
    })
    // Returned, not pushed into result.errors: only returned errors fail the build.
    build.onEnd((result) => {
      if (result.errors.length > 0) return undefined
      const missing = deferred.filter((d) => !found.has(d))
      return {
        errors: missing.map((d) => ({
          text: `lazy-builtins: no module matched ${d.file} with \`${d.from}\` (a dependency changed?)`,
        })),
      }
    })
    build.onResolve({ filter }, (args) => {
      const name = args.path.replace(/^node:/, '')
      // The proxy's own require() of the real module stays a require.
      if (args.namespace === 'lazy-builtin') return { path: `node:${name}`, external: true }
      return { path: name, namespace: 'lazy-builtin' }
    })
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
      const keys = Object.getOwnPropertyNames(require(`node:${args.path}`))
      return {
        loader: 'js',
        // The shims' own imports (node:fs) resolve from scripts/.
        resolveDir: fileURLToPath(new URL('.', import.meta.url)),
        contents: `let real
const load = () => (real ??= require(${JSON.stringify(`node:${args.path}`)}))
const keys = ${JSON.stringify(keys)}
const overrides = ${overridesOf(args.path)}
// Enumerating the module or its namespace (Object.keys, a spread) asks for each key's descriptor:
// answered from the key list without loading the built-in, each descriptor made once.
const known = new Set(keys)
const descriptors = new Map()
const descriptor = (key) => {
  let d = descriptors.get(key)
  if (!d) descriptors.set(key, (d = { configurable: true, enumerable: true, get: () => (Object.hasOwn(overrides, key) ? overrides[key] : load()[key]), set: (v) => { load()[key] = v } }))
  return d
}
// The namespace object esbuild's ESM interop (__toESM, scripts/esm-interop.mjs) takes for this
// module instead of copying each of its keys as a getter: \`default\` is the module, every other
// key reads the module's.
const namespace = new Proxy({}, {
  get: (_, key) => (key === 'default' ? module.exports : key === '__esModule' ? undefined : module.exports[key]),
  has: (_, key) => key === 'default' || key in module.exports,
  ownKeys: () => ['default', ...Reflect.ownKeys(module.exports)],
  getOwnPropertyDescriptor: (_, key) => key === 'default' ? { configurable: true, enumerable: true, writable: false, value: module.exports } : Reflect.getOwnPropertyDescriptor(module.exports, key),
})
const NAMESPACE = Symbol.for('aws-idc.esm-namespace')
module.exports = new Proxy({}, {
  // The CommonJS interop helpers (TypeScript's __importDefault, esbuild's __toESM) read __esModule,
  // which no built-in has: answered without loading it.
  get: (_, key) => (key === NAMESPACE ? namespace : Object.hasOwn(overrides, key) ? overrides[key] : key === '__esModule' && !real ? undefined : load()[key]),
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
})

/** The generated module's `overrides` object: each shim function, given the built-in's loader. */
function overridesOf(builtin) {
  const shim = SHIMS[builtin]
  if (!shim) return '{}'
  const entries = shim.names.map((name) => `${name}: (...args) => shim.${name}(load, ...args)`)
  return `(() => { const shim = require(${JSON.stringify(shim.file)}); return { ${entries.join(', ')} } })()`
}

export const lazyBuiltins = lazyBuiltinsWith(DEFERRED)

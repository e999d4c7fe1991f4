#!/usr/bin/env node
// aws-idc entry point. CommonJS on purpose: on Node 20 an ESM entry alone costs ~10 ms of loader time.
//
// Two bundles, both built by `pnpm --filter aws-idc build`:
//   - dist/fast.cjs (scripts/bundle-fast.mjs): the warm half of `credential-process` and `creds`,
//     which run before AWS calls (the AWS CLI and SDKs spawn `credential_process` for every new
//     client). @idc/plugin-creds/fast's runWarm with @idc/core/warm + @idc/core/format +
//     @idc/cli-kit/lite, no AWS SDK, no oclif: it answers from the role cache in about the time
//     `node -e 0` takes. When it cannot (cache empty or expiring, token to refresh) it says 'cold' and
//     the cold half (runCold: @idc/core's getCredentials + the formatter, still without oclif) runs
//     from dist/cli.cjs. Anything else (--json, --debug, --write-profile, unknown flags or formats)
//     goes to oclif. Errors on both halves are the same one line + hint and exit codes as the oclif
//     commands.
//   - dist/cli.cjs (scripts/bundle-cli.mjs): everything else: @oclif/core and every aws-idc command,
//     found by oclif's explicit command discovery (package.json oclif.commands), each command's code
//     evaluated only when it runs; `--help` is oclif's own help from oclif.manifest.json.
// dist/fast.cjs loads with Node's module compile cache on Node >= 22.1 and with a V8 code cache of
// ours in aws-idc's cache directory on Node 20 (which has no compile cache); dist/cli.cjs with a V8
// code cache of ours on every Node, one per command: loadBundle below.
// AWS_IDC_NO_FAST_PATH=1 sends credential-process and creds to oclif too (for tests and comparisons);
// AWS_IDC_NO_CODE_CACHE=1 compiles the bundles without either cache.
'use strict'

// `aws-idc --profile dev creds` -> `aws-idc creds --profile dev` (bin/argv.cjs), loaded only when
// a flag comes first, so `credential-process ...` (the hot path) reads no extra file.
const raw = process.argv.slice(2)
const argv = raw.length > 1 && raw[0].startsWith('-') ? require('./argv.cjs').commandFirst(raw) : raw
const Module = require('node:module')
const noCodeCache = Boolean(process.env.AWS_IDC_NO_CODE_CACHE)
// Node >= 22.1 caches compiled modules itself (dist/fast.cjs, and plugins loaded from node_modules),
// in aws-idc's cache directory unless NODE_COMPILE_CACHE names another; Node 20 cannot, so the
// bundles get a V8 code cache of ours there, below.
const nodeCompileCache = !noCodeCache && typeof Module.enableCompileCache === 'function'
if (nodeCompileCache) {
  try {
    const dir = process.env.NODE_COMPILE_CACHE ? undefined : cacheDir()
    Module.enableCompileCache(dir && require('node:path').join(dir, 'compile-cache'))
  } catch {}
}

async function main() {
  if ((argv[0] === 'credential-process' || argv[0] === 'creds') && !process.env.AWS_IDC_NO_FAST_PATH) {
    // A cold start is an object: `{ cold: target }`, the target the warm path resolved (or none).
    let outcome = { cold: undefined }
    const fast = loadBundle('fast.cjs')
    if (fast) {
      outcome = await fast.exports.runWarm(argv)
      if (outcome === 0) fast.saveCodeCache(() => fast.exports.primeCodeCache?.())
    }
    if (typeof outcome === 'object' && outcome !== null) {
      const bundle = cli()
      outcome = await bundle.exports.runCold(argv, {}, outcome)
      if (outcome !== undefined) bundle.saveCodeCache()
    }
    if (outcome !== undefined) {
      // Let stdout drain instead of process.exit().
      process.exitCode = outcome
      return
    }
  }
  const bundle = cli()
  // Saved when the process ends (oclif may call process.exit), with what this command compiled.
  process.once('exit', () => bundle.saveCodeCache())
  await bundle.exports.run(argv, __filename)
}

/** dist/cli.cjs: oclif and the commands (a broken install when it is missing: `pnpm build` makes it). */
function cli() {
  const bundle = loadBundle('cli.cjs')
  if (!bundle) throw new Error('dist/cli.cjs is missing: run `pnpm --filter aws-idc build`')
  return bundle
}

/**
 * dist/<name> as `require` would load it, or undefined when it was not built (a source checkout
 * before `pnpm build`). dist/fast.cjs on Node >= 22.1: `require`, with Node's module compile cache.
 * Otherwise evaluated through vm.Script, so that V8's code cache (with the functions compiled while
 * serving the request) can be saved for the next process: about 5 ms of the ~15 ms the warm path
 * costs on Node 20, and most of the compile time of oclif's. Node's compile cache holds only the
 * functions compiled eagerly, so dist/cli.cjs takes this path on Node >= 22.1 too: its commands'
 * code (the AWS SDK clients) compiled lazily on every run there (Node 22: `--help` 4.2x -> 3.4x,
 * `accounts` 6.6x -> 4.8x `node -e 0`). The module is put in require's cache, so that oclif's own
 * require() of dist/cli.cjs (explicit command discovery) gets this instance.
 */
function loadBundle(name) {
  const fs = require('node:fs')
  const path = require('node:path')
  const file = path.join(__dirname, '..', 'dist', name)
  if ((nodeCompileCache && name !== 'cli.cjs') || noCodeCache) {
    try {
      return { exports: require(file), saveCodeCache() {} }
    } catch (error) {
      if (error && error.code === 'MODULE_NOT_FOUND' && !fs.existsSync(file)) return undefined
      throw error
    }
  }
  if (require.cache[file]) return require.cache[file].bundle
  let bytes
  try {
    bytes = fs.readFileSync(file)
  } catch (error) {
    if (error && error.code === 'ENOENT') return undefined
    throw error
  }
  // The build marks a bundle that is pure ASCII (scripts/ascii.mjs): latin1 decodes it to the same
  // text as UTF-8, about 4x faster for dist/cli.cjs, and gives V8 a one-byte string.
  const header = bytes.subarray(0, bytes.indexOf(10)).toString('latin1')
  const source = bytes.toString(/^\/\/ aws-idc [^:]*: ascii\b/.test(header) ? 'latin1' : 'utf8')
  const cache = codeCache(name, header)
  const vm = require('node:vm')
  // __awsIdcImport: Node 20 loses a vm.Script's dynamic import() callback when the script comes
  // from a code cache, so the bundle's import() calls (oclif loading an ESM plugin) use this one.
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname, __awsIdcImport) {${source}\n})`,
    {
      filename: file,
      cachedData: cache.read(),
    },
  )
  const mod = new Module(file, module)
  mod.filename = file
  mod.paths = Module._nodeModulePaths(path.dirname(file))
  require.cache[file] = mod
  try {
    script
      .runInThisContext()
      .call(
        mod.exports,
        mod.exports,
        Module.createRequire(file),
        mod,
        file,
        path.dirname(file),
        (specifier) => import(specifier),
      )
  } catch (error) {
    delete require.cache[file]
    throw error
  }
  mod.loaded = true
  mod.bundle = {
    exports: mod.exports,
    /** prime: runs code that should be in the cache too, before the cache is made. */
    saveCodeCache(prime) {
      if (cache.hit && !script.cachedDataRejected) return
      prime?.()
      cache.write(() => script.createCachedData())
    },
  }
  return mod.bundle
}

/**
 * The code cache file of this bundle build (its id is on the bundle's first line), Node version and
 * architecture, in aws-idc's cache directory; dist/cli.cjs has one per command (cachePart). Every
 * failure (no HOME, read-only disk, a concurrent writer) just means compiling without it; files are
 * written whole (temp file + rename).
 */
function codeCache(name, header) {
  const none = { hit: false, read: () => undefined, write: () => {} }
  const kind = name.replace(/\.cjs$/, '')
  const id = /^\/\/ aws-idc (?:fast path|cli) ([0-9a-f]{8,64})\b/.exec(header)
  const dir = cacheDir()
  if (!id || !dir) return none
  const path = require('node:path')
  const fs = require('node:fs')
  const build = `${kind}-${id[1]}-`
  const part = kind === 'cli' ? `${cachePart(header)}-` : ''
  const file = path.join(dir, `${build}${part}${process.version}-${process.arch}.v8`)
  const state = {
    hit: false,
    read() {
      try {
        const data = fs.readFileSync(file)
        state.hit = data.length > 0
        return state.hit ? data : undefined
      } catch {
        return undefined
      }
    },
    write(produce) {
      const tmp = `${file}.${process.pid}.tmp`
      try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
        fs.writeFileSync(tmp, produce(), { mode: 0o600 })
        fs.renameSync(tmp, file)
        // Caches of older aws-idc builds for this Node are dead weight after an upgrade (other Node
        // versions' caches stay: nvm users switch back and forth).
        const suffix = `-${process.version}-${process.arch}.v8`
        for (const entry of fs.readdirSync(dir)) {
          if (entry.startsWith(`${kind}-`) && entry.endsWith(suffix) && !entry.startsWith(build))
            fs.rmSync(path.join(dir, entry), { force: true })
        }
      } catch {
        try {
          fs.rmSync(tmp, { force: true })
        } catch {}
      }
    },
  }
  return state
}

/**
 * Which of dist/cli.cjs's code caches a command line uses: V8 caches the functions compiled by the
 * time the cache is made, so one cache made by `--help` left all of `accounts`' code (the AWS SDK
 * client) to compile on every run (~15 ms on Node 20), and one holding every command would make
 * `--help` deserialize code it never runs. So: one per command of the bundle (the build lists them
 * on its first line), `help` for every help screen, `other` for the rest (plugins, typos).
 * Only which file is read depends on this, never what runs.
 */
function cachePart(header) {
  const end = argv.indexOf('--')
  const flags = end === -1 ? argv : argv.slice(0, end)
  if (argv.length === 0 || argv[0] === 'help' || flags.includes('--help') || flags.includes('-h'))
    return 'help'
  const commands = /\bcommands=([\w,-]+)/.exec(header)
  return commands?.[1].split(',').includes(argv[0]) ? argv[0] : 'other'
}

/** Where oclif keeps aws-idc's cache (XDG_CACHE_HOME, ~/Library/Caches, %LOCALAPPDATA%). */
function cacheDir() {
  const path = require('node:path')
  const env = process.env
  let home = env.HOME || env.USERPROFILE
  if (!home) {
    try {
      home = require('node:os').homedir()
    } catch {
      return undefined
    }
  }
  if (process.platform === 'win32')
    return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'aws-idc')
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'aws-idc')
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'aws-idc')
}

main().catch((error) => {
  // Only reached for a broken install (the paths above render their own errors).
  process.stderr.write(`error: ${error?.message || String(error)}\n`)
  process.exitCode = 1
})

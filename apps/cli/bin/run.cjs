#!/usr/bin/env node
// aws-idc entry point. CommonJS on purpose: on Node 20 an ESM entry alone costs ~10 ms of loader time.
//
// `credential-process` and `creds` run before AWS calls (the AWS CLI and SDKs spawn
// `credential_process` for every new client), so they skip oclif:
//   1. warm: dist/fast.cjs, one bundled CommonJS file (@idc/plugin-creds/fast's runWarm with
//      @idc/core/warm + @idc/core/format + @idc/cli-kit/lite; no AWS SDK, no oclif), answers from the
//      role cache in about the time `node -e 0` takes. On Node 20 it is compiled with a V8 code cache
//      kept in aws-idc's cache directory (Node >= 22.1: Node's own module compile cache);
//   2. cold (cache empty or expiring, token to refresh): @idc/plugin-creds/fast's runCold, i.e.
//      @idc/core's getCredentials + the formatter, imported as ESM, still without oclif;
//   3. anything else (--json, --debug, --write-profile, unknown flags or formats, other commands): oclif.
// Errors on 1 and 2 are the same one line + hint and exit codes as the oclif commands.
//
// `aws-idc`, `--help`, `help`, `<command> --help` and `help <command>` print the help oclif rendered at
// build time (dist/help/, bin/help.cjs) when oclif would print exactly that; otherwise oclif.
// AWS_IDC_NO_FAST_PATH=1 sends everything to oclif (for tests and comparisons);
// AWS_IDC_NO_CODE_CACHE=1 compiles the bundle without the code cache.
'use strict'

// `aws-idc --profile dev creds` -> `aws-idc creds --profile dev` (bin/argv.cjs), loaded only when
// a flag comes first, so `credential-process ...` (the hot path) reads no extra file.
const raw = process.argv.slice(2)
const argv = raw.length > 1 && raw[0].startsWith('-') ? require('./argv.cjs').commandFirst(raw) : raw
const Module = require('node:module')
const noCodeCache = Boolean(process.env.AWS_IDC_NO_CODE_CACHE)
// Node >= 22.1 caches compiled modules itself (for oclif and the plugins too); Node 20 cannot, and
// vm.Script code caches there lose dynamic import(), so only the fast-path bundle (which has none)
// gets a cache of ours, below.
const nodeCompileCache = !noCodeCache && typeof Module.enableCompileCache === 'function'
if (nodeCompileCache) {
  try {
    Module.enableCompileCache()
  } catch {}
}

async function main() {
  if (
    (argv.length === 0 || argv[0] === 'help' || argv[argv.length - 1] === '--help') &&
    !process.env.AWS_IDC_NO_FAST_PATH &&
    require('./help.cjs').serve(argv, require('node:path').join(__dirname, '..'))
  )
    return
  if ((argv[0] === 'credential-process' || argv[0] === 'creds') && !process.env.AWS_IDC_NO_FAST_PATH) {
    // A cold start is an object: `{ cold: target }`, the target the warm path resolved (or none).
    let outcome = { cold: undefined }
    const bundle = loadBundle()
    if (bundle) {
      outcome = await bundle.exports.runWarm(argv)
      if (outcome === 0) bundle.saveCodeCache()
    }
    if (typeof outcome === 'object' && outcome !== null) {
      const { runCold } = await import('@idc/plugin-creds/fast')
      outcome = await runCold(argv, {}, outcome)
    }
    if (outcome !== undefined) {
      // Let stdout drain instead of process.exit().
      process.exitCode = outcome
      return
    }
  }
  const { execute } = await import('@oclif/core')
  await execute({ args: argv, dir: __filename })
}

/**
 * dist/fast.cjs, or undefined when it was not built (a source checkout before `pnpm build`).
 * Node >= 22.1: `require` with Node's module compile cache. Node 20: evaluated as `require` would,
 * but through vm.Script, so that V8's code cache (with the functions compiled while serving the
 * request) can be saved for the next process: about 5 ms of the ~15 ms the warm path costs.
 */
function loadBundle() {
  const fs = require('node:fs')
  const path = require('node:path')
  const file = path.join(__dirname, '..', 'dist', 'fast.cjs')
  if (nodeCompileCache || noCodeCache) {
    try {
      return { exports: require(file), saveCodeCache() {} }
    } catch (error) {
      if (error && error.code === 'MODULE_NOT_FOUND' && !fs.existsSync(file)) return undefined
      throw error
    }
  }
  let source
  try {
    source = fs.readFileSync(file, 'utf8')
  } catch (error) {
    if (error && error.code === 'ENOENT') return undefined
    throw error
  }
  const cache = codeCache(source)
  const vm = require('node:vm')
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData: cache.read(),
  })
  const mod = { exports: {}, filename: file, id: file, loaded: false }
  script
    .runInThisContext()
    .call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file))
  mod.loaded = true
  return {
    exports: mod.exports,
    saveCodeCache() {
      if (cache.hit && !script.cachedDataRejected) return
      mod.exports.primeCodeCache?.()
      cache.write(() => script.createCachedData())
    },
  }
}

/**
 * The code cache file of this bundle build (its id is on the bundle's first line), Node version and
 * architecture, in aws-idc's cache directory. Every failure (no HOME, read-only disk, a concurrent
 * writer) just means compiling without it; files are written whole (temp file + rename).
 */
function codeCache(source) {
  const none = { hit: false, read: () => undefined, write: () => {} }
  const id = /^\/\/ aws-idc fast path ([0-9a-f]{8,64})\b/.exec(source)
  const dir = cacheDir()
  if (!id || !dir) return none
  const path = require('node:path')
  const fs = require('node:fs')
  const file = path.join(dir, `fast-${id[1]}-${process.version}-${process.arch}.v8`)
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
        for (const name of fs.readdirSync(dir)) {
          if (name.startsWith('fast-') && name.endsWith(suffix) && name !== path.basename(file))
            fs.rmSync(path.join(dir, name), { force: true })
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

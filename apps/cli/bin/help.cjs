// `aws-idc --help` and `aws-idc <command> --help` without oclif: bin/run.cjs requires this file only for
// those command lines. Loading @oclif/core and the plugins costs ~180 ms on Node 20, about 6x starting
// Node itself, so the build (scripts/render-help.mjs) renders the help with the real oclif into
// dist/help/ and this file prints it, but ONLY when oclif would print exactly the same bytes:
//   - the command line is `aws-idc`, `--help`, `help`, `<command> --help` or `help <command>`, for a
//     command of @idc/plugin-sso, @idc/plugin-creds or @idc/plugin-profiles (other commands, topics,
//     aliases and `-h`, which oclif does not take for help, go to oclif);
//   - the width oclif would wrap to (OCLIF_COLUMNS, else the terminal's columns, else 80 when stdout is
//     not a terminal) and its colour mode (bold headers when supports-color and ansis, the modules
//     oclif uses, say so for this process) were rendered: see WIDTHS in scripts/render-help.mjs;
//   - the rendered files were made from the oclif and plugin packages installed next to aws-idc
//     (fingerprint: their versions and manifest sizes, and aws-idc's package.json);
//   - nothing could change what oclif loads or prints: no installed or linked user plugin (the
//     package.json in oclif's data directory), no theme.json in its config directory, no DEBUG,
//     NODE_ENV=development/test, globalThis.oclif, unknown OCLIF_* or AWS_IDC_* variables, deleted
//     working directory, WSL (oclif reports the platform as "wsl" there) or Node < 18 (engine warning).
// Anything else, or any doubt, returns false and bin/run.cjs runs oclif as before.
'use strict'

const fs = require('node:fs')
const path = require('node:path')

const OUR_PLUGINS = ['@idc/plugin-sso', '@idc/plugin-creds', '@idc/plugin-profiles']
/** Stands for oclif's user agent (the root help's VERSION line) in the rendered root help. */
const USER_AGENT = '\u0000user-agent\u0000'
const KNOWN_ENV = new Set([
  'OCLIF_COLUMNS',
  'OCLIF_DISABLE_LINKED_ESM_WARNING',
  'OCLIF_DISABLE_ENGINE_WARNING',
  'AWS_IDC_NO_FAST_PATH',
  'AWS_IDC_NO_CODE_CACHE',
  'AWS_IDC_CONFIG_DIR',
  'AWS_IDC_DATA_DIR',
  'AWS_IDC_CACHE_DIR',
])

const variantFile = (width, color) => `${width}${color ? '-color' : ''}.json`

/** The command id whose help argv asks for ('' for the root), or undefined when it is no help request. */
function helpId(argv) {
  if (argv.length === 0) return ''
  if (argv.length === 1) return argv[0] === '--help' || argv[0] === 'help' ? '' : undefined
  if (argv.length !== 2) return undefined
  if (argv[1] === '--help' && /^[a-z][a-z0-9-]*$/.test(argv[0]) && argv[0] !== 'help') return argv[0]
  if (argv[0] === 'help' && /^[a-z][a-z0-9-]*$/.test(argv[1]) && argv[1] !== 'help') return argv[1]
  return undefined
}

/**
 * Prints the prebuilt help for argv and returns true, or returns false (nothing printed) when oclif
 * must answer. root: the aws-idc package directory.
 */
function serve(argv, root) {
  const id = helpId(argv)
  if (id === undefined) return false
  let text
  try {
    text = prebuilt(id, root)
  } catch {
    return false
  }
  if (text === undefined) return false
  process.stdout.write(text)
  return true
}

function prebuilt(id, root) {
  const env = process.env
  for (const k of Object.keys(env))
    if ((k.startsWith('OCLIF_') || k.startsWith('AWS_IDC_')) && !KNOWN_ENV.has(k)) return undefined
  if ('DEBUG' in env || env.NODE_ENV === 'development' || env.NODE_ENV === 'test') return undefined
  if (globalThis.oclif !== undefined) return undefined
  if (Number(process.versions.node.split('.')[0]) < 18) return undefined
  process.cwd() // throws when the working directory was deleted (oclif warns then)
  if (process.platform === 'linux' && maybeWsl()) return undefined

  const own = fs.readFileSync(path.join(root, 'package.json'), 'utf8')
  const pjson = JSON.parse(own)
  const dirs = oclifDirs(pjson.oclif.dirname || pjson.name)
  if (!dirs) return undefined
  if (fs.existsSync(path.join(dirs.config, 'theme.json'))) return undefined
  const user = readIfExists(path.join(dirs.data, 'package.json'))
  if (user !== undefined && (JSON.parse(user).oclif?.plugins ?? []).length > 0) return undefined

  const width = Number.parseInt(env.OCLIF_COLUMNS, 10) || termwidth(process.stdout)
  const color = colorMode(root)
  if (color === undefined) return undefined
  const file = readIfExists(path.join(root, 'dist', 'help', variantFile(width, color)))
  if (file === undefined) return undefined
  const help = JSON.parse(file)
  if (help.fingerprint !== fingerprint(root, own)) return undefined
  if (id !== '') return Object.hasOwn(help.commands, id) ? help.commands[id] : undefined
  const arch = process.arch === 'ia32' ? 'x86' : process.arch
  const userAgent = `${pjson.name}/${pjson.version || '0.0.0'} ${process.platform}-${arch} node-${process.version}`
  // A user agent this long would be wrapped differently.
  if (userAgent.length > width - 4) return undefined
  return help.root.replace(USER_AGENT, () => userAgent)
}

/** oclif's data and config directories (Config#dataDir, #configDir). */
function oclifDirs(dirname) {
  const env = process.env
  const windows = process.platform === 'win32'
  let home =
    env.HOME ||
    (windows &&
      ((env.HOMEDRIVE && env.HOMEPATH && path.join(env.HOMEDRIVE, env.HOMEPATH)) || env.USERPROFILE))
  if (!home) {
    try {
      home = require('node:os').homedir() || require('node:os').tmpdir()
    } catch {
      return undefined
    }
  }
  if (windows) dirname = dirname.replace('/', '\\')
  const dir = (category) =>
    path.join(
      env[`XDG_${category.toUpperCase()}_HOME`] ||
        (windows && env.LOCALAPPDATA) ||
        path.join(home, category === 'data' ? '.local/share' : `.${category}`),
      dirname,
    )
  return { data: env.AWS_IDC_DATA_DIR || dir('data'), config: env.AWS_IDC_CONFIG_DIR || dir('config') }
}

/** @oclif/core's screen.ts: the width help wraps to when OCLIF_COLUMNS is not set. */
function termwidth(stream) {
  if (!stream.isTTY) return 80
  const width = stream.getWindowSize()[0]
  if (width < 1) return 80
  if (width < 40) return 40
  return width
}

/**
 * true when oclif would colour the help (bold headers, underlined flag values), false when not,
 * undefined when unsure. oclif colours when supports-color says both stdout and stderr support colour
 * and ansis is enabled; supports-color 8 says no for a stream that is not a terminal unless FORCE_COLOR
 * is set (its --color flags cannot be in a help command line served here). Otherwise this asks the same
 * two modules, loaded from @oclif/core's dependencies, in this process.
 */
function colorMode(root) {
  if (!('FORCE_COLOR' in process.env) && !(process.stdout.isTTY && process.stderr.isTTY)) return false
  const core = findPackage(root, '@oclif/core')
  if (!core) return undefined
  const req = require('node:module').createRequire(path.join(fs.realpathSync(core.dir), 'package.json'))
  const supportsColor = req('supports-color')
  if (!(supportsColor.stdout && supportsColor.stderr)) return false
  const ansisModule = req('ansis')
  const ansis = ansisModule?.__esModule ? ansisModule.default : ansisModule
  return ansis.bold('x') !== 'x'
}

/** wsl-utils' isWsl, without its container check: on WSL oclif's platform is "wsl", so never serve there. */
function maybeWsl() {
  if (require('node:os').release().toLowerCase().includes('microsoft')) return true
  const version = readIfExists('/proc/version')
  if (version?.toLowerCase().includes('microsoft')) return true
  return fs.existsSync('/proc/sys/fs/binfmt_misc/WSLInterop') || fs.existsSync('/run/WSL')
}

/**
 * What the rendered help depends on besides oclif's width and colours: aws-idc's package.json (hash),
 * and the version and manifest size of @oclif/core and of every plugin aws-idc loads, as Node resolves
 * them from aws-idc's directory (a published version has one content; in this repository the build
 * re-renders whenever a plugin changes, and the tests compare with oclif). undefined when one is missing.
 * Sizes, not hashes: hashing ~60 KB of manifests in not-yet-optimised JavaScript costs ~10 ms.
 */
function fingerprint(root, own = fs.readFileSync(path.join(root, 'package.json'), 'utf8')) {
  const pjson = JSON.parse(own)
  const parts = [`${pjson.name} ${fnv1a(own)}`]
  for (const name of ['@oclif/core', ...(pjson.oclif?.plugins ?? [])]) {
    const pkg = findPackage(root, name)
    if (!pkg) return undefined
    let size = '-'
    try {
      size = fs.statSync(path.join(pkg.dir, 'oclif.manifest.json')).size
    } catch (error) {
      if (error?.code !== 'ENOENT') throw error
    }
    parts.push(`${name}@${pkg.version} ${size}`)
  }
  return parts.join(', ')
}

/** A package as Node resolves it from root: node_modules/<name> in root or the nearest ancestor. */
function findPackage(root, name) {
  for (let dir = root; ; ) {
    const candidate = path.join(dir, 'node_modules', name)
    const text = readIfExists(path.join(candidate, 'package.json'))
    if (text !== undefined) return { dir: candidate, version: JSON.parse(text).version }
    const parent = path.dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

function readIfExists(file) {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch (error) {
    if (error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return undefined
    throw error
  }
}

/** FNV-1a (32 bits) of a string's UTF-16 code units, hex: a cheap change detector, not a security hash. */
function fnv1a(text) {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0).toString(16).padStart(8, '0')
}

module.exports = { OUR_PLUGINS, USER_AGENT, fingerprint, helpId, serve, variantFile }

// Part of `pnpm --filter aws-idc build` (before `oclif manifest`): bundles the CLI, i.e. @oclif/core,
// the `help` command of @oclif/plugin-help and every command of @idc/plugin-sso, @idc/plugin-creds and
// @idc/plugin-profiles (with @idc/core and the AWS SDK clients they use), into ONE CommonJS file,
// dist/cli.cjs, that bin/run.cjs loads with Node's compile cache (Node >= 22.1) or a V8 code cache
// (Node 20). Why: started from node_modules, oclif and a command load ~1,000 small modules (~200 ms
// on Node 20 before the command does anything); from one file they load in a fraction of that.
//
// The commands reach oclif through its explicit command discovery: package.json `oclif.commands`
// points at dist/cli.cjs's COMMANDS, and `oclif manifest` writes their flags and help into
// oclif.manifest.json, so `--help` and the command list never load a command. COMMANDS is built from
// each plugin's own registry (src/commands.ts, checked against its command files by
// scripts/check-commands.mjs at the plugin's build): a command added there is bundled here without
// any change to this file. Each entry is a getter that evaluates the command's module (and what it
// imports) the first time oclif asks for it: esbuild wraps a require()d ESM module in a lazy
// initializer, so loading dist/cli.cjs runs no command code and no AWS SDK code.
//
// @oclif/plugin-plugins and @oclif/plugin-autocomplete stay ordinary oclif plugins (oclif.plugins),
// loaded from node_modules only when one of their commands runs, as are user-installed plugins.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { duplicatePackageLines } from '../../../scripts/package-lines.mjs'
import { asciiRegexLiterals } from './ascii.mjs'
import { NODE_BUNDLE } from './bundle-options.mjs'
import { namesOnDebug } from './debug-names.mjs'
import { memoizeToESM } from './esm-interop.mjs'
import { lazyBuiltins } from './lazy-builtins.mjs'
import { deferExports } from './lazy-exports.mjs'
import { packageVersions } from './package-versions.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outfile = join(root, 'dist', 'cli.cjs')
const require = createRequire(join(root, 'package.json'))

/** The plugins bundled into dist/cli.cjs; each has src/commands.ts (explicit discovery). */
export const BUNDLED_PLUGINS = ['@idc/plugin-sso', '@idc/plugin-creds', '@idc/plugin-profiles']

/** A package's directory (its package.json may not be exported). */
function packageDir(name) {
  let dir = dirname(require.resolve(name))
  for (;;) {
    try {
      if (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === name) return dir
    } catch {}
    const up = dirname(dir)
    if (up === dir) throw new Error(`cannot find the package directory of ${name}`)
    dir = up
  }
}

/** id -> absolute file of the command's module, from a plugin's explicit registry. */
async function pluginCommands(name) {
  const dir = packageDir(name)
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const discovery = pkg.oclif?.commands
  if (discovery?.strategy !== 'explicit')
    throw new Error(`${name}: package.json oclif.commands must use the explicit strategy`)
  const registry = (await import(pathToFileURL(join(dir, discovery.target)).href))[discovery.identifier]
  // scripts/check-commands.mjs (the plugin's build) guarantees: id = the file's path under commands/.
  return Object.keys(registry).map((id) => {
    const base = join(dir, 'dist', 'commands', ...id.split(':'))
    const file = [`${base}.js`, join(base, 'index.js')].find((f) => existsSync(f))
    if (!file) throw new Error(`${name}: no dist/commands file for command '${id}'`)
    return { id, file, plugin: name }
  })
}

const commands = []
for (const name of BUNDLED_PLUGINS) commands.push(...(await pluginCommands(name)))
commands.push({
  id: 'help',
  file: join(packageDir('@oclif/plugin-help'), 'lib', 'commands', 'help.js'),
  plugin: '@oclif/plugin-help',
})
// bin/run.cjs (through run() below) leaves the core plugins out of oclif's config for this bundle's
// commands: only right while no hook of theirs can fire for one of ours.
const CORE_PLUGIN_HOOKS = new Set([
  'update',
  'plugins:preinstall',
  'plugins:postinstall',
  'plugins:postuninstall',
])
for (const name of JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).oclif.plugins ?? []) {
  const hooks = Object.keys(
    JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')).oclif?.hooks ?? {},
  )
  const other = hooks.filter((h) => !CORE_PLUGIN_HOOKS.has(h))
  if (other.length > 0)
    throw new Error(
      `${name} has the hook(s) ${other.join(', ')}: bin/run.cjs must load it for every command (see run() in scripts/bundle-cli.mjs)`,
    )
}
const seen = new Set()
for (const c of commands) {
  if (seen.has(c.id)) throw new Error(`two bundled plugins define the command '${c.id}'`)
  seen.add(c.id)
}

const lines = [
  "export { execute, Config, Errors, Performance } from '@oclif/core'",
  "import { execute } from '@oclif/core'",
  // bin/run.cjs runs every oclif command line through this. A command of this bundle (or its
  // --help; not the root help or `help`, which list every plugin's commands, not a plugin's command)
  // gets oclif's config without the core plugins (package.json oclif.plugins:
  // @oclif/plugin-plugins, @oclif/plugin-autocomplete): loading them (finding their roots, reading
  // their package.json and manifests, matching the dependencies) is ~15% of a command's start-up,
  // and nothing of theirs runs for one of ours: their hooks are for `update` and
  // `plugins:post(un)install` only (a build check below keeps it so). User-installed plugins, their
  // hooks and everything else load as before; the package.json read here is the one oclif reads.
  `const WORDS = new Set(${JSON.stringify([...new Set(commands.map((c) => c.id.split(':')[0]))].filter((w) => w !== 'help'))})`,
  `export function run(argv, launcher) {
  if (!WORDS.has(argv[0])) return execute({ args: argv, dir: launcher })
  const root = require('node:path').join(__dirname, '..')
  const pjson = JSON.parse(require('node:fs').readFileSync(require('node:path').join(root, 'package.json'), 'utf8'))
  pjson.oclif = { ...pjson.oclif, plugins: [] }
  return execute({ args: argv, loadOptions: { root, pjson } })
}`,
  // The cold half of the credential fast path (bin/run.cjs), lazily like the commands.
  `export const runCold = (argv, io, from) => require(${JSON.stringify(join(packageDir('@idc/plugin-creds'), 'dist', 'fast.js'))}).runCold(argv, io, from)`,
  'export const COMMANDS = {}',
  ...commands.map(
    (c) =>
      `Object.defineProperty(COMMANDS, ${JSON.stringify(c.id)}, { enumerable: true, get: () => require(${JSON.stringify(c.file)}).default })`,
  ),
]

// The AWS SDK's default credential chain (@aws-sdk/credential-provider-node: environment, shared
// files, SSO, web identity, process, container and instance metadata, with its nested SSO, OIDC and
// STS clients: ~100 KB, a tenth of the bundle) is imported by the STS and SSO OIDC clients' runtime
// config as the fallback for a client created without credentials. aws-idc never does: its STS
// clients are always given the role credentials (createStsClient requires them) and its OIDC calls
// are unsigned. So the chain is left out of dist/cli.cjs; a client that did ask it would fail with
// this one line instead of reading credentials aws-idc did not choose.
const noDefaultCredentialChain = {
  name: 'no-default-credential-chain',
  setup(b) {
    b.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, (args) => ({
      path: args.path,
      namespace: 'no-default-credential-chain',
    }))
    b.onLoad({ filter: /.*/, namespace: 'no-default-credential-chain' }, () => ({
      loader: 'js',
      contents: `export const defaultProvider = () => async () => {
  throw new Error("aws-idc gives its AWS SDK clients their credentials: the SDK's default credential chain is not bundled")
}`,
    }))
  },
}

const result = await build({
  stdin: { contents: lines.join('\n'), resolveDir: root, sourcefile: 'cli-entry.js', loader: 'js' },
  absWorkingDir: root,
  outfile,
  ...NODE_BUNDLE,
  keepNames: true,
  // A package's ES module build where it has one (package.json `module`; for `exports` maps esbuild
  // already takes their `module` or `import` entry): the AWS SDK clients have no `exports`, so their
  // CommonJS builds came in, which require whole @smithy/core submodules as namespaces (every
  // module of each one evaluated, none tree-shaken). Their ES builds are the same code, imported
  // by name: about 4% of a cold `accounts` less work, and a smaller bundle and code cache.
  mainFields: ['module', 'main'],
  // typescript: oclif require()s it only to read a tsconfig.json in development (ts-node); the SDK's
  // CRT: optional, never loaded by the Node build. Both are absent from an installed aws-idc.
  external: ['typescript', '@aws-sdk/crt-loader', 'aws-crt'],
  // scripts/package-versions.mjs: a package.json read only for its version is bundled as that.
  plugins: [lazyBuiltins, noDefaultCredentialChain, packageVersions],
  // BUNDLE_SOURCEMAP=1: dist/cli.cjs.map (not referenced by the bundle, not published), to map a
  // `node --cpu-prof` profile of the bundle back to its modules.
  sourcemap: process.env.BUNDLE_SOURCEMAP ? 'external' : false,
  legalComments: 'none',
  logLevel: 'warning',
  logOverride: {
    // oclif's module loader require()s plugin paths known only at run time, on purpose.
    'unsupported-require-call': 'silent',
    'unsupported-dynamic-import': 'silent',
  },
})

// One copy of every package line (the repository's scripts/package-lines.mjs): `pnpm dedupe` merges the others.
const twice = duplicatePackageLines(Object.keys(result.metafile.inputs))
if (twice.length > 0)
  throw new Error(`dist/cli.cjs would hold two versions of ${twice.join('; ')}: run \`pnpm dedupe\``)

// BUNDLE_METAFILE=<file>: esbuild's metafile, to see what makes the bundle big (esbuild.github.io/analyze).
if (process.env.BUNDLE_METAFILE) writeFileSync(process.env.BUNDLE_METAFILE, JSON.stringify(result.metafile))
const output = result.metafile.outputs[relative(root, outfile)]
if (!output) throw new Error(`esbuild wrote no ${outfile}`)
// Node 20 loses the dynamic import() callback of a vm.Script compiled from a V8 code cache (bin/run.cjs),
// so the import() calls esbuild left in (module paths known only at run time: oclif loading an ESM
// plugin, node: builtins) call __awsIdcImport, a real import() that bin/run.cjs passes in; loaded
// with require() (Node >= 22.1) the bundle defines it itself. A call preceded by a quote is text.
const DYNAMIC_IMPORT = /(?<![\w$.'"`])import\(/g
// Function names (keepNames above) for a --debug stack trace only (scripts/debug-names.mjs).
let code = namesOnDebug(readFileSync(outfile, 'utf8'))
const dynamicImports = code.match(DYNAMIC_IMPORT)?.length ?? 0
code = `var __awsIdcImport=typeof __awsIdcImport=="function"?__awsIdcImport:(s)=>import(s);${code.replace(DYNAMIC_IMPORT, '__awsIdcImport(')}`
// One namespace object per CommonJS module for all its ESM importers (scripts/esm-interop.mjs).
code = memoizeToESM(code)
// Namespace getters made by each module's own lazy initializer (scripts/lazy-exports.mjs).
const exportsMoved = deferExports(code)
code = exportsMoved.code
const ascii = asciiRegexLiterals(code)
code = ascii.code
// The first line names this build (bin/run.cjs keys its V8 code caches, Node 20, on it), says whether
// the file is pure ASCII (run.cjs then reads it as latin1) and lists the command words, one code
// cache each (run.cjs cachePart).
const id = createHash('sha256').update(code).digest('hex').slice(0, 16)
const words = [...new Set(commands.map((c) => c.id.split(':')[0]))].sort()
writeFileSync(
  outfile,
  `// aws-idc cli ${id}: ${ascii.ascii ? 'ascii ' : ''}commands=${words.join(',')} generated by scripts/bundle-cli.mjs from @oclif/core and the aws-idc plugins, do not edit\n${code}`,
)
writeFileSync(
  join(root, 'dist', 'cli.meta.json'),
  `${JSON.stringify({ commands: Object.fromEntries(commands.map((c) => [c.id, c.plugin])) }, null, 2)}\n`,
)
console.log(
  `bundled dist/cli.cjs (${id}${ascii.ascii ? ', ASCII' : ', not ASCII: read as UTF-8'}): ${commands.length} commands, ${Object.keys(output.inputs).length} modules, ${(output.bytes / 1024).toFixed(0)} KiB, ${dynamicImports} run-time import() calls, ${exportsMoved.moved} of ${exportsMoved.moved + exportsMoved.kept} namespaces made on first use`,
)

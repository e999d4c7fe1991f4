// Part of `pnpm --filter aws-idc build`: bundles the warm half of the credential fast path
// (`runWarm` from @idc/plugin-creds/fast, with @idc/core/warm, @idc/core/format and @idc/cli-kit/lite)
// into ONE minified CommonJS file, dist/fast.cjs, that bin/run.cjs requires synchronously.
// Why: on Node 20 every ESM module costs loader time (no compile cache), so the ~30 small ESM files of
// the warm path start far slower than one CommonJS file. The cold path (@idc/core's getCredentials,
// the AWS SDK) stays ESM and is imported lazily by the launcher. dist/fast.meta.json lists the
// modules that made it into the bundle; test/fast-path.test.ts checks that no AWS SDK, oclif or
// proper-lockfile code is among them.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { asciiRegexLiterals } from './ascii.mjs'
import { NODE_BUNDLE } from './bundle-options.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outfile = join(root, 'dist', 'fast.cjs')
mkdirSync(dirname(outfile), { recursive: true })

const FORBIDDEN = /@aws-sdk|@smithy|@oclif|proper-lockfile/

// node:crypto and node:fs/promises cost ~4 ms and ~1.5 ms to load on Node 20, more than the rest of
// the warm path together. In the bundle they are replaced by a module that exports every function of
// the real one, loading it on first call, except for the overrides in shims/ (SHA-1 in JavaScript,
// readFile over readFileSync), which get the loader as their first argument.
const SHIMS = {
  'node:crypto': join(root, 'scripts', 'shims', 'crypto.mjs'),
  'node:fs/promises': join(root, 'scripts', 'shims', 'fs-promises.mjs'),
}
const require = createRequire(import.meta.url)
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:(crypto|fs\/promises)$/ }, (args) =>
      args.namespace === 'lazy-builtin'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'lazy-builtin' },
    )
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async (args) => {
      const overrides = await import(pathToFileURL(SHIMS[args.path]).href)
      const real = require(args.path)
      const lines = [
        `import * as overrides from ${JSON.stringify(SHIMS[args.path])}`,
        "import { createRequire } from 'node:module'",
        'let loaded',
        `const real = () => (loaded ??= createRequire(__filename)(${JSON.stringify(args.path)}))`,
      ]
      for (const [name, value] of Object.entries(real)) {
        if (typeof value !== 'function' || !/^[a-z]\w*$/.test(name)) continue
        lines.push(
          name in overrides
            ? `export function ${name}(...args) { return overrides.${name}(real, ...args) }`
            : `export function ${name}(...args) { return real().${name}(...args) }`,
        )
      }
      return { contents: lines.join('\n'), loader: 'js', resolveDir: root }
    })
  },
}

// `runCold`'s lazy `import()` of the engine is never reached from the warm path (tree-shaking drops
// runCold), but esbuild decides before tree-shaking: every module an import() reaches, the warm ones
// included, would get a lazy-init wrapper (~50 of them: bytes to parse and calls to run on every
// start). Left external, the import() is not followed; the check below fails the build if it survives.
const coldImport = {
  name: 'cold-import-external',
  setup(b) {
    b.onResolve({ filter: /./ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    )
  },
}

// `primeCodeCache` renders every format once with made-up credentials, so that the V8 code cache
// bin/run.cjs saves after the first warm run holds the code of every format, not only the first one used.
const ENTRY = `export { COLD, runWarm } from '@idc/plugin-creds/fast'
import { FORMATS, format } from '@idc/core/format'
export function primeCodeCache() {
  const credentials = {
    accessKeyId: 'ASIAEXAMPLEEXAMPLE00',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE+/=',
    expiration: new Date(Date.UTC(2030, 0, 1)),
    accountId: '111122223333',
  }
  for (const f of FORMATS) {
    try {
      format(f.name, credentials, { region: 'us-east-1', profile: 'prime' })
    } catch {}
  }
}
`

const result = await build({
  stdin: {
    contents: ENTRY,
    resolveDir: root,
    sourcefile: 'fast-entry.js',
    loader: 'js',
  },
  absWorkingDir: root,
  outfile,
  ...NODE_BUNDLE,
  // Never inline these (they would only be reachable through code the warm path must not use);
  // the check below fails the build if a require() of one survives tree-shaking.
  external: ['@aws-sdk/*', '@smithy/*', '@oclif/*', 'proper-lockfile'],
  plugins: [coldImport, lazyBuiltins],
  legalComments: 'none',
  logLevel: 'warning',
})

const output = result.metafile.outputs[relative(root, outfile)]
if (!output) throw new Error(`esbuild wrote no ${outfile}`)
// Every module the warm graph reaches, re-export-only ones (no bytes of their own) included.
const modules = Object.keys(output.inputs)
const externals = (output.imports ?? []).map((i) => i.path)
const bad = [
  ...[...modules, ...externals].filter((p) => FORBIDDEN.test(p)),
  ...(output.imports ?? []).filter((i) => i.kind === 'dynamic-import').map((i) => `import(${i.path})`),
]
if (bad.length > 0) {
  console.error(`dist/fast.cjs must not contain or load: ${bad.join(', ')}`)
  process.exit(1)
}
// The first line names this build (bin/run.cjs keys its V8 code cache on it: V8 itself only checks
// the source length) and says whether it is pure ASCII (run.cjs then reads it as latin1).
const ascii = asciiRegexLiterals(readFileSync(outfile, 'utf8'))
const code = ascii.code
const id = createHash('sha256').update(code).digest('hex').slice(0, 16)
writeFileSync(
  outfile,
  `// aws-idc fast path ${id}: ${ascii.ascii ? 'ascii, ' : ''}generated by scripts/bundle-fast.mjs from @idc/plugin-creds/fast, do not edit\n${code}`,
)
writeFileSync(
  join(root, 'dist', 'fast.meta.json'),
  `${JSON.stringify({ modules, imports: externals }, null, 2)}\n`,
)
console.log(
  `bundled dist/fast.cjs (${id}): ${modules.length} modules, ${(output.bytes / 1024).toFixed(1)} KiB`,
)

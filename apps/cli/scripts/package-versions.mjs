// Part of scripts/bundle-cli.mjs: the AWS SDK clients import their package.json for the version in
// their user agent, and oclif requires its own for its version; esbuild bundles each whole (its
// dependencies, scripts, keywords... ~3 KB a package) as an object literal built on every start.
// Where a module reads nothing but `.version` of a package.json it imports, that import gets
// `{ name, version }` only. Any other use (another field, the object passed on) keeps the whole file.
import { readFile } from 'node:fs/promises'

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Whether `source` reads only `.version` of what it imports or requires as `specifier`. */
export function readsOnlyVersion(source, specifier) {
  const spec = `["']${escapeRegExp(specifier)}["']`
  const requires = source.match(new RegExp(`\\brequire\\(${spec}\\)`, 'g'))?.length ?? 0
  const requiredVersions = source.match(new RegExp(`\\brequire\\(${spec}\\)\\.version\\b`, 'g'))?.length ?? 0
  const imports = [...source.matchAll(new RegExp(`\\bimport\\s+([\\w$]+)\\s+from\\s*${spec}`, 'g'))]
  if (requires + imports.length === 0 || requires !== requiredVersions) return false
  // The binding of a default import: its other mentions must all be `.version` reads.
  return imports.every(([, name]) => {
    const id = escapeRegExp(name)
    const mentions = source.match(new RegExp(`(?<![\\w$.])${id}(?![\\w$])`, 'g'))?.length ?? 0
    const versions = source.match(new RegExp(`(?<![\\w$.])${id}\\.version(?![\\w$])`, 'g'))?.length ?? 0
    return mentions === versions + 1
  })
}

export const packageVersions = {
  name: 'package-versions',
  setup(build) {
    build.onResolve({ filter: /(^|[\\/])package\.json$/ }, async (args) => {
      if (args.pluginData === 'package-versions' || !args.importer) return undefined
      const importer = await readFile(args.importer, 'utf8').catch(() => undefined)
      if (!importer || !readsOnlyVersion(importer, args.path)) return undefined
      const real = await build.resolve(args.path, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        importer: args.importer,
        pluginData: 'package-versions',
      })
      if (real.errors.length > 0) return { errors: real.errors }
      return { path: real.path, namespace: 'package-versions' }
    })
    build.onLoad({ filter: /.*/, namespace: 'package-versions' }, async (args) => {
      const { name, version } = JSON.parse(await readFile(args.path, 'utf8'))
      return { loader: 'json', contents: JSON.stringify({ name, version }) }
    })
  },
}

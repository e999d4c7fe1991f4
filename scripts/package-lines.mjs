// Used by the bundle builds (apps/cli/scripts/bundle-cli.mjs, apps/action/scripts/bundle.mjs): two
// versions of one package that one caret range could share (say @smithy/core 3.41.0 and 3.41.1
// under two AWS SDK clients) put the same code in a bundle twice, which doubles its top-level work
// and code cache for code that does one job; `pnpm dedupe` merges them. Versions that no caret range can share (wrap-ansi 6 and 7, 0.1 and 0.2) stay.

/**
 * The package lines that esbuild's inputs (paths under node_modules/.pnpm) hold at two or more
 * versions, as `name (v1, v2)`.
 */
export function duplicatePackageLines(inputs) {
  const lines = new Map()
  for (const input of inputs) {
    const m = /node_modules[\\/]\.pnpm[\\/]((?:@[^+/\\]+\+)?[^@/\\]+)@(\d+)\.(\d+)\.([^/\\_]+)/.exec(input)
    if (!m) continue
    const name = m[1].replace('+', '/')
    const line = `${name}@${m[2] === '0' ? `0.${m[3]}` : m[2]}`
    if (!lines.has(line)) lines.set(line, { name, versions: new Set() })
    lines.get(line).versions.add(`${m[2]}.${m[3]}.${m[4]}`)
  }
  return [...lines.values()]
    .filter((l) => l.versions.size > 1)
    .map((l) => `${l.name} (${[...l.versions].sort().join(', ')})`)
}

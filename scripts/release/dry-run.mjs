#!/usr/bin/env node
// `pnpm release:dry-run`: the whole release, rehearsed with no network write. On a scratch copy of the
// repository (built dist/ included; your work tree is not touched): `changeset version` consumes the
// pending changesets, then every public package is packed and handed to `npm publish --dry-run`, which
// prints what would be published and sends nothing. Run `pnpm build` first.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { packAll, publicPackages, root, scratchCopy } from './workspace.mjs'

const { dir } = scratchCopy({ withDist: true, linkNodeModules: false })
try {
  execFileSync(join(root, 'node_modules/.bin/changeset'), ['version'], { cwd: dir, stdio: 'inherit' })
  // pnpm pack resolves `workspace:` ranges through each package's node_modules links: install them
  // from the local store (offline; no lifecycle scripts).
  execFileSync(
    'pnpm',
    ['install', '--offline', '--frozen-lockfile', '--ignore-scripts', '--reporter=silent'],
    {
      cwd: dir,
      stdio: 'inherit',
    },
  )
  const packages = publicPackages().map((p) => {
    const scratchDir = join(dir, p.dir.slice(root.length + 1))
    return {
      ...p,
      dir: scratchDir,
      manifest: JSON.parse(readFileSync(join(scratchDir, 'package.json'), 'utf8')),
    }
  })
  const out = join(dir, '.release')
  mkdirSync(out)
  const tarballs = packAll(out, packages)
  for (const p of packages) {
    console.log(`\n== ${p.name}@${p.manifest.version}`)
    execFileSync(
      'npm',
      ['publish', tarballs.get(p.name), '--dry-run', '--access', 'public', '--tag', 'latest'],
      {
        cwd: dir,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    )
  }
  console.log(`\nrelease dry run: ${packages.length} packages would be published (nothing was sent)`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

// The workspace's packages as the release scripts see them: name, directory, manifest, public or not.
// Read from pnpm itself (`pnpm ls -r --json --depth -1`), so a new package joins every release step.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Every workspace package but the private root, with its manifest. */
export function workspacePackages() {
  const out = execFileSync('pnpm', ['ls', '-r', '--json', '--depth', '-1'], { cwd: root, encoding: 'utf8' })
  return JSON.parse(out)
    .filter((p) => p.path !== root)
    .map((p) => ({
      name: p.name,
      dir: p.path,
      manifest: JSON.parse(readFileSync(join(p.path, 'package.json'), 'utf8')),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** The packages published to npm (the Action is released from a git tag, the docs site is not published). */
export function publicPackages() {
  return workspacePackages().filter((p) => p.manifest.private !== true)
}

/** Packs every public package with pnpm (which rewrites `workspace:` ranges) into `dest`; returns name -> tarball. */
export function packAll(dest, packages = publicPackages()) {
  const tarballs = new Map()
  for (const p of packages) {
    const out = execFileSync('pnpm', ['pack', '--pack-destination', dest], { cwd: p.dir, encoding: 'utf8' })
    const file = out.trim().split('\n').pop().trim()
    tarballs.set(p.name, file.startsWith('/') ? file : join(dest, file))
  }
  return tarballs
}

/**
 * A throwaway copy of the repository for release rehearsals: the tracked and untracked (not ignored)
 * files, plus each package's built `dist/` when `withDist`, the root node_modules linked unless told not to, committed on a
 * fresh `main` (changesets compares with it). Returns its path and a `git` runner; the caller removes it.
 */
export function scratchCopy({ withDist = false, linkNodeModules = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'aws-idc-scratch-'))
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean)
  for (const f of files)
    if (existsSync(join(root, f))) cpSync(join(root, f), join(dir, f), { recursive: true })
  if (withDist)
    for (const p of workspacePackages()) {
      const dist = join(p.dir, 'dist')
      if (existsSync(dist)) cpSync(dist, join(dir, relative(root, dist)), { recursive: true })
    }
  if (linkNodeModules) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.email=release@example.invalid', '-c', 'user.name=release', ...args], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  git('init', '-q', '-b', 'main')
  git('add', '-A')
  git('commit', '-qm', 'scratch')
  return { dir, git }
}

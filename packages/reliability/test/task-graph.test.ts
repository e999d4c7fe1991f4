import { execFileSync } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

// IDC_RELIABILITY_REPO_ROOT: another checkout, to prove the check fails on it.
const ROOT = process.env.IDC_RELIABILITY_REPO_ROOT ?? join(import.meta.dirname, '..', '..', '..')
const SOURCE = /\.(ts|mts|cts|mjs|cjs|js)$/

async function files(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (['node_modules', 'dist', '.turbo'].includes(entry.name)) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await files(path)))
    else if (SOURCE.test(entry.name)) out.push(path)
  }
  return out
}

interface Manifest {
  name: string
  scripts?: Record<string, string>
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

async function workspacePackages(): Promise<Array<{ dir: string; pkg: Manifest }>> {
  const out: Array<{ dir: string; pkg: Manifest }> = []
  for (const group of ['packages', 'apps']) {
    for (const name of await readdir(join(ROOT, group))) {
      const dir = join(ROOT, group, name)
      const text = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined)
      if (text) out.push({ dir, pkg: JSON.parse(text) })
    }
  }
  return out
}

describe('the turbo task graph is exact', () => {
  it('every workspace package a package imports (src, tests, scripts) is a declared dependency, so ^build orders it first', async () => {
    const packages = await workspacePackages()
    const names = new Set(packages.map((p) => p.pkg.name))
    const missing: string[] = []
    for (const { dir, pkg } of packages) {
      const declared = new Set([
        pkg.name,
        ...Object.keys(pkg.dependencies ?? {}),
        ...Object.keys(pkg.devDependencies ?? {}),
        ...Object.keys(pkg.peerDependencies ?? {}),
      ])
      for (const file of await files(dir)) {
        const text = await readFile(file, 'utf8')
        for (const m of text.matchAll(/(?:from\s+|import\(\s*|require\(\s*)['"]((?:@[\w.-]+\/)?[\w.-]+)/g)) {
          const spec = m[1]!
          if (names.has(spec) && !declared.has(spec)) missing.push(`${pkg.name} imports ${spec} (${file})`)
        }
      }
    }
    expect(missing).toEqual([])
  })

  it("build, typecheck and test hash the shared tsconfig, and test waits for the dependencies' build", async () => {
    const turbo = JSON.parse(await readFile(join(ROOT, 'turbo.json'), 'utf8'))
    for (const task of ['build', 'typecheck', 'test'])
      expect(turbo.tasks[task].inputs, task).toContain('$TURBO_ROOT$/tsconfig.base.json')
    expect(turbo.tasks.test.dependsOn).toEqual(expect.arrayContaining(['build', '^build']))
    expect(turbo.tasks['test:reliability'].dependsOn).toContain('^build')
  })

  it("turbo's own plan (`turbo run build test --dry=json`): each task runs after the build of every workspace package it uses, by name or by path", async () => {
    const packages = await workspacePackages()
    const built = packages.filter((p) => p.pkg.scripts?.build)
    const plan = JSON.parse(
      execFileSync(join(ROOT, 'node_modules', '.bin', 'turbo'), ['run', 'build', 'test', '--dry=json'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
      }),
    ) as { tasks: Array<{ taskId: string; task: string; package: string; dependencies: string[] }> }
    const byId = new Map(plan.tasks.map((t) => [t.taskId, t]))
    const before = (id: string, seen = new Set<string>()): Set<string> => {
      for (const dep of byId.get(id)?.dependencies ?? []) if (!seen.has(dep)) before(dep, seen.add(dep))
      return seen
    }
    const missing: string[] = []
    for (const task of plan.tasks) {
      const entry = packages.find((p) => p.pkg.name === task.package)
      if (!entry) continue
      const { pkg, dir } = entry
      const uses = new Set(
        Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies }),
      )
      if (task.task === 'test') {
        uses.add(pkg.name)
        // A test that runs another package's files by path (its bin, its dist) needs that build too.
        const code = (text: string) =>
          text
            .split('\n')
            .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
            .join('\n')
        const texts = await Promise.all(
          (await files(join(dir, 'test'))).map(async (f) => code(await readFile(f, 'utf8'))),
        )
        for (const other of built) {
          const [group, name] = relative(ROOT, other.dir).split(sep)
          const byPath = new RegExp(`['"]${group}['"]\\s*,\\s*['"]${name}['"]|\\b${group}/${name}/`)
          if (other.dir !== dir && texts.some((t) => byPath.test(t))) uses.add(other.pkg.name)
        }
      }
      const done = before(task.taskId)
      for (const name of uses) {
        if (name === pkg.name && task.task === 'build') continue
        if (built.some((b) => b.pkg.name === name) && !done.has(`${name}#build`))
          missing.push(`${task.taskId} does not wait for ${name}#build`)
      }
    }
    expect(plan.tasks.length).toBeGreaterThan(10)
    expect(missing).toEqual([])
  })
})

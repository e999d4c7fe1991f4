import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')
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
})

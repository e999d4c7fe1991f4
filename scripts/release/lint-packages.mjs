#!/usr/bin/env node
// `pnpm lint:packages`: what npm users will get, checked as they will get it. Packs every public
// package and runs publint (package.json fields vs the files shipped) and Are The Types Wrong
// (exports vs type declarations) on each tarball. Our packages are ESM only (CommonJS users load them
// with require(esm), Node >= 20.19), so attw runs with its `esm-only` profile; a package that ships no
// types (the CLI: it exports nothing but package.json) is checked by publint alone.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { packAll, publicPackages, root } from './workspace.mjs'

const dir = mkdtempSync(join(tmpdir(), 'aws-idc-lint-pack-'))
const bin = (name) => join(root, 'node_modules', '.bin', name)
let failed = 0

/** The fields a user (and npm's page) needs from every public package; one line per problem. */
function metadataProblems({ name, manifest: m }) {
  const problems = []
  for (const field of [
    'name',
    'version',
    'description',
    'license',
    'repository',
    'keywords',
    'engines',
    'files',
  ])
    if (m[field] === undefined) problems.push(`no "${field}"`)
  if (m.repository && !m.repository.directory) problems.push('"repository" has no "directory"')
  if (m.engines && m.engines.node !== '>=20.19')
    problems.push(`"engines.node" is ${m.engines.node}, not >=20.19`)
  if (m.publishConfig?.access !== 'public') problems.push('"publishConfig.access" is not "public"')
  for (const [sub, target] of Object.entries(m.exports ?? {}))
    if (sub !== './package.json' && (typeof target !== 'object' || !target.types))
      problems.push(`export "${sub}" has no "types"`)
  if (m.files && !m.files.includes('!dist/**/*.map'))
    problems.push('"files" ships source maps (add "!dist/**/*.map")')
  return problems.map((p) => `${name}: ${p}`)
}

try {
  const manifests = new Map(publicPackages().map((p) => [p.name, p.manifest]))
  for (const p of publicPackages()) {
    const problems = metadataProblems(p)
    failed += problems.length
    console.log(
      `${problems.length ? 'FAIL' : 'ok  '}  metadata ${p.name}${problems.map((x) => `\n      ${x}`).join('')}`,
    )
  }
  for (const [name, tarball] of packAll(dir)) {
    const runs = [['publint', ['run', tarball, '--strict']]]
    if (manifests.get(name).types)
      runs.push(['attw', [tarball, '--profile', 'esm-only', '--format', 'ascii']])
    for (const [tool, args] of runs) {
      const r = spawnSync(bin(tool), args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
      const ok = r.status === 0
      if (!ok) failed++
      console.log(`${ok ? 'ok  ' : 'FAIL'}  ${tool} ${name}`)
      if (!ok) console.log(`${r.stdout}${r.stderr}`.trim().replace(/^/gm, '      '))
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)

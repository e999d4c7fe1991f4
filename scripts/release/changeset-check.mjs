#!/usr/bin/env node
// `pnpm test:changesets`: proves the versioning rules CONTRIBUTING.md states, on a scratch copy of the
// repository (the work tree is never touched). With every pending changeset removed it adds, in turn:
//   1. a patch for @idc/core  -> core gets a patch; its dependents get a patch (updateInternalDependencies),
//      the `workspace:^` ranges stay as they are (pnpm rewrites them when it packs);
//   2. a minor for @idc/plugin-sso -> the CLI group (aws-idc, cli-kit, every plugin) moves together;
//      core, format, node and emulator do not.
// and checks the CHANGELOG entries carry the changeset's text.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { root, scratchCopy, workspacePackages } from './workspace.mjs'

const { dir: scratch, git } = scratchCopy()
const CLI_GROUP = /^(aws-idc|@idc\/cli-kit|@idc\/plugin-.*)$/
let failures = 0
const expect = (cond, message) => {
  console.log(`${cond ? 'ok  ' : 'FAIL'}  ${message}`)
  if (!cond) failures++
}
try {
  const relDirs = new Map(workspacePackages().map((p) => [p.name, p.dir.slice(root.length + 1)]))
  for (const f of readdirSync(join(scratch, '.changeset')))
    if (f.endsWith('.md')) rmSync(join(scratch, '.changeset', f))
  git('add', '-A')
  git('commit', '-qm', 'no pending changesets')

  const versions = () =>
    new Map(
      [...relDirs].map(([name, dir]) => [
        name,
        JSON.parse(readFileSync(join(scratch, dir, 'package.json'), 'utf8')),
      ]),
    )
  const changeset = (file, pkg, bump, text) => {
    writeFileSync(join(scratch, '.changeset', file), `---\n"${pkg}": ${bump}\n---\n\n${text}\n`)
    git('add', '-A')
    git('commit', '-qm', file)
    execFileSync(join(root, 'node_modules/.bin/changeset'), ['version'], { cwd: scratch, stdio: 'ignore' })
  }
  const before = versions()
  changeset('core-fix.md', '@idc/core', 'patch', 'A core fix.')
  const afterPatch = versions()
  const bumped = (a, b, name) => a.get(name)?.version !== b.get(name)?.version
  expect(
    afterPatch.get('@idc/core').version === '0.0.1',
    `@idc/core patch: 0.0.0 -> ${afterPatch.get('@idc/core').version}`,
  )
  const dependents = [...afterPatch].filter(([, m]) => m.dependencies?.['@idc/core']).map(([n]) => n)
  expect(
    dependents.every((n) => bumped(before, afterPatch, n)),
    `core's dependents bumped too: ${dependents.join(', ')}`,
  )
  expect(
    dependents.every(
      (n) => afterPatch.get(n).dependencies['@idc/core'] === before.get(n).dependencies['@idc/core'],
    ),
    'workspace: ranges left as they were',
  )
  expect(!bumped(before, afterPatch, '@idc/emulator'), '@idc/emulator (independent of core) not bumped')
  expect(
    readFileSync(join(scratch, relDirs.get('@idc/core'), 'CHANGELOG.md'), 'utf8').includes('A core fix.'),
    "core's CHANGELOG.md has the entry",
  )

  changeset('sso-feature.md', '@idc/plugin-sso', 'minor', 'A new login option.')
  const afterMinor = versions()
  const group = [...afterMinor.keys()].filter((n) => CLI_GROUP.test(n))
  const groupVersions = new Set(group.map((n) => afterMinor.get(n).version))
  expect(
    groupVersions.size === 1,
    `CLI group on one version: ${group.map((n) => `${n}@${afterMinor.get(n).version}`).join(', ')}`,
  )
  expect([...groupVersions][0] === '0.1.0', `CLI group minor -> ${[...groupVersions][0]}`)
  for (const n of ['@idc/core', '@idc/node', '@idc/emulator', '@idc/format'].filter((n) => afterMinor.has(n)))
    expect(!bumped(afterPatch, afterMinor, n), `${n} stays ${afterMinor.get(n).version} (own versioning)`)
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
console.log(failures ? `\nchangesets: ${failures} failed` : '\nchangesets: all checks passed')
process.exit(failures ? 1 : 0)

#!/usr/bin/env node
// `pnpm release:action`: prepares the GitHub Action's release from a clean main. Workflows run the
// action from a git ref (`uses: aws-idc/aws-idc/apps/action@v1`), with no install step, so the ref
// must hold the bundled apps/action/dist/. main always carries a committed dist that CI proves is what
// the source builds to; this script re-proves it, then tags that commit:
//   v<version>   the exact release (version from apps/action/package.json, set by changesets)
//   v<major>     moved to it, the ref users pin for updates within a major
// Nothing is pushed unless --push is given. --dry-run prints the steps without tagging.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { root } from './workspace.mjs'

const push = process.argv.includes('--push')
const dryRun = process.argv.includes('--dry-run')
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: root, encoding: 'utf8', ...opts })
function fail(message, hint) {
  console.error(`error: ${message}`)
  if (hint) console.error(`hint: ${hint}`)
  process.exit(1)
}

const actionDir = join(root, 'apps/action')
if (!existsSync(join(actionDir, 'action.yml'))) fail('apps/action/action.yml not found')
if (sh('git', ['status', '--porcelain']).trim())
  fail('the work tree has changes', 'Commit or stash them first.')
const { version } = JSON.parse(readFileSync(join(actionDir, 'package.json'), 'utf8'))
const major = version.split('.')[0]
const tag = `v${version}`
if (sh('git', ['tag', '--list', tag]).trim())
  fail(`${tag} already exists`, 'Run `pnpm changeset version` to bump the action first.')

console.log('rebuilding apps/action/dist from source ...')
sh('pnpm', ['--filter', './apps/action', 'build'], { stdio: 'inherit' })
if (sh('git', ['status', '--porcelain', '--', 'apps/action/dist']).trim())
  fail(
    'the committed apps/action/dist differs from what the source builds',
    'Commit the rebuilt dist, then run this again.',
  )

const steps = [
  ['git', ['tag', '-a', tag, '-m', `GitHub Action ${version}`]],
  ['git', ['tag', '-f', '-a', `v${major}`, '-m', `GitHub Action ${version}`]],
  ...(push ? [['git', ['push', 'origin', tag, '--force', `v${major}`]]] : []),
]
for (const [cmd, args] of steps) {
  console.log(`$ ${cmd} ${args.join(' ')}`)
  if (!dryRun) sh(cmd, args, { stdio: 'inherit' })
}
console.log(
  push || dryRun
    ? `done${dryRun ? ' (dry run: nothing tagged)' : ''}`
    : `tagged ${tag} and v${major}; publish with: git push origin ${tag} && git push -f origin v${major}`,
)

// What the site must cover, checked against the code so it cannot drift: every error code @idc/core
// can emit has a troubleshooting entry, and the CLI reference is what the CLI's manifests say.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { docsRoot } from './fences.js'

/** The members of core's IdcErrorCode union, read from its source. */
function errorCodes(): string[] {
  const src = readFileSync(join(docsRoot, '..', 'packages', 'core', 'src', 'errors.ts'), 'utf8')
  const union = /export type IdcErrorCode =([\s\S]*?)\n\n/.exec(src)?.[1] ?? ''
  return [...union.matchAll(/\|\s*'([a-z-]+)'/g)].map((m) => m[1] as string)
}

describe('docs cover the code', () => {
  it('every IdcErrorCode has a troubleshooting heading', () => {
    const codes = errorCodes()
    expect(codes.length).toBeGreaterThan(10)
    const headings = readFileSync(join(docsRoot, 'guide', 'troubleshooting.md'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .join('\n')
    expect(codes.filter((c) => !headings.includes(`\`${c}\``))).toEqual([])
  })

  it('cli/reference.md is what the CLI manifests generate (run `pnpm --filter @idc/docs build` to update)', () => {
    const r = spawnSync(process.execPath, [join(docsRoot, 'scripts', 'cli-reference.mjs'), '--check'], {
      encoding: 'utf8',
    })
    expect(r.status, r.stderr).toBe(0)
  })
})

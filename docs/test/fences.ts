// Reads the fenced code blocks of every page and what their info string says about them. The flags
// are the contract between a page and the tests (docs/README.md explains them to writers):
//   runnable  — executed: `sh` blocks in bash against the emulator, `ts` blocks type-checked and run;
//   typecheck — `ts` only: type-checked against the published types, not run (needs real AWS, say);
//   output    — the expected output of the runnable block just before it (`…` matches anything);
//   static    — shown only (a config file, a workflow, a command that needs a real organisation).
// A block with none of them fails the test, so no example can slip in untested by accident.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

export const docsRoot = join(import.meta.dirname, '..')
export const FLAGS = ['runnable', 'typecheck', 'output', 'static'] as const
export type Flag = (typeof FLAGS)[number]

export interface Fence {
  page: string
  line: number
  lang: string
  flag: Flag | undefined
  code: string
}

/** The site's pages: every .md under docs/ but the README, node_modules and the build output. */
export function pages(dir = docsRoot): string[] {
  const out: string[] = []
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'cache', 'test', 'scripts'].includes(e.name)) continue
    const p = join(dir, e.name)
    if (e.isDirectory()) out.push(...pages(p))
    else if (e.name.endsWith('.md') && !(dir === docsRoot && e.name === 'README.md')) out.push(p)
  }
  return out.sort()
}

export function fences(page: string): Fence[] {
  const lines = readFileSync(page, 'utf8').split('\n')
  const out: Fence[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(lines[i] ?? '')
    if (!open) continue
    const [, indent, marker, info] = open as unknown as [string, string, string, string]
    const words = info.trim().split(/\s+/).filter(Boolean)
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length && !(lines[j] ?? '').trim().startsWith(marker); j++)
      body.push((lines[j] ?? '').slice(indent.length))
    out.push({
      page: relative(docsRoot, page),
      line: i + 1,
      lang: words[0] ?? '',
      flag: FLAGS.find((f) => words.includes(f)),
      code: body.join('\n'),
    })
    i = j
  }
  return out
}

/** True when `actual` has every line of `expected` in order; `…` in an expected line matches any text. */
export function matchesOutput(actual: string, expected: string): boolean {
  const want = expected.split('\n').filter((l) => l.trim() !== '')
  const got = actual.split('\n')
  let k = 0
  for (const w of want) {
    const re = new RegExp(
      `^${w
        .trim()
        .split('…')
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    )
    while (k < got.length && !re.test((got[k] ?? '').trim())) k++
    if (k === got.length) return false
    k++
  }
  return true
}

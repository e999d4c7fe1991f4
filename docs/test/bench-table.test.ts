// The performance page shows the committed `pnpm bench` report (docs/data/bench.json) and nothing
// hand-copied: its generated table must be what docs/scripts/bench-table.mjs renders from the JSON.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain ESM script without types
import { END, renderBenchTable, START, withTable } from '../scripts/bench-table.mjs'
import { docsRoot } from './fences.js'

const page = readFileSync(join(docsRoot, 'performance.md'), 'utf8')
const report = JSON.parse(readFileSync(join(docsRoot, 'data', 'bench.json'), 'utf8'))

describe('performance.md', () => {
  it('its figures table is the one docs/data/bench.json renders (run `node docs/scripts/bench-table.mjs`)', () => {
    const block = page.slice(page.indexOf(START), page.indexOf(END) + END.length)
    expect(block).toBe(renderBenchTable(report))
  })

  it('the committed report has every row module of a full run, each row with a value and a unit', () => {
    expect(report.quick).toBe(false)
    const modules = report.modules.map((m: { name: string; status: string }) => m.name)
    for (const name of ['startup', 'login', 'node', 'serve', 'action', 'emulator'])
      expect(modules).toContain(name)
    expect(report.modules.filter((m: { status: string }) => m.status === 'failed')).toEqual([])
    for (const r of report.rows)
      expect(r).toMatchObject({ value: expect.any(Number), unit: expect.any(String) })
  })

  it('every row module has its section, and a changed figure would fail the first test', () => {
    for (const name of ['startup', 'login', 'node', 'serve', 'action', 'emulator'])
      expect(page).toContain(`<a id="row-${name}"></a>`)
    const changed = {
      ...report,
      rows: report.rows.map((r: { value: number }, i: number) =>
        i === 0 ? { ...r, value: r.value + 1 } : r,
      ),
    }
    expect(withTable(page, renderBenchTable(changed))).not.toBe(page)
  })
})

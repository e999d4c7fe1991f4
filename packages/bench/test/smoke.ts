/** Runs one row module at its smallest (`quick`), as the harness would, and checks every row's shape. */
import { expect } from 'vitest'
import { judge, makeContext, rowProblems } from '../src/harness.mjs'

export interface Row {
  group: string
  name: string
  value: number
  unit: string
  baseline?: { name: string; value: number }
  ratio?: number
  goal?: { max?: number; min?: number; of: 'ratio' | 'value' }
  ok?: boolean
  note?: string
  skipped?: boolean
}

export async function smoke(module: { title: string; run(ctx: unknown): Promise<Row[]> }): Promise<Row[]> {
  expect(module.title).toEqual(expect.any(String))
  const lines: string[] = []
  const rows = (
    await module.run(makeContext({ quick: true, runs: 1, log: (l: string) => lines.push(l) }))
  ).map((r) => judge(r) as Row)
  expect(rows.length).toBeGreaterThan(0)
  for (const r of rows) expect(rowProblems(r), JSON.stringify(r)).toEqual([])
  return rows
}

export function byName(rows: Row[], name: string | RegExp): Row {
  const found = rows.filter((r) => (typeof name === 'string' ? r.name === name : name.test(r.name)))
  expect(found, `one row named ${name} in ${rows.map((r) => r.name).join(' | ')}`).toHaveLength(1)
  return found[0]!
}

import { dirname, join } from 'node:path'
import { ensureDir, writeFileAtomic } from '../cache/atomic-write.js'
import { readJsonObject } from '../cache/json-file.js'
import { withLock } from '../cache/lock.js'
import { nowOf } from '../session/context.js'
import type { SessionContext } from '../session/types.js'
import { awsIdcCacheDir } from './cache-dir.js'
import type { PickerChoice } from './choices.js'

const KEEP = 100

interface RecentFile {
  version: 1
  /** Choice ids, most recent first, with when they were picked (epoch ms). */
  entries: { id: string; at: number }[]
}

function recentFile(ctx: SessionContext): string {
  return join(awsIdcCacheDir(ctx), 'recent.json')
}

async function readRecent(file: string): Promise<RecentFile['entries']> {
  const read = await readJsonObject(file)
  if (read.status !== 'ok') return []
  const entries = (read.data as unknown as RecentFile).entries
  return Array.isArray(entries)
    ? entries.filter((e) => typeof e?.id === 'string' && typeof e.at === 'number')
    : []
}

/** Choice ids, most recently picked first. */
export async function recentChoiceIds(ctx: SessionContext = {}): Promise<string[]> {
  return (await readRecent(recentFile(ctx))).map((e) => e.id)
}

/** Records a pick (read-modify-write under the file's lock: several terminals may pick at once). */
export async function recordRecentChoice(id: string, ctx: SessionContext = {}): Promise<void> {
  const file = recentFile(ctx)
  await ensureDir(dirname(file))
  await withLock(file, async () => {
    const entries = (await readRecent(file)).filter((e) => e.id !== id)
    entries.unshift({ id, at: nowOf(ctx).getTime() })
    const data: RecentFile = { version: 1, entries: entries.slice(0, KEEP) }
    await writeFileAtomic(file, `${JSON.stringify(data)}\n`, { mode: 0o600 })
  })
}

/** Most recently used first, then by account name, account ID and role. */
export function sortChoices(choices: readonly PickerChoice[], recent: readonly string[]): PickerChoice[] {
  const rank = new Map(recent.map((id, i) => [id, i]))
  return [...choices].sort((a, b) => {
    const ra = rank.get(a.id) ?? Number.POSITIVE_INFINITY
    const rb = rank.get(b.id) ?? Number.POSITIVE_INFINITY
    if (ra !== rb) return ra - rb
    return (
      (a.accountName ?? '').localeCompare(b.accountName ?? '') ||
      a.accountId.localeCompare(b.accountId) ||
      a.roleName.localeCompare(b.roleName)
    )
  })
}

// @idc/node's provider, in this process: a memoized call (ns/op, against an async function that
// returns a constant, in the same run), and 10,000 concurrent calls of a fresh provider on a cold role
// cache, which must reach the emulator exactly once (one GetRoleCredentials).
import { rm } from 'node:fs/promises'
import { fromIdentityCenter } from '@idc/node'
import { PROFILE, signedIn } from '../lib/world.mjs'

export const title =
  '@idc/node fromIdentityCenter: a memoized call, and 10,000 concurrent calls on a cold cache'

const CONCURRENT = 10_000

export async function run(ctx) {
  const world = await signedIn({ env: ctx.env })
  try {
    const options = { profile: PROFILE, env: world.env }
    const provider = fromIdentityCenter(options)
    const first = await provider()
    const constant = async () => first
    const n = ctx.quick ? 10_000 : 1_000_000
    // Alternating blocks, so both see the same JIT state and load; the best block of each counts.
    const best = { provider: Number.POSITIVE_INFINITY, constant: Number.POSITIVE_INFINITY }
    for (let block = 0; block < (ctx.quick ? 2 : 5); block++) {
      for (const [k, f] of [
        ['constant', constant],
        ['provider', provider],
      ]) {
        const t0 = process.hrtime.bigint()
        for (let i = 0; i < n; i++) await f()
        best[k] = Math.min(best[k], Number(process.hrtime.bigint() - t0) / n)
      }
    }
    if ((await provider()) !== first) throw new Error('the memoized provider returned other credentials')

    // Cold: a new provider (empty memo) and no role cache on disk.
    await rm(world.roleCache, { recursive: true, force: true })
    world.emu.controls.calls.reset()
    const cold = fromIdentityCenter(options)
    const t0 = performance.now()
    const all = await Promise.all(Array.from({ length: CONCURRENT }, () => cold()))
    const ms = performance.now() - t0
    const calls = world.emu.controls.calls.count('GetRoleCredentials')
    const same = all.every((c) => c === all[0])
    return [
      {
        group: 'node',
        name: 'memoized provider() call',
        value: best.provider,
        unit: 'ns/op',
        baseline: { name: 'await of an async function returning a constant', value: best.constant },
        note: `best of ${ctx.quick ? 2 : 5} blocks of ${n.toLocaleString('en-US')} awaited calls`,
      },
      {
        group: 'node',
        name: `${CONCURRENT.toLocaleString('en-US')} concurrent provider() calls, cold: GetRoleCredentials`,
        value: calls,
        unit: 'calls',
        goal: { min: 1, max: 1, of: 'value' },
        note: `${Math.round(ms)} ms for all; ${same ? 'every caller got the same credentials' : 'callers got DIFFERENT credentials'}`,
        ...(same ? {} : { ok: false }),
      },
    ]
  } finally {
    await world.cleanup()
  }
}

// Row: `aws-idc populate` over 1,000 accounts x 3 roles with 20 ms latency on every portal call
// (issue 15 item 3), the emulator in its own process so it shares neither this event loop nor the
// CLI's. Two measurements, each against a baseline taken in the same run:
//
// 1. No rate limit: populate at its default (adaptive) concurrency against the same listing at
//    --concurrency 1 (sequential). Goal: <= 0.8 s wall, zero failures.
// 2. ListAccountRoles limited to 200/s with a burst of 20 (token bucket): the limit sets a floor of
//    (calls - burst) / rate seconds that no client can beat. Goal: within 1.2x of it, zero failures.
//
// Wall time is the whole command, start-up included (what a user waits for). `quick` shrinks the
// organisation (100 accounts) and takes one run of each. Timings are reported, never asserted.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { login } from '@idc/core'
import { generateFixture } from '@idc/emulator'
import { sandboxEnv } from '@idc/emulator/testing'
import { startEmulatorProcess } from '../lib/emulator-process.mjs'
import { run as runChild } from '../lib/proc.mjs'
import { median, round } from '../lib/stats.mjs'

export const title = 'populate: 1,000 accounts x 3 roles, 20 ms a portal call'

const SESSION = 'bench'
const PORTAL_OPS = ['ListAccounts', 'ListAccountRoles', 'GetRoleCredentials']
const LATENCY_MS = 20
const LIMIT = { perSecond: 200, burst: 20 }

/** @param {{ runs: number, quick: boolean, env: Record<string, string>, node: string, cliBin: string, log: (line: string) => void }} ctx */
export async function run(ctx) {
  const accounts = ctx.quick ? 100 : 1000
  const rolesPerAccount = 3
  const runs = ctx.quick ? 1 : Math.max(1, Math.min(ctx.runs ?? 5, 5))
  const group = `populate ${accounts} x ${rolesPerAccount}`
  const world = await startWorld(ctx, generateFixture({ accounts, rolesPerAccount }))
  try {
    const rows = []
    const expected = accounts * rolesPerAccount

    // 1. No rate limit: the sequential baseline first, then the default.
    ctx.log(`${group}: sequential baseline (--concurrency 1), ${LATENCY_MS} ms latency`)
    const sequential = await world.populate({ expected, args: ['--concurrency', '1'] })
    ctx.log(`  ${seconds(sequential.ms)} s, ${sequential.failures} failures`)
    const unlimited = []
    for (let i = 0; i < runs; i++) {
      const r = await world.populate({ expected })
      ctx.log(`  default concurrency: ${seconds(r.ms)} s, ${r.failures} failures, ${r.throttled} throttled`)
      unlimited.push(r)
    }
    const fast = median(unlimited.map((r) => r.ms))
    const failures = sum(unlimited.map((r) => r.failures)) + sequential.failures
    rows.push({
      group,
      name: `populate, ${LATENCY_MS} ms latency, no rate limit (median of ${runs})`,
      value: round(fast / 1000),
      unit: 's',
      baseline: { name: 'the same at --concurrency 1', value: round(sequential.ms / 1000) },
      ratio: round(fast / sequential.ms),
      goal: { max: 0.8, of: 'value' },
      ok: fast <= 800 && failures === 0,
      note: `${failures} failures; load ${load()}`,
    })

    // 2. Under a binding limit on ListAccountRoles.
    const calls = accounts // one ListAccountRoles per account (3 roles fit one page)
    const floorMs = (Math.max(0, calls - LIMIT.burst) / LIMIT.perSecond) * 1000
    ctx.log(`${group}: ListAccountRoles limited to ${LIMIT.perSecond}/s, burst ${LIMIT.burst}`)
    const limited = []
    for (let i = 0; i < runs; i++) {
      const r = await world.populate({ expected, limit: LIMIT })
      ctx.log(`  ${seconds(r.ms)} s, ${r.failures} failures, ${r.throttled} throttled`)
      limited.push(r)
    }
    const slow = median(limited.map((r) => r.ms))
    const limitedFailures = sum(limited.map((r) => r.failures))
    const throttled = median(limited.map((r) => r.throttled))
    rows.push({
      group,
      name: `populate, ListAccountRoles ${LIMIT.perSecond}/s burst ${LIMIT.burst} (median of ${runs})`,
      value: round(slow / 1000),
      unit: 's',
      baseline: { name: '(calls - burst) / rate', value: round(floorMs / 1000) },
      ratio: round(slow / floorMs),
      goal: { max: 1.2, of: 'ratio' },
      ok: slow <= floorMs * 1.2 && limitedFailures === 0,
      note: `${limitedFailures} failures; load ${load()}`,
    })
    rows.push({
      group,
      name: 'throttled ListAccountRoles answers under that limit (median)',
      value: throttled,
      unit: 'calls',
      note: `of ${calls} calls needed; each is retried by the SDK's retry strategy`,
    })
    rows.push({
      group,
      name: 'failures, all runs',
      value: failures + limitedFailures,
      unit: 'calls',
      goal: { max: 0, of: 'value' },
      ok: failures + limitedFailures === 0,
    })
    return rows
  } finally {
    await world.stop()
  }
}

/** A temporary HOME signed in to an `idc-emulator` child process serving `fixture`. */
async function startWorld(ctx, fixture) {
  const emu = await startEmulatorProcess(fixture, ctx.env)
  const home = mkdtempSync(join(tmpdir(), 'aws-idc-bench-populate-'))
  const configFile = join(home, '.aws', 'config')
  mkdirSync(dirname(configFile), { recursive: true })
  const config = `[sso-session ${SESSION}]\nsso_start_url = ${emu.startUrl}\nsso_region = ${emu.region}\nsso_registration_scopes = sso:account:access\n`
  writeFileSync(configFile, config)
  // The sandbox's HOME, XDG_* and AWS_* (configFile is its AWS_CONFIG_FILE), over the harness's.
  const env = { ...ctx.env, ...sandboxEnv(home, { endpoint: emu.url }), NO_COLOR: '1' }
  try {
    await login(
      { from: 'sso-session', sessionName: SESSION },
      { env, onAuthorizeUrl: async (url) => void (await fetch(url)) },
    )
  } catch (error) {
    await emu.stop()
    rmSync(home, { recursive: true, force: true })
    throw error
  }
  return {
    env,
    emu,
    /** One `aws-idc populate --json` on a fresh config; failures = missing profiles or a non-zero exit. */
    async populate({ expected, args = [], limit }) {
      writeFileSync(configFile, config)
      await emu.control('DELETE', '/faults')
      for (const operation of PORTAL_OPS)
        await emu.control('POST', '/faults/latency', { ms: LATENCY_MS, operation })
      if (limit) await emu.control('POST', '/faults/throttle', { ...limit, operation: 'ListAccountRoles' })
      await emu.control('DELETE', '/calls')
      const t0 = performance.now()
      const r = await runChild(
        ctx.node,
        [ctx.cliBin, 'populate', '--sso-session', SESSION, '--json', ...args],
        {
          env,
          timeout: 300_000,
        },
      )
      const ms = performance.now() - t0
      let added = 0
      try {
        added = JSON.parse(r.stdout).added?.length ?? 0
      } catch {}
      if (r.status !== 0) ctx.log(`  populate exited ${r.status}: ${r.stderr.trim().split('\n')[0]}`)
      const { calls } = await emu.control('GET', '/calls')
      const roleCalls = calls.filter((c) => c.operation === 'ListAccountRoles')
      return {
        ms,
        failures: r.status === 0 ? expected - added : Math.max(1, expected - added),
        throttled: roleCalls.filter((c) => c.status === 429).length,
      }
    },
    async stop() {
      await emu.stop()
      rmSync(home, { recursive: true, force: true })
    },
  }
}

const sum = (values) => values.reduce((a, b) => a + b, 0)
const seconds = (ms) => (ms / 1000).toFixed(2)
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')

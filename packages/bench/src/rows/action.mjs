// The GitHub Action's committed bundle (apps/action/dist/index.js) end to end in refresh-token mode,
// run as the runner runs a node action: `node dist/index.js` with one INPUT_<NAME> variable per input
// (action.yml's defaults filled in), GITHUB_ENV / GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY
// files and RUNNER_TEMP. Each run refreshes the sign-in (CreateToken) and fetches role credentials
// (GetRoleCredentials) from the emulator; wall time against `node -e 0` in the same loop.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { signInForCi } from '@idc/core'
import { parse } from 'yaml'
import { alternate, openMeasurer } from '../lib/measure.mjs'
import { runOk } from '../lib/proc.mjs'
import { round } from '../lib/stats.mjs'
import { signedIn } from '../lib/world.mjs'

export const title = "the Action's committed dist, refresh-token mode, as the runner runs it, vs `node -e 0`"

const BASE = 'node -e 0'

/** The runner's variable for an input: upper-cased, spaces to underscores, hyphens kept. */
const inputVariable = (name) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`

export async function run(ctx) {
  const actionDir = join(ctx.root, 'apps', 'action')
  const dist = join(actionDir, 'dist', 'index.js')
  const { inputs: spec } = parse(await readFile(join(actionDir, 'action.yml'), 'utf8'))
  const world = await signedIn({ env: ctx.env, warm: false })
  const temp = await mkdtemp(join(tmpdir(), 'idc-bench-action-'))
  const m = await openMeasurer()
  try {
    // Without rotation the one refresh token serves every run (with it each run would need the last one's output).
    world.emu.controls.setRefreshTokenRotation(false)
    const { emu } = world
    const secrets = await signInForCi(
      { from: 'values', startUrl: emu.startUrl, ssoRegion: emu.region },
      { env: world.env },
    )
    const inputs = {
      'start-url': emu.startUrl,
      'sso-region': emu.region,
      'account-id': '111111111111',
      'role-name': 'ReadOnly',
      'aws-region': 'eu-west-1',
      'refresh-token': secrets.refreshToken,
      'client-id': secrets.clientId,
      'client-secret': secrets.clientSecret,
    }
    const files = Object.fromEntries(
      ['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'].map((k) => [
        k,
        join(temp, k.toLowerCase()),
      ]),
    )
    const env = { ...world.env, ...files, GITHUB_ACTIONS: 'true', RUNNER_TEMP: temp }
    for (const [name, s] of Object.entries(spec))
      if (s?.default !== undefined) env[inputVariable(name)] = String(s.default)
    for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value
    const fresh = async () => {
      for (const f of Object.values(files)) await writeFile(f, '')
    }
    // The runner runs node24 actions on its own Node 24; IDC_ACTION_NODE picks such a binary here.
    const actionNode = process.env.IDC_ACTION_NODE || ctx.node
    const step = {
      name: 'Action main step (refresh-token mode)',
      argv: [actionNode, dist],
      env,
      before: fresh,
    }

    await fresh()
    await runOk(actionNode, [dist], { env, cwd: temp })
    const version = (await runOk(actionNode, ['--version'], { env })).stdout.trim()
    const exported = await readFile(files.GITHUB_ENV, 'utf8')
    if (!/AWS_ACCESS_KEY_ID/.test(exported)) throw new Error('the Action exported no AWS_ACCESS_KEY_ID')

    const runs = ctx.quick ? 1 : Math.max(5, Math.round(ctx.runs / 2))
    emu.controls.calls.reset()
    const results = await alternate(m, [{ name: BASE, argv: [ctx.node, '-e', '0'] }, step], {
      runs,
      warmup: 1,
      env: world.env,
    })
    const rounds = runs + 1
    const base = results.get(BASE).median
    const r = results.get(step.name).median
    return [
      { group: 'action', name: BASE, value: base.wallMs, unit: 'ms', note: `median of ${runs}` },
      {
        group: 'action',
        name: step.name,
        value: r.wallMs,
        unit: 'ms',
        baseline: { name: BASE, value: base.wallMs },
        note: `median of ${runs}; on Node ${version}${r.cpuMs === undefined ? '' : `; CPU ${round(r.cpuMs)} ms`}`,
      },
      // What each run costs the identity service: one refresh, one role-credential fetch.
      ...[
        ['CreateToken per run', 'CreateToken', 'refresh_token'],
        ['GetRoleCredentials per run', 'GetRoleCredentials'],
      ].map(([name, op, detail]) => ({
        group: 'action',
        name,
        value: round(emu.controls.calls.count(op, detail) / rounds),
        unit: 'calls',
        goal: { min: 1, max: 1, of: 'value' },
      })),
    ]
  } finally {
    await m.close()
    await world.cleanup()
    await rm(temp, { recursive: true, force: true })
  }
}

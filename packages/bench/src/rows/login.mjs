// A cold start of the whole flow against the emulator: `aws-idc login` on a machine with nothing
// cached (RegisterClient, the browser sign-in through a stand-in $BROWSER that follows the emulator's
// auto-approving redirect to the loopback listener, CreateToken), then `creds` with a cold role cache
// (one GetRoleCredentials). Each run removes ~/.aws/sso and ~/.aws/cli first (untimed); `node -e 0`
// runs in the same loop.
import { alternate, openMeasurer } from '../lib/measure.mjs'
import { runOk } from '../lib/proc.mjs'
import { round } from '../lib/stats.mjs'
import { PROFILE, signedIn } from '../lib/world.mjs'

export const title = 'cold `login` + `creds` against the emulator, vs `node -e 0` in the same loop'

const BASE = 'node -e 0'

export async function run(ctx) {
  const world = await signedIn({ env: ctx.env, warm: false })
  const m = await openMeasurer()
  try {
    // A desktop session, so the CLI opens $BROWSER (the stand-in) rather than printing the URL.
    const env = { ...world.env, DISPLAY: ':99' }
    for (const k of ['CI', 'SSH_CONNECTION', 'SSH_TTY', 'SSH_CLIENT']) delete env[k]
    const { node, cliBin: bin } = ctx
    const login = {
      name: `login --profile ${PROFILE} (nothing cached)`,
      argv: [node, bin, 'login', '--profile', PROFILE],
    }
    const creds = {
      name: `creds --profile ${PROFILE} --format env (after login: cold role cache)`,
      argv: [node, bin, 'creds', '--profile', PROFILE, '--format', 'env'],
    }
    const cases = [{ name: BASE, argv: [node, '-e', '0'] }, { ...login, before: () => world.forget() }, creds]
    await world.forget()
    await runOk(login.argv[0], login.argv.slice(1), { env })
    await runOk(creds.argv[0], creds.argv.slice(1), { env })
    const runs = ctx.quick ? 1 : Math.max(5, Math.round(ctx.runs / 2))
    world.emu.controls.calls.reset()
    const results = await alternate(m, cases, { runs, warmup: 1, env })
    const rounds = runs + 1
    const calls = world.emu.controls.calls
    const perRound = (op, detail) => round(calls.count(op, detail) / rounds)
    const base = results.get(BASE).median
    const rows = [{ group: 'cold', name: BASE, value: base.wallMs, unit: 'ms', note: `median of ${runs}` }]
    for (const c of [login, creds]) {
      const r = results.get(c.name).median
      rows.push({
        group: 'cold',
        name: c.name,
        value: r.wallMs,
        unit: 'ms',
        baseline: { name: BASE, value: base.wallMs },
        note: `median of ${runs}${r.cpuMs === undefined ? '' : `; CPU ${round(r.cpuMs)} ms`}`,
      })
    }
    // The invariants behind the times: a cold login registers and signs in once, a cold creds fetches once.
    for (const [name, op, detail] of [
      ['RegisterClient per cold login', 'RegisterClient'],
      ['CreateToken per cold login', 'CreateToken', 'authorization_code'],
      ['GetRoleCredentials per cold creds', 'GetRoleCredentials'],
    ])
      rows.push({
        group: 'cold',
        name,
        value: perRound(op, detail),
        unit: 'calls',
        goal: { min: 1, max: 1, of: 'value' },
      })
    return rows
  } finally {
    await m.close()
    await world.cleanup()
  }
}

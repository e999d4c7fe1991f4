// Start-up of the aws-idc CLI, each command as a ratio to `node -e 0` run alternately in the same loop
// (measure.mjs), from a real warm cache (world.mjs): the warm `credential-process` and
// `creds --format env` (goal <= 1.5x and a peak RSS <= 45 MB), the same for a chained-role profile,
// the AWS CLI v2's `aws configure export-credentials` on the same cache for comparison, and the other
// commands (--help, a cold `accounts` on a warm token, `console --url`, ...), which load oclif and
// the AWS SDK. Wall time is the row's value; CPU time (user + system, less sensitive to other load)
// is in the note. stdout is not a terminal, so oclif's width is 80.
import { findAwsCliV2 } from '../lib/aws-cli.mjs'
import { alternate, openMeasurer } from '../lib/measure.mjs'
import { runOk } from '../lib/proc.mjs'
import { round } from '../lib/stats.mjs'
import { CHAINED_PROFILE, PROFILE, signedIn } from '../lib/world.mjs'

export const title =
  'CLI start-up vs `node -e 0` in the same loop (warm credential_process, other commands, the AWS CLI v2)'

const BASE = 'node -e 0'
const WARM_GOAL = { max: 1.5, of: 'ratio' }
const COMMAND_GOAL = { max: 3, of: 'ratio' }
const RSS_GOAL = { max: 45, of: 'value' }

export async function run(ctx) {
  const world = await signedIn({ env: ctx.env })
  const m = await openMeasurer()
  try {
    const { node, cliBin: bin } = ctx
    const cli = (...args) => [node, bin, ...args]
    /** @type {{ name: string, argv: string[], group: string, goal?: object, rss?: boolean, quick?: boolean, env?: Record<string, string> }[]} */
    const cases = [
      { name: BASE, argv: [node, '-e', '0'], group: 'warm', rss: true, quick: true },
      {
        name: `credential-process --profile ${PROFILE} (warm)`,
        argv: cli('credential-process', '--profile', PROFILE),
        group: 'warm',
        goal: WARM_GOAL,
        rss: true,
        quick: true,
      },
      {
        name: `creds --profile ${PROFILE} --format env (warm)`,
        argv: cli('creds', '--profile', PROFILE, '--format', 'env'),
        group: 'warm',
        goal: WARM_GOAL,
        rss: true,
        quick: true,
      },
      {
        name: `credential-process --profile ${CHAINED_PROFILE} (warm, chained role)`,
        argv: cli('credential-process', '--profile', CHAINED_PROFILE),
        group: 'warm',
        goal: WARM_GOAL,
        rss: true,
        quick: true,
      },
      {
        name: `creds --profile ${CHAINED_PROFILE} --format env (warm, chained role)`,
        argv: cli('creds', '--profile', CHAINED_PROFILE, '--format', 'env'),
        group: 'warm',
        goal: WARM_GOAL,
        rss: true,
      },
    ]
    const aws = await findAwsCliV2(ctx.env)
    const awsNotes = []
    if ('path' in aws) {
      // The AWS CLI must reuse aws-idc's cache (same role credentials), never reach out: IMDS is off
      // and one attempt only, so a cache miss fails fast instead of timing out against AWS.
      const awsEnv = { ...world.env, AWS_EC2_METADATA_DISABLED: 'true', AWS_MAX_ATTEMPTS: '1' }
      for (const profile of [PROFILE, CHAINED_PROFILE]) {
        const ours = JSON.parse(
          (await runOk(node, [bin, 'credential-process', '--profile', profile], { env: world.env })).stdout,
        )
        const theirs = await runOk(aws.path, ['configure', 'export-credentials', '--profile', profile], {
          env: awsEnv,
          timeout: 60_000,
        }).then((r) => JSON.parse(r.stdout))
        if (theirs.AccessKeyId !== ours.AccessKeyId)
          throw new Error(`aws ${aws.version} did not reuse the cache of ${profile} (other AccessKeyId)`)
        cases.push({
          name: `aws configure export-credentials --profile ${profile} (AWS CLI ${aws.version}, same cache)`,
          argv: [aws.path, 'configure', 'export-credentials', '--profile', profile],
          env: awsEnv,
          group: 'aws-cli',
          quick: profile === PROFILE,
        })
      }
    } else awsNotes.push(aws.skipped)

    cases.push(
      { name: 'aws-idc --help', argv: cli('--help'), group: 'startup', goal: COMMAND_GOAL, quick: true },
      { name: 'aws-idc login --help', argv: cli('login', '--help'), group: 'startup', goal: COMMAND_GOAL },
      {
        name: 'aws-idc accounts --help',
        argv: cli('accounts', '--help'),
        group: 'startup',
        goal: COMMAND_GOAL,
      },
      // Cold commands on a warm token: each loads its command and the AWS SDK and calls the emulator.
      {
        name: `accounts --profile ${PROFILE} (cold, warm token)`,
        argv: cli('accounts', '--profile', PROFILE),
        group: 'startup',
        goal: COMMAND_GOAL,
        quick: true,
      },
      {
        name: `console --profile ${PROFILE} --url`,
        argv: cli('console', '--profile', PROFILE, '--url'),
        group: 'startup',
        quick: true,
      },
      { name: `roles --profile ${PROFILE}`, argv: cli('roles', '--profile', PROFILE), group: 'startup' },
      { name: 'sessions', argv: cli('sessions'), group: 'startup' },
      {
        name: `creds --profile ${PROFILE} --json`,
        argv: cli('creds', '--profile', PROFILE, '--json'),
        group: 'startup',
      },
      { name: `whoami --profile ${PROFILE}`, argv: cli('whoami', '--profile', PROFILE), group: 'startup' },
      {
        name: 'credential-process through oclif (AWS_IDC_NO_FAST_PATH=1, reference)',
        argv: cli('credential-process', '--profile', PROFILE),
        env: { ...world.env, AWS_IDC_NO_FAST_PATH: '1' },
        group: 'startup',
      },
    )
    const extraCa = process.env.NODE_EXTRA_CA_CERTS
    if (extraCa)
      cases.push({
        name: 'node -e 0 with NODE_EXTRA_CA_CERTS (as set on this machine)',
        argv: [node, '-e', '0'],
        env: { ...world.env, NODE_EXTRA_CA_CERTS: extraCa },
        group: 'startup',
      })
    const chosen = ctx.quick ? cases.filter((c) => c.quick) : cases

    // Every case must work before it is timed (with its stderr when it does not).
    for (const c of chosen) await runOk(c.argv[0], c.argv.slice(1), { env: c.env ?? world.env })
    const before = world.emu.controls.calls.count('GetRoleCredentials')
    // The minimum is 20 runs after warm-up; --quick (the smoke test) one, none discarded.
    const runs = ctx.quick ? 1 : Math.max(ctx.runs, 20)
    const warmup = ctx.quick ? 0 : 3
    ctx.log(
      `timing ${chosen.length} commands alternately, ${runs} runs each after ${warmup} warm-up round(s)...`,
    )
    const results = await alternate(m, chosen, { runs, warmup, env: world.env, log: ctx.log })
    const refetched = world.emu.controls.calls.count('GetRoleCredentials') - before
    const warmNote = refetched
      ? `; warning: ${refetched} GetRoleCredentials during the runs (cache not warm)`
      : ''

    const base = results.get(BASE).median
    const rows = []
    for (const c of chosen) {
      const r = results.get(c.name).median
      const cpu =
        r.cpuMs === undefined
          ? 'CPU not measured (no python3)'
          : `CPU ${round(r.cpuMs)} ms = ${round(r.cpuMs / base.cpuMs)}x node's ${round(base.cpuMs)} ms`
      rows.push({
        group: c.group,
        name: c.name,
        value: r.wallMs,
        unit: 'ms',
        ...(c.name === BASE ? {} : { baseline: { name: BASE, value: base.wallMs } }),
        ...(c.goal ? { goal: c.goal } : {}),
        note: `median of ${runs}; ${cpu}${c.group === 'warm' ? warmNote : ''}`,
      })
    }
    for (const c of chosen.filter((x) => x.rss)) {
      const r = results.get(c.name).median
      if (r.maxRssMb === undefined) continue
      rows.push({
        group: 'memory',
        name: `peak RSS: ${c.name}`,
        value: r.maxRssMb,
        unit: 'MB',
        ...(c.name === BASE ? {} : { baseline: { name: BASE, value: base.maxRssMb }, goal: RSS_GOAL }),
        note: `median of ${runs} runs' maxrss (wait4)`,
      })
    }
    if (!m.rusage) awsNotes.push('peak RSS rows need python3 (wait4); skipped')
    for (const note of awsNotes)
      rows.push({
        group: 'aws-cli',
        name: 'aws configure export-credentials',
        value: 0,
        unit: 'ms',
        skipped: true,
        note,
      })
    return rows
  } finally {
    await m.close()
    await world.cleanup()
  }
}

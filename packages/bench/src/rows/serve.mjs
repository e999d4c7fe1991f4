// `aws-idc serve` under load: 32 concurrent AWS SDK for JavaScript v3 container-credential fetches
// (@aws-sdk/credential-provider-http's fromHttp, what the SDKs use with
// AWS_CONTAINER_CREDENTIALS_FULL_URI), each asking again as soon as it has an answer, for a few
// seconds. Requests/s and p99 latency against a static JSON server (same clients, same run), and the
// refreshes per expiry: the emulator issues role credentials that last 15 minutes + EXPIRY_S seconds,
// so the role cache stops being reusable (aws-idc, like the AWS CLI, wants 15 minutes left) every
// EXPIRY_S seconds and every expiry must cost exactly one GetRoleCredentials however many callers.
import { fromHttp } from '@aws-sdk/credential-provider-http'
import { interleaved } from '../lib/load.mjs'
import { start } from '../lib/proc.mjs'
import { startStaticServer } from '../lib/static-server.mjs'
import { round } from '../lib/stats.mjs'
import { PROFILE, signedIn } from '../lib/world.mjs'

export const title = '`aws-idc serve`: 32 concurrent SDK credential fetches, p99, refreshes per expiry'

const CLIENTS = 32

/**
 * How many expiries `fetchTimes` (epoch ms of each GetRoleCredentials, in order) served. Fetches of
 * one expiry each are at least expiryS - 1 s apart (the cached Expiration has whole seconds); a fetch
 * within half that of the one before is a second refresh of the same expiry.
 */
export function expiriesOf(fetchTimes, expiryS) {
  const gaps = fetchTimes.slice(1).map((t, i) => t - fetchTimes[i])
  const duplicates = gaps.filter((g) => g < ((expiryS - 1) * 1000) / 2).length
  return { gaps, expiries: fetchTimes.length - duplicates }
}

export async function run(ctx) {
  const expiryS = ctx.quick ? 2 : 3
  const durationMs = ctx.quick ? 4_000 : 12_000
  const world = await signedIn({
    env: ctx.env,
    emulator: { fixture: { lifetimes: { roleCredentialsSeconds: 900 + expiryS } } },
  })
  const serve = start(ctx.node, [ctx.cliBin, 'serve', '--profile', PROFILE, '--format', 'json'], {
    env: world.env,
  })
  let baseline
  try {
    await serve.waitFor('Stop with Ctrl-C.')
    const vars = JSON.parse(serve.stdout())
    const uri = vars.AWS_CONTAINER_CREDENTIALS_FULL_URI
    const token = vars.AWS_CONTAINER_AUTHORIZATION_TOKEN
    // maxRetries 0: a failed fetch is counted, not hidden by the SDK's retries.
    const clients = (url) =>
      Array.from({ length: CLIENTS }, () =>
        fromHttp({
          awsContainerCredentialsFullUri: url,
          awsContainerAuthorizationToken: token,
          maxRetries: 0,
          timeout: 10_000,
        }),
      )
    const keys = new Set()
    const servers = clients(uri)
    // Warm both paths (the server's first refresh, the clients' connections) before timing.
    await Promise.all(servers.map((p) => p()))

    const sample = await servers[0]()
    baseline = await startStaticServer(
      JSON.stringify({
        AccessKeyId: sample.accessKeyId,
        SecretAccessKey: sample.secretAccessKey,
        Token: sample.sessionToken,
        Expiration: new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
        AccountId: sample.accountId ?? '111111111111',
      }),
      ctx.env,
    )
    const statics = clients(`${baseline.url}/role/${PROFILE}`)
    await Promise.all(statics.map((p) => p()))

    // serve and the static server in alternating slices, so both see the same outside load.
    world.emu.controls.calls.reset()
    const slices = ctx.quick ? 2 : 6
    const loads = await interleaved(
      [
        { name: 'serve', call: async (w) => keys.add((await servers[w]()).accessKeyId) },
        { name: 'static', call: (w) => statics[w]() },
      ],
      { concurrency: CLIENTS, sliceMs: durationMs / slices, slices },
    )
    const serveLoad = loads.get('serve')
    const staticLoad = loads.get('static')
    const fetches = world.emu.controls.calls.list().filter((c) => c.operation === 'GetRoleCredentials')
    const { gaps, expiries } = expiriesOf(
      fetches.map((f) => f.at),
      expiryS,
    )
    const failed = serveLoad.errors
      ? `; ${serveLoad.errors} failed requests (first: ${serveLoad.firstError})`
      : ''
    return [
      {
        group: 'serve',
        name: `requests/s, ${CLIENTS} concurrent SDK clients (fromHttp)`,
        value: serveLoad.perSecond,
        unit: 'req/s',
        baseline: { name: 'static JSON server, same clients', value: staticLoad.perSecond },
        note: `${serveLoad.requests} requests in ${round(serveLoad.seconds)} s${failed}`,
      },
      {
        group: 'serve',
        name: `p99 latency, ${CLIENTS} concurrent SDK clients`,
        value: serveLoad.p99,
        unit: 'ms',
        baseline: { name: 'static JSON server, same clients', value: staticLoad.p99 },
        note: `p50 ${round(serveLoad.p50)} ms (static ${round(staticLoad.p50)} ms)`,
      },
      {
        group: 'serve',
        name: 'GetRoleCredentials per expiry',
        value: expiries ? fetches.length / expiries : 0,
        unit: 'calls',
        goal: { min: 1, max: 1, of: 'value' },
        note: `${fetches.length} GetRoleCredentials for ${expiries} expiries (every ${expiryS} s), ${keys.size} distinct keys served (with the one before); ms between fetches: ${gaps.map((g) => Math.round(g)).join(', ')}`,
      },
      {
        group: 'serve',
        name: 'failed requests',
        value: serveLoad.errors,
        unit: 'calls',
        goal: { max: 0, of: 'value' },
        ...(serveLoad.firstError ? { note: serveLoad.firstError } : {}),
      },
    ]
  } finally {
    await baseline?.stop()
    const exit = await serve.stop()
    await world.cleanup()
    if (exit.code !== 0 && exit.signal === null)
      ctx.log(`serve exited ${exit.code}: ${serve.stderr().trim()}`)
  }
}

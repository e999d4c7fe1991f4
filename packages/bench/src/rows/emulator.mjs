// The emulator itself (users put it in their CI): requests/s and p99 of CreateToken (refresh_token
// grant) and GetRoleCredentials from 32 concurrent clients, the emulator in its own process, against
// a static JSON server (same clients, same run). The clients send the requests the AWS SDK sends
// (docs/reference.md#oidc-token, #portal-api) over keep-alive fetch rather than through SDK clients,
// whose own ~1 ms of CPU per call would be measured instead of the emulator's.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { signInForCi } from '@idc/core'
import { sandboxEnv } from '@idc/emulator/testing'
import { startEmulatorProcess } from '../lib/emulator-process.mjs'
import { interleaved } from '../lib/load.mjs'
import { startStaticServer } from '../lib/static-server.mjs'
import { round } from '../lib/stats.mjs'

export const title = 'the emulator: CreateToken refresh and GetRoleCredentials at 32 concurrent clients'

const CLIENTS = 32
const ACCOUNT = '111111111111'
const ROLE = 'ReadOnly'

async function ok(res) {
  const text = await res.text()
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`)
  return text
}

export async function run(ctx) {
  const durationMs = ctx.quick ? 500 : 6_000
  const home = await mkdtemp(join(tmpdir(), 'idc-bench-home-'))
  // No rotation: every client can refresh with the same refresh token for the whole run.
  const emu = await startEmulatorProcess({ rotateRefreshTokens: false }, ctx.env)
  let baseline
  try {
    const env = sandboxEnv(home, { inherit: true, endpoint: emu.url, env: ctx.env })
    const s = await signInForCi({ from: 'values', startUrl: emu.startUrl, ssoRegion: emu.region }, { env })
    const refreshBody = JSON.stringify({
      clientId: s.clientId,
      clientSecret: s.clientSecret,
      grantType: 'refresh_token',
      refreshToken: s.refreshToken,
    })
    const createToken = (base) =>
      fetch(`${base}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: refreshBody,
      }).then(ok)
    const { accessToken } = JSON.parse(await createToken(emu.url))
    const roleUrl = (base) => `${base}/federation/credentials?role_name=${ROLE}&account_id=${ACCOUNT}`
    const getRoleCredentials = (base) =>
      fetch(roleUrl(base), { headers: { 'x-amz-sso_bearer_token': accessToken } }).then(ok)
    const sample = await getRoleCredentials(emu.url)
    baseline = await startStaticServer(sample, ctx.env)

    const rows = []
    for (const [name, call] of [
      ['CreateToken (refresh_token grant)', createToken],
      ['GetRoleCredentials', getRoleCredentials],
    ]) {
      // The emulator and the static server in alternating slices, so both see the same outside load.
      const slices = ctx.quick ? 1 : 6
      const loads = await interleaved(
        [
          { name: 'emulator', call: () => call(emu.url) },
          { name: 'static', call: () => call(baseline.url) },
        ],
        { concurrency: CLIENTS, sliceMs: durationMs / slices, slices },
      )
      const load = loads.get('emulator')
      const staticLoad = loads.get('static')
      rows.push(
        {
          group: 'emulator',
          name: `${name}: requests/s, ${CLIENTS} concurrent clients`,
          value: load.perSecond,
          unit: 'req/s',
          baseline: { name: 'static JSON server, same clients', value: staticLoad.perSecond },
          note: `${load.requests} requests in ${round(load.seconds)} s; p50 ${round(load.p50)} ms`,
        },
        {
          group: 'emulator',
          name: `${name}: p99 latency`,
          value: load.p99,
          unit: 'ms',
          baseline: { name: 'static JSON server, same clients', value: staticLoad.p99 },
        },
        {
          group: 'emulator',
          name: `${name}: failed requests`,
          value: load.errors,
          unit: 'calls',
          goal: { max: 0, of: 'value' },
          ...(load.firstError ? { note: `first: ${load.firstError}` } : {}),
        },
      )
    }
    return rows
  } finally {
    await baseline?.stop()
    await emu.stop()
    await rm(home, { recursive: true, force: true })
  }
}

// The SSO and OIDC clients take FIPS, dual-stack, app id and endpoint settings from the profile
// aws-idc resolved (config/sdk-settings.ts), never from the one AWS_PROFILE or `default` selects:
// real SDK clients whose request handler records each request instead of sending it (no network).
import { GetRoleCredentialsCommand } from '@aws-sdk/client-sso'
import { CreateTokenCommand } from '@aws-sdk/client-sso-oidc'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfigFiles } from '../config/config-files.js'
import { idcErrorOf, makeHome, removeTempDirs } from '../config/fixtures.test.helpers.js'
import { resolveCredentialsTarget } from '../config/resolve.js'
import { serviceTargetFor } from '../session/context.js'
import { createOidcClient, createPortalClient } from './clients.js'

afterEach(removeTempDirs)

const SESSION = `[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
`
const DEV = `[profile dev]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Admin
`
// What the JS SDK would apply to every profile's clients: the default profile's settings.
const DEFAULT_WITH_EVERYTHING = `[default]
endpoint_url = http://default-profile.invalid
use_fips_endpoint = true
use_dualstack_endpoint = true
sdk_ua_app_id = default-app
`

interface Recorded {
  hostname: string
  userAgent: string
}

/** Where the portal and OIDC clients of `profile` would send a request, and their User-Agent. */
async function requests(config: string, env: Record<string, string> = {}, profile = 'dev') {
  const home = await makeHome({ config })
  const allEnv = { ...home.env, ...env }
  const target = resolveCredentialsTarget(
    await loadConfigFiles({ env: allEnv }),
    { from: 'profile', profile },
    { env: allEnv },
  )
  // The SDK reads the files process.env names (as in the CLI, whose env is process.env).
  const saved = { ...process.env }
  Object.assign(process.env, allEnv)
  try {
    return await recordRequests(target, allEnv)
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
    Object.assign(process.env, saved)
  }
}

async function recordRequests(
  target: ReturnType<typeof resolveCredentialsTarget>,
  allEnv: Record<string, string | undefined>,
) {
  const seen: Recorded[] = []
  const requestHandler = {
    handle: async (request: { hostname: string; headers: Record<string, string> }) => {
      seen.push({ hostname: request.hostname, userAgent: request.headers['user-agent'] ?? '' })
      throw Object.assign(new Error('recorded, not sent'), { name: 'Recorded' })
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  }
  const ctx = { env: allEnv, clientConfig: { requestHandler }, retry: { maxAttempts: 1 } }
  const portal = await createPortalClient(serviceTargetFor(target, 'sso', ctx))
  await portal
    .send(
      new GetRoleCredentialsCommand({ accessToken: 'token', accountId: '111111111111', roleName: 'Admin' }),
    )
    .catch(() => undefined)
  const oidc = await createOidcClient(serviceTargetFor(target, 'ssoOidc', ctx))
  await oidc
    .send(
      new CreateTokenCommand({
        clientId: 'id',
        clientSecret: 'secret',
        grantType: 'refresh_token',
        refreshToken: 'r',
      }),
    )
    .catch(() => undefined)
  portal.destroy()
  oidc.destroy()
  return seen
}

describe("the SDK clients' settings (docs/reference.md#sdk-settings)", () => {
  it("ignores the default profile's endpoint, FIPS, dual-stack and app id for another profile", async () => {
    const [portal, oidc] = await requests(`${DEFAULT_WITH_EVERYTHING}\n${DEV}\n${SESSION}`)
    expect(portal?.hostname).toBe('portal.sso.us-east-1.amazonaws.com')
    expect(oidc?.hostname).toBe('oidc.us-east-1.amazonaws.com')
    expect(portal?.userAgent).not.toContain('default-app')
  })

  it("applies the resolved profile's own FIPS, dual-stack and app id; the environment wins", async () => {
    const own = DEV.replace(
      'sso_role_name = Admin\n',
      'sso_role_name = Admin\nuse_fips_endpoint = true\nsdk_ua_app_id = dev-app\n',
    )
    const [fips] = await requests(`${own}\n${SESSION}`)
    expect(fips?.hostname).toMatch(/^portal\.sso-fips\.us-east-1\./)
    expect(fips?.userAgent).toMatch(/\bapp\/dev-app\b/)

    const dual = DEV.replace(
      'sso_role_name = Admin\n',
      'sso_role_name = Admin\nuse_dualstack_endpoint = true\n',
    )
    const [dualstack] = await requests(`${dual}\n${SESSION}`)
    expect(dualstack?.hostname).toBe('portal.sso.us-east-1.api.aws')

    const [fromEnv] = await requests(`${own}\n${SESSION}`, {
      AWS_USE_FIPS_ENDPOINT: 'false',
      AWS_SDK_UA_APP_ID: 'env-app',
    })
    expect(fromEnv?.hostname).toBe('portal.sso.us-east-1.amazonaws.com')
    expect(fromEnv?.userAgent).toMatch(/\bapp\/env-app\b/)
  })

  it('names the line of a setting that is not true or false, as for the endpoint settings', async () => {
    const bad = DEV.replace('sso_role_name = Admin\n', 'sso_role_name = Admin\nuse_fips_endpoint = yes\n')
    const error = await idcErrorOf(() => requests(`${bad}\n${SESSION}`))
    expect(error.code).toBe('config-invalid')
    expect(error.message).toMatch(
      /^Expected "true" or "false" for use_fips_endpoint in \[profile dev\] of .*config, got "yes"\.$/,
    )
    expect(error.hint).toMatch(
      /^Set use_fips_endpoint to true or false \(lower case\) on line 5 of .*config\.$/,
    )
    const fromEnv = await idcErrorOf(() =>
      requests(`${DEV}\n${SESSION}`, { AWS_USE_DUALSTACK_ENDPOINT: 'TRUE' }),
    )
    expect(fromEnv.hint).toBe('Set AWS_USE_DUALSTACK_ENDPOINT to true or false.')
  })
})

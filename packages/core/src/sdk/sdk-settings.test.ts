// The SSO, OIDC and STS clients take FIPS, dual-stack, app id and endpoint settings from the profile
// aws-idc resolved (config/sdk-settings.ts), never from the one AWS_PROFILE or `default` selects:
// real SDK clients whose request handler records each request instead of sending it (no network).
import { GetRoleCredentialsCommand } from '@aws-sdk/client-sso'
import { CreateTokenCommand } from '@aws-sdk/client-sso-oidc'
import { afterEach, describe, expect, it } from 'vitest'
import { resolveRoleChain } from '../config/chain.js'
import { loadConfigFiles } from '../config/config-files.js'
import { idcErrorOf, makeHome, removeTempDirs } from '../config/fixtures.test.helpers.js'
import { resolveCredentialsTarget } from '../config/resolve.js'
import { serviceTargetFor } from '../session/context.js'
import { assumeRole } from '../sts/assume-role.js'
import { chainedTarget } from '../sts/chain-result.js'
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

/** A request handler that records each request (host, User-Agent) and sends none. */
function recordingHandler() {
  const seen: Recorded[] = []
  const requestHandler = {
    handle: async (request: { hostname: string; headers: Record<string, string> }) => {
      seen.push({ hostname: request.hostname, userAgent: request.headers['user-agent'] ?? '' })
      throw Object.assign(new Error('recorded, not sent'), { name: 'Recorded' })
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  }
  return { seen, requestHandler }
}

/** Runs `body` with `env` in process.env: the SDK reads the files it names, as in the CLI. */
async function withProcessEnv<T>(
  env: Record<string, string | undefined>,
  body: () => Promise<T>,
): Promise<T> {
  const saved = { ...process.env }
  Object.assign(process.env, env)
  try {
    return await body()
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
    Object.assign(process.env, saved)
  }
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
  return withProcessEnv(allEnv, async () => {
    const { seen, requestHandler } = recordingHandler()
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
  })
}

/** Where the AssumeRole call of chained profile `profile` would go. */
async function assumeRoleHost(config: string, profile: string) {
  const home = await makeHome({ config })
  return withProcessEnv(home.env, async () => {
    const chain = resolveRoleChain(await loadConfigFiles({ env: home.env }), { profile }, home.env)
    if (!chain) throw new Error(`${profile} is not a chained profile`)
    const { seen, requestHandler } = recordingHandler()
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' }
    await assumeRole(chain.links[0]!, credentials as never, {
      region: chain.region ?? 'us-east-1',
      endpoint: chain.stsEndpoint,
      settings: chain.stsSettings,
      clientConfig: { requestHandler, maxAttempts: 1 },
      sourceDescription: 'test',
      defaultSessionName: 'test',
    }).catch(() => undefined)
    return seen[0]?.hostname
  })
}

describe("the SDK clients' settings (docs/reference.md#sdk-settings)", () => {
  it("sends a chained profile's AssumeRole by its own settings, not the default profile's", async () => {
    const ops = `[profile ops]
role_arn = arn:aws:iam::222222222222:role/Ops
source_profile = dev
region = eu-west-1
`
    expect(await assumeRoleHost(`${DEFAULT_WITH_EVERYTHING}\n${DEV}\n${ops}\n${SESSION}`, 'ops')).toBe(
      'sts.eu-west-1.amazonaws.com',
    )
    const fips = ops.replace('region = eu-west-1\n', 'region = us-east-1\nuse_fips_endpoint = true\n')
    expect(await assumeRoleHost(`${DEV}\n${fips}\n${SESSION}`, 'ops')).toBe(
      'sts-fips.us-east-1.amazonaws.com',
    )
  })

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

  it("gives a target its profile's STS endpoint and settings, and a chained result the chain's (whoami)", async () => {
    const own = DEV.replace(
      'sso_role_name = Admin\n',
      'sso_role_name = Admin\nservices = mine\nuse_dualstack_endpoint = true\n',
    )
    const mine = '[services mine]\nsts =\n  endpoint_url = http://127.0.0.1:9003\n'
    const home = await makeHome({ config: `${DEFAULT_WITH_EVERYTHING}\n${own}\n${SESSION}\n${mine}` })
    const files = await loadConfigFiles({ env: home.env })
    const target = resolveCredentialsTarget(files, { from: 'profile', profile: 'dev' }, { env: home.env })
    expect({ sts: target.stsEndpoint, sdk: target.sdk }).toEqual({
      sts: 'http://127.0.0.1:9003',
      sdk: { useFipsEndpoint: false, useDualstackEndpoint: true },
    })
    const ops =
      '[profile ops]\nrole_arn = arn:aws:iam::222222222222:role/Ops\nsource_profile = dev\nuse_fips_endpoint = true\n'
    const chained = await makeHome({ config: `${own}\n${ops}\n${SESSION}\n${mine}` })
    const chain = resolveRoleChain(
      await loadConfigFiles({ env: chained.env }),
      { profile: 'ops' },
      chained.env,
    )
    const reported = chainedTarget(chain!)
    expect({ sts: reported.stsEndpoint, sdk: reported.sdk }).toEqual({
      sts: undefined,
      sdk: { useFipsEndpoint: true, useDualstackEndpoint: false },
    })
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

import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfigFiles } from './config-files.js'
import {
  botocoreSsoConfig,
  hasBotocore,
  idcErrorOf,
  makeHome,
  removeTempDirs,
} from './fixtures.test.helpers.js'
import { configPaths, resolveHomeDir, selectProfileName } from './paths.js'
import { resolveCredentialsTarget, resolveLoginTarget } from './resolve.js'

afterEach(removeTempDirs)

const START = 'https://d-1234567890.awsapps.com/start'

/** The shape `aws configure sso` writes (docs/reference.md#config-keys). */
const CLI_WRITTEN = `[default]
region = eu-west-1

[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = Admin
region = us-west-2
output = json
[sso-session my-sso]
sso_start_url = ${START}
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`

async function resolve(config: string, env: Record<string, string> = {}, credentials?: string) {
  const home = await makeHome({ config, ...(credentials === undefined ? {} : { credentials }) })
  const allEnv = { ...home.env, ...env }
  const files = await loadConfigFiles({ env: allEnv })
  return { home, files, env: allEnv }
}

describe('paths and profile selection', () => {
  it('finds home as the JS SDK does: HOME, USERPROFILE, HOMEDRIVE+HOMEPATH, then the OS', () => {
    expect(resolveHomeDir({ HOME: '/h', USERPROFILE: 'C:\\u' }, () => '/os')).toBe('/h')
    expect(resolveHomeDir({ USERPROFILE: 'C:\\u', HOMEPATH: '\\p' }, () => '/os')).toBe('C:\\u')
    expect(resolveHomeDir({ HOMEDRIVE: 'D:', HOMEPATH: '\\p' }, () => '/os')).toBe('D:\\p')
    expect(resolveHomeDir({}, () => '/os')).toBe('/os')
  })

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, expanding ~/', () => {
    expect(configPaths({ HOME: '/h' })).toEqual({
      configFile: join('/h', '.aws', 'config'),
      credentialsFile: join('/h', '.aws', 'credentials'),
    })
    expect(
      configPaths({ HOME: '/h', AWS_CONFIG_FILE: '~/cfg', AWS_SHARED_CREDENTIALS_FILE: '/abs/creds' }),
    ).toEqual({
      configFile: join('/h', 'cfg'),
      credentialsFile: '/abs/creds',
    })
  })

  it('selects the explicit profile, then AWS_PROFILE, then default', () => {
    expect(selectProfileName('x', { AWS_PROFILE: 'y' })).toBe('x')
    expect(selectProfileName(undefined, { AWS_PROFILE: 'y' })).toBe('y')
    expect(selectProfileName(undefined, { AWS_PROFILE: '' })).toBe('default')
    expect(selectProfileName(undefined, {})).toBe('default')
  })
})

describe('resolving targets', () => {
  it('resolves a profile written by `aws configure sso` (sso-session form)', async () => {
    const { home, files, env } = await resolve(CLI_WRITTEN)
    expect(resolveCredentialsTarget(files, { from: 'profile', profile: 'dev' }, { env })).toEqual({
      kind: 'session',
      profileName: 'dev',
      sessionName: 'my-sso',
      startUrl: START,
      ssoRegion: 'us-east-1',
      accountId: '111111111111',
      roleName: 'Admin',
      registrationScopes: ['sso:account:access'],
      region: 'us-west-2',
      endpoints: { sso: undefined, ssoOidc: undefined },
      sdk: { useFipsEndpoint: false, useDualstackEndpoint: false },
      timeouts: {},
      source: { configFile: home.configFile, section: '[profile dev]' },
    })
  })

  it('reads cli_connect_timeout / cli_read_timeout (seconds) from the profile; the AWS_IDC_* variables win', async () => {
    const config = `${CLI_WRITTEN}\n[profile slow]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = Admin\ncli_connect_timeout = 2.5\ncli_read_timeout = 0\n`
    const { files, env } = await resolve(config)
    const target = resolveCredentialsTarget(files, { from: 'profile', profile: 'slow' }, { env })
    expect(target.timeouts).toEqual({ connectTimeoutMs: 2500, readTimeoutMs: 0 })
    const overridden = resolveCredentialsTarget(
      files,
      { from: 'profile', profile: 'slow' },
      { env: { ...env, AWS_IDC_CLI_READ_TIMEOUT: '7' } },
    )
    expect(overridden.timeouts).toEqual({ connectTimeoutMs: 2500, readTimeoutMs: 7000 })
    const bad = await resolve(
      `${config}\n[profile typo]\nsso_session = my-sso\nsso_account_id = 111111111111\nsso_role_name = Admin\ncli_read_timeout = soon\n`,
    )
    expect(() => resolveCredentialsTarget(bad.files, { from: 'profile', profile: 'typo' }, bad)).toThrow(
      /cli_read_timeout in \[profile typo\] of .* must be a number of seconds/,
    )
  })

  it('resolves a legacy profile (no sso-session): no scopes, cached by start URL', async () => {
    const config = `[profile legacy]\nsso_start_url = ${START}\nsso_region = eu-central-1\nsso_account_id = 222222222222\nsso_role_name = ReadOnly\n`
    const { files, env } = await resolve(config, { AWS_PROFILE: 'legacy' })
    const target = resolveCredentialsTarget(files, { from: 'profile' }, { env })
    expect(target).toMatchObject({ kind: 'legacy', profileName: 'legacy', ssoRegion: 'eu-central-1' })
    expect(target.sessionName).toBeUndefined()
    expect(target.registrationScopes).toBeUndefined()
  })

  it('treats [default] and [profile default] as the default profile', async () => {
    for (const header of ['[default]', '[profile default]']) {
      const config = `${header}\nsso_start_url = ${START}\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = R\n`
      const { files, env } = await resolve(config)
      expect(resolveCredentialsTarget(files, { from: 'profile' }, { env }).profileName).toBe('default')
    }
  })

  it('merges the credentials file over the config file, key by key', async () => {
    const { files, env } = await resolve(CLI_WRITTEN, {}, '[dev]\nregion = ap-south-1\n')
    const target = resolveCredentialsTarget(files, { from: 'profile', profile: 'dev' }, { env })
    expect(target.region).toBe('ap-south-1')
    expect(target.accountId).toBe('111111111111')
  })

  it('parses sso_registration_scopes: comma split, trimmed, empties dropped', async () => {
    const config = CLI_WRITTEN.replace(
      'sso_registration_scopes = sso:account:access',
      'sso_registration_scopes = sso:account:access , ,codewhisperer:completions,',
    )
    const { files, env } = await resolve(config)
    expect(
      resolveLoginTarget(files, { from: 'profile', profile: 'dev' }, { env }).registrationScopes,
    ).toEqual(['sso:account:access', 'codewhisperer:completions'])
  })

  it('a login target needs only the start URL and region; credentials also need account and role', async () => {
    const config = `[profile login-only]\nsso_session = s\n[sso-session s]\nsso_start_url = ${START}\nsso_region = us-east-1\n`
    const { files, env } = await resolve(config)
    const request = { from: 'profile', profile: 'login-only' } as const
    expect(resolveLoginTarget(files, request, { env })).toMatchObject({ kind: 'session', sessionName: 's' })
    const error = await idcErrorOf(() => resolveCredentialsTarget(files, request, { env }))
    expect(error.code).toBe('config-invalid')
    expect(error.message).toContain(
      'The profile "login-only" is configured to use SSO but is missing required configuration: sso_role_name, sso_account_id',
    )
    // Account and role given directly complete it.
    const target = resolveCredentialsTarget(
      files,
      { ...request, accountId: '333333333333', roleName: 'Dev' },
      { env },
    )
    expect(target).toMatchObject({ accountId: '333333333333', roleName: 'Dev', sessionName: 's' })
  })

  it('login from a profile with sso_session uses the session values only, as `aws sso login`', async () => {
    const config = CLI_WRITTEN.replace('sso_session = my-sso', 'sso_session = my-sso\nsso_region = eu-west-1')
    const { files, env } = await resolve(config)
    expect(resolveLoginTarget(files, { from: 'profile', profile: 'dev' }, { env }).ssoRegion).toBe(
      'us-east-1',
    )
  })

  it('resolves an sso-session by name and plain values', async () => {
    const { files, env } = await resolve(CLI_WRITTEN)
    expect(resolveLoginTarget(files, { from: 'sso-session', sessionName: 'my-sso' }, { env })).toMatchObject({
      kind: 'session',
      sessionName: 'my-sso',
      startUrl: START,
      source: { section: '[sso-session my-sso]' },
    })
    const values = {
      from: 'values',
      startUrl: START,
      ssoRegion: 'us-east-1',
      accountId: '111111111111',
      roleName: 'R',
    } as const
    const plain = resolveCredentialsTarget(files, values, { env })
    expect(plain.kind).toBe('legacy')
    expect(plain.source.section).toBeUndefined()
    expect(resolveCredentialsTarget(files, { ...values, sessionName: 'ci' }, { env })).toMatchObject({
      kind: 'session',
      sessionName: 'ci',
    })
  })

  it('ignores an inline comment or odd line in a section it does not use', async () => {
    const config = `${CLI_WRITTEN}\n[profile other]\nregion = us-east-1 # comment\nFOO: bar\n`
    const { files, env } = await resolve(config)
    expect(resolveCredentialsTarget(files, { from: 'profile', profile: 'dev' }, { env }).roleName).toBe(
      'Admin',
    )
  })
})

describe('endpoint overrides (docs/reference.md#endpoints)', () => {
  const withServices = `${CLI_WRITTEN}
[profile emu]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = Admin
services = local
endpoint_url = http://127.0.0.1:9000

[services local]
sso =
  endpoint_url = http://127.0.0.1:9001
sso_oidc =
  endpoint_url = http://127.0.0.1:9002
`
  const endpoints = async (config: string, env: Record<string, string>, profile = 'emu') => {
    const { files, env: all } = await resolve(config, env)
    return resolveCredentialsTarget(files, { from: 'profile', profile }, { env: all }).endpoints
  }

  it('applies service env, then global env, then the services section, then endpoint_url', async () => {
    const both = {
      AWS_ENDPOINT_URL_SSO: 'http://s',
      AWS_ENDPOINT_URL_SSO_OIDC: 'http://o',
      AWS_ENDPOINT_URL: 'http://g',
    }
    expect(await endpoints(withServices, both)).toEqual({ sso: 'http://s', ssoOidc: 'http://o' })
    expect(
      await endpoints(withServices, { AWS_ENDPOINT_URL_SSO: 'http://s', AWS_ENDPOINT_URL: 'http://g' }),
    ).toEqual({
      sso: 'http://s',
      ssoOidc: 'http://g',
    })
    expect(await endpoints(withServices, {})).toEqual({
      sso: 'http://127.0.0.1:9001',
      ssoOidc: 'http://127.0.0.1:9002',
    })
    const onlySso = withServices.replace('sso_oidc =\n  endpoint_url = http://127.0.0.1:9002\n', '')
    expect(await endpoints(onlySso, {})).toEqual({
      sso: 'http://127.0.0.1:9001',
      ssoOidc: 'http://127.0.0.1:9000',
    })
    expect(await endpoints(CLI_WRITTEN, {}, 'dev')).toEqual({ sso: undefined, ssoOidc: undefined })
  })

  it('ignores every override when told to, by env or by the profile', async () => {
    const env = { AWS_ENDPOINT_URL: 'http://g', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }
    expect(await endpoints(withServices, env)).toEqual({})
    const ignoring = withServices.replace(
      'services = local',
      'services = local\nignore_configured_endpoint_urls = true',
    )
    expect(await endpoints(ignoring, {})).toEqual({})
    expect(await endpoints(ignoring, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' })).toEqual({
      sso: 'http://127.0.0.1:9001',
      ssoOidc: 'http://127.0.0.1:9002',
    })
  })

  it('does not look at a missing services section when the environment decides', async () => {
    const broken = withServices.replace('[services local]', '[services other]')
    expect(await endpoints(broken, { AWS_ENDPOINT_URL: 'http://g' })).toEqual({
      sso: 'http://g',
      ssoOidc: 'http://g',
    })
  })

  it('uses the AWS_PROFILE (or default) profile for sso-session and plain-value targets', async () => {
    const { files, env } = await resolve(withServices, { AWS_PROFILE: 'emu' })
    expect(
      resolveLoginTarget(files, { from: 'sso-session', sessionName: 'my-sso' }, { env }).endpoints,
    ).toEqual({
      sso: 'http://127.0.0.1:9001',
      ssoOidc: 'http://127.0.0.1:9002',
    })
  })
})

describe.skipIf(!hasBotocore && !process.env.CI)('agreement with the real botocore SSOProvider', () => {
  const cases: [string, string][] = [
    ['valid session', CLI_WRITTEN],
    ['missing session', CLI_WRITTEN.replace('[sso-session my-sso]', '[sso-session other]')],
    [
      'inconsistent',
      CLI_WRITTEN.replace('sso_session = my-sso', 'sso_session = my-sso\nsso_region = eu-west-1'),
    ],
    [
      'missing keys',
      CLI_WRITTEN.replace('sso_account_id = 111111111111\n', '').replace('sso_region = us-east-1\n', ''),
    ],
    ['legacy missing', `[profile dev]\nsso_account_id = 111111111111\n`],
  ]
  for (const [name, config] of cases) {
    it(`${name}: our message contains botocore's`, async () => {
      const { home, files, env } = await resolve(config)
      const botocore = botocoreSsoConfig(home.configFile, home.credentialsFile, 'dev') as {
        config?: unknown
        error?: string
      }
      const run = () => resolveCredentialsTarget(files, { from: 'profile', profile: 'dev' }, { env })
      if (botocore.error === undefined) {
        expect(run().accountId).toBe('111111111111')
      } else {
        const error = await idcErrorOf(run)
        expect(error.message).toContain(botocore.error)
        expect(error.message).toContain(home.configFile)
        expect(error.hint).toBeTruthy()
      }
    })
  }
})

import { execFile, spawnSync } from 'node:child_process'
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type Sandbox, sandbox } from '../../test/session/harness.js'
import { sha1Hex } from '../cache/hash.js'
import { resolveRoleChain } from '../config/chain.js'
import { loadConfigFiles } from '../config/config-files.js'
import { IdcError } from '../errors.js'
import { getCredentials } from '../session/credentials.js'
import { login } from '../session/login.js'
import type { Credentials } from '../types.js'
import { getWarmCredentials } from '../warm.js'
import { assumeRoleCacheFile, assumeRoleCacheKeyText } from './assume-role-cache.js'

const run = promisify(execFile)
const SHIM_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'aws-cli-shim')
const AWS_V2 = '/usr/bin/aws'
// Debian's AWS CLI v2 (scripts/install-test-tools.sh installs it); skipped where /usr/bin/aws is not a v2.
const HAVE_AWS_V2 = /^aws-cli\/2\./.test(spawnSync(AWS_V2, ['--version'], { encoding: 'utf8' }).stdout ?? '')
// botocore: any version computes cache keys; resolving against the emulator needs AWS_ENDPOINT_URL (>= 1.31).
const BOTOCORE = spawnSync('python3', ['-c', 'import botocore; print(botocore.__version__)'], {
  encoding: 'utf8',
})
const HAVE_BOTOCORE = BOTOCORE.status === 0
const [major = 0, minor = 0] = (BOTOCORE.stdout ?? '').trim().split('.').map(Number)
const BOTOCORE_ENDPOINTS = HAVE_BOTOCORE && (major > 1 || minor >= 31)
if (!HAVE_AWS_V2 || !BOTOCORE_ENDPOINTS)
  console.warn(
    `chain.int.test.ts: ${HAVE_AWS_V2 ? '' : 'no AWS CLI v2 at /usr/bin/aws (scripts/install-test-tools.sh); '}${BOTOCORE_ENDPOINTS ? '' : 'no botocore >= 1.31; '}those interop tests are skipped`,
  )

const CHAIN_CONFIG = `[sso-session my-sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = eu-west-1

# one link: dev -> org
[profile org]
role_arn = arn:aws:iam::222222222222:role/OrganizationAccountAccessRole
source_profile = dev
role_session_name = alice

# two links: dev -> org -> prod
[profile prod]
role_arn = arn:aws:iam::333333333333:role/OrganizationAccountAccessRole
source_profile = org
duration_seconds = 3000

# The same chain from a legacy SSO profile: Debian's AWS CLI 2.9 cannot chain from an
# sso-session profile ('NoneType' object has no attribute 'get_frozen_token', fixed in later 2.x).
[profile legacy]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111111111111
sso_role_name = ReadOnly

[profile org-legacy]
role_arn = arn:aws:iam::222222222222:role/OrganizationAccountAccessRole
source_profile = legacy
role_session_name = alice-legacy

[profile prod-legacy]
role_arn = arn:aws:iam::333333333333:role/OrganizationAccountAccessRole
source_profile = org-legacy
region = us-east-1

[profile loop-a]
role_arn = arn:aws:iam::222222222222:role/OrganizationAccountAccessRole
source_profile = loop-b

[profile loop-b]
role_arn = arn:aws:iam::222222222222:role/OrganizationAccountAccessRole
source_profile = loop-a

[profile orphan]
role_arn = arn:aws:iam::222222222222:role/OrganizationAccountAccessRole
source_profile = nowhere

[profile denied]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = dev

[profile too-long]
role_arn = arn:aws:iam::222222222222:role/OrganizationAccountAccessRole
source_profile = dev
duration_seconds = 7200
`

let box: Sandbox
beforeAll(async () => {
  box = await sandbox({}, CHAIN_CONFIG)
  await login(
    { from: 'profile', profile: 'dev' },
    { env: box.env, onAuthorizeUrl: async (u) => void (await fetch(u)) },
  )
  await login(
    { from: 'profile', profile: 'legacy' },
    { env: box.env, onVerification: async (v) => void (await fetch(v.verificationUriComplete)) },
  )
})
afterAll(() => box.cleanup())
beforeEach(async () => {
  box.emu.controls.calls.reset()
  await rm(join(box.home, '.aws', 'cli', 'cache'), { recursive: true, force: true })
})

const calls = (op: string) => box.emu.controls.calls.count(op)

async function callerArn(c: Credentials): Promise<string> {
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint: box.emu.url,
    credentials: {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
    },
  })
  return (await sts.send(new GetCallerIdentityCommand({}))).Arn!
}

async function python(script: string, env: Record<string, string> = box.env): Promise<string> {
  const { stdout } = await run('python3', ['-c', script], { env })
  return stdout.trim()
}

describe('chained-role profiles', () => {
  it('two links deep: AssumeRole twice, credentials STS accepts as the chained role, then served from the cache', async () => {
    const first = await getCredentials({ from: 'profile', profile: 'prod' }, { env: box.env })
    expect(first.source).toBe('sts')
    expect(first.target).toMatchObject({
      profileName: 'prod',
      accountId: '333333333333',
      roleName: 'OrganizationAccountAccessRole',
      region: 'eu-west-1',
    })
    expect(first.chain).toEqual({
      roleArn: 'arn:aws:iam::333333333333:role/OrganizationAccountAccessRole',
      profiles: ['prod', 'org'],
      sourceProfile: 'dev',
    })
    expect(calls('AssumeRole')).toBe(2)
    expect(calls('GetRoleCredentials')).toBe(1)
    expect(await callerArn(first.credentials)).toMatch(
      /^arn:aws:sts::333333333333:assumed-role\/OrganizationAccountAccessRole\/aws-idc-\d+$/,
    )
    // duration_seconds = 3000 was sent
    expect(first.credentials.expiration!.getTime() - Date.now()).toBeLessThanOrEqual(3000_000)

    const again = await getCredentials({ from: 'profile', profile: 'prod' }, { env: box.env })
    expect(again.source).toBe('cache')
    expect(again.credentials.accessKeyId).toBe(first.credentials.accessKeyId)
    const warm = await getWarmCredentials({ from: 'profile', profile: 'prod' }, { env: box.env })
    expect(warm?.credentials.accessKeyId).toBe(first.credentials.accessKeyId)
    expect(calls('AssumeRole')).toBe(2)
    // The lower link is cached too: the one-link profile needs no call.
    const org = await getCredentials({ from: 'profile', profile: 'org' }, { env: box.env })
    expect(org.source).toBe('cache')
    expect(await callerArn(org.credentials)).toBe(
      'arn:aws:sts::222222222222:assumed-role/OrganizationAccountAccessRole/alice',
    )
    expect(calls('AssumeRole')).toBe(2)
  })

  it.skipIf(!HAVE_BOTOCORE && !process.env.CI)(
    'names the cache file exactly as botocore does (AssumeRoleCredentialFetcher._create_cache_key)',
    async () => {
      const files = await loadConfigFiles({ env: box.env })
      for (const profile of ['org', 'prod']) {
        const chain = resolveRoleChain(files, { profile }, box.env)!
        const link = chain.links[0]!
        const extra: Record<string, unknown> = {}
        if (link.roleSessionName) extra.RoleSessionName = link.roleSessionName
        if (link.durationSeconds) extra.DurationSeconds = link.durationSeconds
        const key = await python(
          `import json; from botocore.credentials import AssumeRoleCredentialFetcher as F\n` +
            `f = F(None, None, ${JSON.stringify(link.roleArn)}, extra_args=json.loads(${JSON.stringify(JSON.stringify(extra))}))\n` +
            `print(f._cache_key)`,
        )
        expect(`${key}.json`).toBe(assumeRoleCacheFile(box.home, link).split('/').pop())
        expect(sha1Hex(assumeRoleCacheKeyText(link))).toBe(key)
      }
    },
  )

  it.skipIf(!BOTOCORE_ENDPOINTS && !process.env.CI)(
    'botocore resolves the same profile against the emulator to the same role',
    async () => {
      const arn = await python(
        `import botocore.session\n` +
          `s = botocore.session.Session(profile='prod')\n` +
          `c = s.get_credentials()\n` +
          `print(s.create_client('sts', region_name='us-east-1').get_caller_identity()['Arn'])`,
        // botocore's AssumeRole client takes the region of the profile asked for (prod has none); aws-idc
        // falls back along the chain.
        { ...box.env, AWS_DEFAULT_REGION: 'us-east-1' },
      )
      expect(arn).toMatch(
        /^arn:aws:sts::333333333333:assumed-role\/OrganizationAccountAccessRole\/botocore-session-\d+$/,
      )
      expect(calls('AssumeRole')).toBe(2)
    },
  )

  describe.skipIf(!HAVE_AWS_V2 && !process.env.CI)('with the AWS CLI v2 (/usr/bin/aws)', () => {
    /** The AWS CLI 2.9 with a config file that loads the endpoint shim (it predates AWS_ENDPOINT_URL). */
    async function awsCli(...args: string[]) {
      const config = join(box.home, '.aws', 'config-with-shim')
      const original = await readFile(box.configFile, 'utf8')
      await writeFile(
        config,
        `${original}\n[plugins]\ncli_legacy_plugin_path = ${SHIM_DIR}\nidc_endpoint_shim = idc_endpoint_shim\n`,
      )
      const { stdout } = await run(AWS_V2, args, { env: { ...box.env, AWS_CONFIG_FILE: config } })
      return stdout
    }

    it('uses our cached assume-role result without calling AssumeRole', async () => {
      const ours = await getCredentials({ from: 'profile', profile: 'prod' }, { env: box.env })
      expect(calls('AssumeRole')).toBe(2)
      const out = JSON.parse(await awsCli('configure', 'export-credentials', '--profile', 'prod'))
      expect(out.AccessKeyId).toBe(ours.credentials.accessKeyId)
      expect(out.SessionToken).toBe(ours.credentials.sessionToken)
      expect(calls('AssumeRole')).toBe(2)
    })

    it('and we use what it cached', async () => {
      const out = JSON.parse(await awsCli('configure', 'export-credentials', '--profile', 'prod-legacy'))
      expect(calls('AssumeRole')).toBe(2)
      // The CLI cached both links under the names we derive (it keeps a source profile's SSO role
      // credentials in memory only).
      const names = (await readdir(join(box.home, '.aws', 'cli', 'cache'))).filter((n) => n.endsWith('.json'))
      const files = await loadConfigFiles({ env: box.env })
      const links = resolveRoleChain(files, { profile: 'prod-legacy' }, box.env)!.links
      expect(names.sort()).toEqual(links.map((l) => assumeRoleCacheFile(box.home, l).split('/').pop()).sort())
      const ours = await getWarmCredentials({ from: 'profile', profile: 'prod-legacy' }, { env: box.env })
      expect(ours?.credentials.accessKeyId).toBe(out.AccessKeyId)
      const full = await getCredentials({ from: 'profile', profile: 'prod-legacy' }, { env: box.env })
      expect(full.source).toBe('cache')
      expect(calls('AssumeRole')).toBe(2)
      expect(await callerArn(full.credentials)).toMatch(
        /^arn:aws:sts::333333333333:assumed-role\/OrganizationAccountAccessRole\/botocore-session-\d+$/,
      )
    })
  })
})

describe('signing in for a chained profile', () => {
  it('login with the chained profile signs in to its IAM Identity Center source', async () => {
    const res = await login({ from: 'profile', profile: 'prod' }, { env: box.env })
    expect(res.reused).toBe(true)
    expect(res.target.profileName).toBe('dev')
  })

  it('not signed in: token-missing with the sign-in hint, nothing written', async () => {
    const fresh = await sandbox({}, CHAIN_CONFIG)
    try {
      const before = await fresh.snapshot()
      const error = await getCredentials({ from: 'profile', profile: 'prod' }, { env: fresh.env }).catch(
        (e) => e,
      )
      expect(IdcError.is(error) && error.code).toBe('token-missing')
      expect((error as IdcError).hint).toContain('aws-idc login --profile dev')
      expect(await fresh.snapshot()).toEqual(before)
    } finally {
      await fresh.cleanup()
    }
  })
})

describe('chained-role errors: one line, a hint, nothing written', () => {
  async function failure(profile: string): Promise<IdcError> {
    // The SSO profile's own credentials may be cached before; the failing call must add nothing.
    await getCredentials({ from: 'profile', profile: 'dev' }, { env: box.env })
    const before = await box.snapshot()
    let error: unknown
    try {
      await getCredentials({ from: 'profile', profile }, { env: box.env })
    } catch (e) {
      error = e
    }
    expect(IdcError.is(error)).toBe(true)
    const e = error as IdcError
    expect(e.message).not.toContain('\n')
    expect(e.hint).toBeTruthy()
    expect(e.hint).not.toContain('\n')
    expect(await box.snapshot()).toEqual(before)
    // The warm path fails the same way (configuration errors) or declines (AccessDenied).
    return e
  }

  it('a loop names the profiles', async () => {
    const e = await failure('loop-a')
    expect(e.code).toBe('config-invalid')
    expect(e.message).toContain('loop-a -> loop-b -> loop-a')
    expect(e.hint).toContain('source_profile')
  })

  it('a missing source profile names it and where it is referenced', async () => {
    const e = await failure('orphan')
    expect(e.code).toBe('profile-not-found')
    expect(e.message).toContain(
      'The source_profile "nowhere" referenced in the profile "orphan" does not exist',
    )
    expect(e.hint).toContain('aws-idc configure --profile nowhere')
  })

  it('AccessDenied names the role and the source', async () => {
    const e = await failure('denied')
    expect(e.code).toBe('forbidden')
    expect(e.message).toContain('arn:aws:iam::222222222222:role/Admin')
    expect(e.message).toContain('profile denied')
    expect(e.message).toContain('ReadOnly in account 111111111111 (profile dev)')
    expect(e.hint).toContain('trust policy')
    expect(calls('AssumeRole')).toBe(1)
  })

  it('more than an hour explains the limit of chained sessions, without calling STS', async () => {
    const e = await failure('too-long')
    expect(e.code).toBe('config-invalid')
    expect(e.message).toContain('duration_seconds = 7200')
    expect(e.message).toContain('1 hour')
    expect(e.hint).toContain('3600')
    expect(calls('AssumeRole')).toBe(0)
  })
})

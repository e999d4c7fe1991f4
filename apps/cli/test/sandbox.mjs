// A signed-in aws-idc world for the CLI's end-to-end tests (fast-path, e2e-chain):
// @idc/emulator started in-process, a temporary HOME whose ~/.aws/config has an [sso-session] and a
// [profile dev] pointing at the emulator's first account and role, and the environment that points
// every child process at both (AWS_ENDPOINT_URL, AWS_CONFIG_FILE, HOME, XDG_*).
// Nothing here touches the real ~/.aws.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getCredentials, login } from '@idc/core'
import { startEmulator } from '@idc/emulator'
import { sandboxEnv } from '@idc/emulator/testing'

export const PROFILE = 'dev'
export const SESSION = 'my-sso'
/** A chained-role profile (role_arn + source_profile = dev): its warm path reads the assume-role cache. */
export const CHAINED_PROFILE = 'dev-chained'

/** The emulator's first user's first account and role. */
function firstRole(fixture) {
  const [accountId, roles] = Object.entries(fixture.users[0]?.roles ?? {})[0] ?? []
  if (!accountId || !roles?.[0]) throw new Error('the emulator fixture assigns no role to its first user')
  return { accountId, roleName: roles[0] }
}

export function configText({ startUrl, region, accountId, roleName }) {
  return `[sso-session ${SESSION}]
sso_start_url = ${startUrl}
sso_region = ${region}
sso_registration_scopes = sso:account:access

[profile ${PROFILE}]
sso_session = ${SESSION}
sso_account_id = ${accountId}
sso_role_name = ${roleName}
region = eu-west-1

[profile ${CHAINED_PROFILE}]
role_arn = arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole
source_profile = ${PROFILE}
`
}

/**
 * @typedef {object} Sandbox
 * @property {import('@idc/emulator').RunningEmulator} emu
 * @property {string} home
 * @property {string} configFile
 * @property {Record<string, string>} env  HOME, XDG_*, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_ENDPOINT_URL
 * @property {string} profile
 * @property {string} sessionName
 * @property {string} accountId
 * @property {string} roleName
 * @property {() => Promise<unknown>} login  PKCE sign-in (the emulator auto-approves)
 * @property {() => Promise<import('@idc/core').CredentialsResult>} warm  getCredentials() once: fills the role cache
 * @property {() => Promise<void>} teardown
 */

/**
 * @param {{ emulator?: import('@idc/emulator').EmulatorOptions, config?: string }} [options]
 * @returns {Promise<Sandbox>}
 */
export async function startSandbox(options = {}) {
  const emu = await startEmulator({ autoApprove: true, autoApproveAfterPolls: 0, ...options.emulator })
  const { accountId, roleName } = firstRole(emu.fixture)
  const home = await mkdtemp(join(tmpdir(), 'aws-idc-e2e-'))
  await mkdir(join(home, '.aws'), { recursive: true })
  const configFile = join(home, '.aws', 'config')
  await writeFile(
    configFile,
    options.config ?? configText({ startUrl: emu.startUrl, region: emu.region, accountId, roleName }),
  )
  // The sandbox's HOME, XDG_* and AWS_* (configFile is its AWS_CONFIG_FILE). Not its PATH or its
  // SDK-warning switch: the tests put this over isolatedEnv, and the launcher must quiet that
  // warning itself.
  const env = sandboxEnv(home, {
    endpoint: emu.url,
    env: { PATH: undefined, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined },
  })
  const request = { from: 'profile', profile: PROFILE }
  return {
    emu,
    home,
    configFile,
    env,
    profile: PROFILE,
    sessionName: SESSION,
    accountId,
    roleName,
    login: () =>
      login(request, {
        env,
        // Stand-in for the browser: the emulator approves and redirects to the loopback listener.
        onAuthorizeUrl: async (url) => void (await fetch(url)),
      }),
    warm: () => getCredentials(request, { env }),
    teardown: async () => {
      await emu.stop()
      await rm(home, { recursive: true, force: true })
    },
  }
}

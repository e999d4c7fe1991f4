import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '@idc/emulator'

export interface Sandbox {
  emu: RunningEmulator
  home: string
  configFile: string
  env: Record<string, string>
  /** Every file under HOME with its bytes, to prove a failure changed nothing. */
  snapshot(): Promise<Map<string, string>>
  cleanup(): Promise<void>
}

export const SESSION_CONFIG = `# written by hand, with a comment
[default]
region = eu-west-1

[sso-session my-sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = eu-west-1

[profile dev-admin]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = AdministratorAccess

[profile legacy]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_account_id = 222222222222
sso_role_name = ReadOnly

[profile staging-admin]
sso_session = my-sso
sso_account_id = 222222222222
sso_role_name = AdministratorAccess

# Not assigned in the emulator's default fixture: GetRoleCredentials is forbidden.
[profile prod-admin]
sso_session = my-sso
sso_account_id = 333333333333
sso_role_name = AdministratorAccess
`

/** An emulator plus a temporary HOME with ~/.aws/config, and the env that points every client at both. */
export async function sandbox(options: EmulatorOptions = {}, config = SESSION_CONFIG): Promise<Sandbox> {
  const emu = await startEmulator({ autoApprove: true, autoApproveAfterPolls: 0, ...options })
  const home = await mkdtemp(join(tmpdir(), 'idc-session-'))
  await mkdir(join(home, '.aws'), { recursive: true })
  const configFile = join(home, '.aws', 'config')
  await writeFile(configFile, config)
  const env = {
    HOME: home,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    AWS_ENDPOINT_URL: emu.url,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  }
  async function walk(dir: string, out: Map<string, string>): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) await walk(path, out)
      else out.set(path, await readFile(path, 'utf8'))
    }
  }
  return {
    emu,
    home,
    configFile,
    env,
    snapshot: async () => {
      const out = new Map<string, string>()
      await walk(home, out)
      return out
    },
    cleanup: async () => {
      await emu.stop()
      await rm(home, { recursive: true, force: true })
    },
  }
}

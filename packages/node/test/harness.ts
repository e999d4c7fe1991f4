import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '@idc/emulator'

export interface Sandbox {
  emu: RunningEmulator
  home: string
  /** Points every client at the emulator and the temporary HOME; pass as `env`. */
  env: Record<string, string>
  cleanup(): Promise<void>
}

export const CONFIG = `[default]
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

[profile legacy]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_account_id = 222222222222
sso_role_name = ReadOnly
`

/** An emulator (auto-approving sign-ins) and a temporary HOME with ~/.aws/config. */
export async function sandbox(options: EmulatorOptions = {}): Promise<Sandbox> {
  const emu = await startEmulator({ autoApprove: true, autoApproveAfterPolls: 0, ...options })
  const home = await mkdtemp(join(tmpdir(), 'idc-node-'))
  await mkdir(join(home, '.aws'), { recursive: true })
  await writeFile(join(home, '.aws', 'config'), CONFIG)
  const env = {
    HOME: home,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    AWS_ENDPOINT_URL: emu.url,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    // The SDK warns on Node < 22 (printed once per process); keep test output clean.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  }
  return {
    emu,
    home,
    env,
    cleanup: async () => {
      await emu.stop()
      await rm(home, { recursive: true, force: true })
    },
  }
}

/** Stand-in for a browser: the emulator auto-approves and redirects to the loopback listener. */
export const openInBrowser = async (url: string): Promise<void> => {
  await fetch(url)
}

import type { EmulatorOptions } from '@idc/emulator'
import { createSandbox, type Sandbox } from '@idc/emulator/testing'

export type { Sandbox }

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
export function sandbox(options: EmulatorOptions = {}): Promise<Sandbox> {
  return createSandbox({ config: CONFIG, emulator: options, prefix: 'idc-node-' })
}

/** Stand-in for a browser: the emulator auto-approves and redirects to the loopback listener. */
export const openInBrowser = async (url: string): Promise<void> => {
  await fetch(url)
}

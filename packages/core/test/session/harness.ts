import type { EmulatorOptions } from '@idc/emulator'
import { createSandbox, type Sandbox } from '@idc/emulator/testing'

export type { Sandbox }

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
export function sandbox(options: EmulatorOptions = {}, config = SESSION_CONFIG): Promise<Sandbox> {
  return createSandbox({ config, emulator: options, prefix: 'idc-session-' })
}

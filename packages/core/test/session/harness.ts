import type { EmulatorOptions } from '@idc/emulator'
import { createSandbox, DEFAULT_CONFIG, DEV_ADMIN_PROFILE, type Sandbox } from '@idc/emulator/testing'

export type { Sandbox }

/** The shared config, plus a profile per fixture role (and one the fixture does not assign). */
export const SESSION_CONFIG = `# written by hand, with a comment
${DEFAULT_CONFIG}${DEV_ADMIN_PROFILE}
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

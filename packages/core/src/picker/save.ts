import { configPaths } from '../config/paths.js'
import { type EditResult, writeSection } from '../config/write.js'
import { envOf } from '../session/context.js'
import type { SessionContext } from '../session/types.js'
import type { PickerChoice } from './choices.js'

/**
 * Saves a picked account and role as `[profile name]` in the AWS config file, the way
 * `aws configure sso` writes it (sso_session, or sso_start_url + sso_region for legacy sessions),
 * under the file's lock (writeSection takes it) and keeping every other byte.
 */
export async function saveChoiceAsProfile(
  choice: PickerChoice,
  name: string,
  ctx: SessionContext = {},
): Promise<EditResult> {
  const { configFile } = configPaths(envOf(ctx), ctx.homedir)
  const values: Record<string, string> =
    choice.kind === 'session'
      ? { sso_session: choice.session }
      : { sso_start_url: choice.startUrl, sso_region: choice.ssoRegion }
  return writeSection(
    configFile,
    { file: 'config', type: 'profile', name },
    { ...values, sso_account_id: choice.accountId, sso_role_name: choice.roleName },
  )
}

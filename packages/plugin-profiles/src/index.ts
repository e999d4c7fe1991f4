/** @idc/plugin-profiles: an oclif plugin (commands in ./commands). */
export type { AccountJson } from './commands/accounts.js'
export type { ConfigureJson } from './commands/configure.js'
export type { CheckJson, CheckStatus, DoctorJson } from './commands/doctor.js'
export { DEFAULT_CONCURRENCY, type PopulateJson } from './commands/populate.js'
export type { RoleJson } from './commands/roles.js'
export { setValues } from './lib/config-edit.js'
export {
  checkTemplate,
  DEFAULT_TEMPLATE,
  type ExistingProfile,
  MARKER_KEY,
  type PlannedChange,
  type PopulatePlan,
  type ProfileValues,
  planDiff,
  planPopulate,
  profileName,
  TEMPLATE_VARIABLES,
} from './lib/populate-plan.js'

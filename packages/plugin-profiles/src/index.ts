/** @idc/plugin-profiles: an oclif plugin (commands in ./commands). */
export type { AccountJson } from './commands/accounts.js'
export type { ConfigureJson } from './commands/configure.js'
export type { CheckJson, DoctorJson } from './commands/doctor.js'
export type { PopulateJson } from './commands/populate.js'
export type { RoleJson } from './commands/roles.js'
export {
  DEFAULT_TEMPLATE,
  type ExistingProfile,
  type PopulatePlan,
  planDiff,
  planPopulate,
  profileName,
} from './lib/populate-plan.js'

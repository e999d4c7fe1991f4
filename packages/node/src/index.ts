// @idc/node: AWS IAM Identity Center credentials for Node.js. Importing this module loads no AWS
// SDK code and touches no file; work starts when a function (or a provider) is called.
export type {
  Account,
  AccountRole,
  AccountWithRoles,
  DeviceVerification,
  Env,
  IdcErrorCode,
  WaitProgress,
} from '@idc/core'
export { IdcError } from '@idc/core'
export type { IdentityCenterCredentials } from './identity.js'
export { DEFAULT_REFRESH_WINDOW_MS, type IdentityProperties } from './memoize.js'
export {
  type ListOptions,
  type LoginOptions,
  type LoginResult,
  type LogoutOptions,
  type LogoutResult,
  listAccounts,
  listAccountsAndRoles,
  listRoles,
  login,
  logout,
} from './operations.js'
export type {
  AutoSignInOptions,
  ContextOptions,
  ProfileTarget,
  SignInCallbacks,
  SignInFlow,
  SsoSessionTarget,
  StartUrlTarget,
  TargetOptions,
} from './options.js'
export {
  type FromIdentityCenterOptions,
  fromIdentityCenter,
  type GetCredentialsOptions,
  getCredentials,
  type IdentityCenterCredentialProvider,
} from './provider.js'

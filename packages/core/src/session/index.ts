export { assertAccountAllowed, parseAllowedAccountIds } from './allowed-accounts.js'
export {
  type BearerToken,
  type CiDeviceOptions,
  type CiSecrets,
  type CiSignIn,
  ciLoginCommandFor,
  credentialsWithAccessToken,
  signInForCi,
  signInWithDeviceCode,
  tokenFromCiSecrets,
} from './ci.js'
export { describeTarget, loginCommandFor, targetArgsFor, tokenKeyOf } from './context.js'
export { type GetCredentialsOptions, getCredentials, getCredentialsForTarget } from './credentials.js'
export { login } from './login.js'
export { logout } from './logout.js'
export {
  DEFAULT_LISTING_CONCURRENCY,
  type ListOptions,
  listAccounts,
  listAccountsAndRoles,
  listRoles,
  resolveAccountId,
  withAccountId,
} from './portal-ops.js'
export { resolveCredentials, resolveTarget } from './resolve.js'
export { listSessions } from './sessions.js'
export { getToken, loadTargetToken, tokenFileFor } from './token.js'
export {
  ciSecretsOf,
  ciSecretsWarning,
  type ExportedSession,
  exportSession,
  formatGithubSecrets,
  GITHUB_SECRET_NAMES,
  type ImportOptions,
  type ImportResult,
  importSession,
  type ParsedBundle,
  parseSessionBundle,
  SESSION_BUNDLE_FORMAT,
  SESSION_BUNDLE_VERSION,
  type SessionBundle,
  sessionRequestFor,
} from './transfer.js'
export type * from './types.js'

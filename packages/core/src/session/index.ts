export { describeTarget, loginCommandFor, tokenKeyOf } from './context.js'
export { type GetCredentialsOptions, getCredentials, getCredentialsForTarget } from './credentials.js'
export { login } from './login.js'
export { logout } from './logout.js'
export {
  type ListOptions,
  listAccounts,
  listAccountsAndRoles,
  listRoles,
  resolveAccountId,
} from './portal-ops.js'
export { type ResolveTargetOptions, resolveCredentials, resolveTarget } from './resolve.js'
export { listSessions } from './sessions.js'
export { getToken, loadTargetToken, tokenFileFor } from './token.js'
export type * from './types.js'

// @idc/core: the aws-idc engine. No oclif, no Actions code, and no AWS SDK module at import time
// (the SDK clients are imported lazily, only when a call to IAM Identity Center is needed).
export * from './aws-errors.js'
export * from './cache/index.js'
export * from './config/index.js'
export * from './errors.js'
export * from './format/index.js'
export {
  type AuthCodeFlowOptions,
  DEFAULT_AUTH_CODE_TIMEOUT_MS,
  runAuthCodeFlow,
} from './oidc/auth-code-flow.js'
export { type DeviceFlowOptions, runDeviceFlow } from './oidc/device-flow.js'
export { buildAuthorizeUrl, codeChallenge, createCodeVerifier } from './oidc/pkce.js'
export { type RefreshOptions, refreshAccessToken } from './oidc/refresh.js'
export { LOOPBACK_REDIRECT_URI, type RegisterOptions, registerClient } from './oidc/register.js'
export type { DeviceVerification, TokenGrant, WaitProgress } from './oidc/types.js'
export {
  type Account,
  type AccountRole,
  type AccountWithRoles,
  getRoleCredentials,
  listAccountRoles,
  listAccountsWithRoles,
  logout as portalLogout,
  type PortalCallOptions,
} from './portal/portal.js'
export { createLimiter, type RetryPolicy, withRetry } from './portal/retry.js'
export * from './rules/index.js'
export { createOidcClient, createPortalClient, oidcOrigin, type ServiceTarget } from './sdk/clients.js'
export * from './session/index.js'
export type * from './types.js'
export * from './warm.js'

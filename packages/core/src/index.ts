/*
 * @idc/core: the aws-idc engine. No oclif, no Actions code, and no AWS SDK module at import time
 * (the SDK clients are imported lazily, only when a call to IAM Identity Center is needed).
 *
 * This file is the deliberate public API: what adapters (the CLI plugins, @idc/node, the Action)
 * and users need. Everything else (parsers, serialisers, hashes, SDK client factories, flows'
 * building blocks) is internal and may change; `@idc/core/warm` and `@idc/core/format` are the
 * fast-path subsets. A test (test/public-api.test.ts) fails when another package reaches past it.
 */

export {
  type CheckValueOptions,
  checkKey,
  checkSectionName,
  checkSectionValues,
  checkValue,
  isPortableName,
  toPortableName,
} from '@idc/format/portable'
export { type AtomicWriteOptions, writeFileAtomic } from './cache/atomic-write.js'
export { LOCK_STALE_MS, LOCK_WAIT_MS, type LockOptions, lockPathFor, withLock } from './cache/lock.js'
// Caches shared with the AWS CLI: where they live and what is in them.
export { cliCacheDir, type HomeEnv, resolveHomeDir, ssoCacheDir } from './cache/paths.js'
export { type RefreshOnceOptions, type RefreshOnceResult, refreshOnce } from './cache/refresh-once.js'
export {
  type ClientRegistration,
  readRegistration,
  registrationFileName,
  registrationFilePath,
  type SignInFlow,
} from './cache/registration-cache.js'
export {
  type CachedRoleCredentials,
  deleteRoleCache,
  listRoleCacheFiles,
  type RoleCacheKey,
  readRoleCache,
  roleCacheFileName,
  roleCacheFilePath,
} from './cache/role-cache.js'
export {
  type CachedSsoToken,
  canRefresh,
  deleteToken,
  isUsable,
  listTokens,
  loadToken,
  needsRefresh,
  readToken,
  type SsoToken,
  type TokenFileEntry,
  type TokenRead,
  tokenFileName,
  tokenFilePath,
  writeToken,
} from './cache/token-cache.js'
export { REFRESH_WINDOW_MS } from './cache/windows.js'
// Shared files: reading, resolving, validating and editing ~/.aws/config and ~/.aws/credentials.
export {
  type ConfigFiles,
  getProfile,
  getServicesSection,
  getSsoSession,
  isConfigSsoProfile,
  isShadowedSsoProfile,
  type LoadConfigOptions,
  listProfiles,
  listSsoSessions,
  loadConfigFiles,
  type SectionReaders,
  sectionsIn,
  sectionsInText,
} from './config/config-files.js'
export type { ConfigSection, Setting } from './config/config-section.js'
export { resolveEndpoints } from './config/endpoints.js'
export {
  appendSections,
  removeSection,
  type SectionWrite,
  sectionHeader,
  setKey,
  unsetKey,
  upsertSection,
} from './config/ini-edit.js'
export type { IniFile } from './config/ini-file.js'
export { type ConfigPaths, configPaths, selectProfileName } from './config/paths.js'
export { type ResolveOptions, resolveCredentialsTarget, resolveLoginTarget } from './config/resolve.js'
export type { SdkSettings } from './config/sdk-settings.js'
export { hasSsoConfiguration, isSsoCredentialProfile } from './config/sso-profile.js'
// Network timeouts (cli_connect_timeout / cli_read_timeout, AWS_IDC_CLI_*_TIMEOUT, flags).
export {
  callBudgetMs,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_READ_TIMEOUT_MS,
  effectiveTimeouts,
  type NetworkTimeouts,
  parseSeconds,
  resolveTimeouts,
  TIMEOUT_ENV,
} from './config/timeouts.js'
export type {
  CredentialsTarget,
  Env,
  IniFileKind,
  ResolvedTarget,
  RoleChoice,
  SectionRef,
  SectionValues,
  SsoEndpoints,
  TargetRequest,
} from './config/types.js'
export { parseScopes } from './config/validate-values.js'
export {
  deleteSection,
  type EditResult,
  editIniFile,
  type SectionUndo,
  setSectionKey,
  undoSectionWrite,
  unsetSectionKey,
  writeSection,
  writeSectionUndoable,
} from './config/write.js'
// Errors.
export {
  IdcError,
  type IdcErrorCode,
  type IdcErrorOptions,
  needsSignIn,
  redactObject,
  redactText,
} from './errors.js'
// Output formats (also `@idc/core/format`).
export * from './format/index.js'
export { DEFAULT_AUTH_CODE_TIMEOUT_MS } from './oidc/auth-code-flow.js'
export type { DeviceVerification, TokenGrant, WaitProgress } from './oidc/types.js'
// The account/role picker's data: a cached listing and the most recently used.
export * from './picker/index.js'
export type { Account, AccountRole, AccountWithRoles } from './portal/portal.js'
// Rules adapters apply to names, regions, account ids (did-you-mean, known regions, natural order).
export * from './rules/index.js'
export { oidcOrigin, type RetryPolicy, type ServiceTarget } from './sdk/clients.js'
// The clock-skew rule (doctor measures with it; credentials and STS errors report with it).
export { describeSkew, MAX_CLOCK_SKEW_MS, measureClockSkew } from './sdk/server-clock.js'
// The local container-credentials endpoint (`aws-idc serve`, `exec --server`).
export * from './server/index.js'
export * from './session/index.js'
export { withSignInRetry } from './session/sign-in-retry.js'
// Role chaining (AssumeRole, cached as the AWS CLI caches it) and console sign-in.
export * from './sts/index.js'

export type { Credentials } from './types.js'

export { type AtomicWriteOptions, ensureDir, writeFileAtomic } from './atomic-write.js'
export { sha1Hex } from './hash.js'
export { LOCK_STALE_MS, LOCK_WAIT_MS, type LockOptions, lockPathFor, withLock } from './lock.js'
export { cliCacheDir, type HomeEnv, resolveHomeDir, ssoCacheDir } from './paths.js'
export {
  compareCodePoints,
  type PyJsonObject,
  type PyJsonOptions,
  type PyJsonValue,
  pythonJsonDumps,
} from './python-json.js'
export { type RefreshOnceOptions, type RefreshOnceResult, refreshOnce } from './refresh-once.js'
export {
  AUTH_CODE_GRANT_TYPES,
  type ClientRegistration,
  DEFAULT_AUTH_CODE_SCOPES,
  isRegistrationReusable,
  type RegistrationKey,
  readRegistration,
  registrationFileContents,
  registrationFileName,
  registrationFilePath,
  registrationForFlow,
  registrationKeyText,
  type SignInFlow,
  writeRegistration,
} from './registration-cache.js'
export {
  type CachedRoleCredentials,
  deleteRoleCache,
  isRoleCacheReusable,
  listRoleCacheFiles,
  type RoleCacheKey,
  readRoleCache,
  roleCacheFileContents,
  roleCacheFileName,
  roleCacheFilePath,
  roleCacheKeyText,
  writeRoleCache,
} from './role-cache.js'
export { createSingleFlight, type SingleFlight, singleFlight } from './single-flight.js'
export { formatIsoOffset, formatTimestamp, parseTimestamp, type TimestampSource } from './timestamps.js'
export {
  type CachedSsoToken,
  canRefresh,
  deleteToken,
  isUsable,
  listTokens,
  loadToken,
  needsRefresh,
  parseTokenData,
  readToken,
  type SsoToken,
  type TokenFileEntry,
  type TokenRead,
  tokenFileContents,
  tokenFileName,
  tokenFilePath,
  writeToken,
} from './token-cache.js'
export { msUntil, REFRESH_WINDOW_MS } from './windows.js'

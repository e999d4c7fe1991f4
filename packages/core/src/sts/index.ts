// Public surface of the sts module (re-exported from the package root).
export {
  type AssumedRole,
  assumeRoleCacheContents,
  assumeRoleCacheFile,
  assumeRoleCacheKeyText,
  readAssumeRoleCache,
} from './assume-role-cache.js'
export { type ChainedCredentialsOptions, getChainedCredentials } from './chain-credentials.js'
export { chainedResult, chainedTarget } from './chain-result.js'

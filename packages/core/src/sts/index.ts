// Public surface of the sts module (re-exported from the package root).
export {
  type AssumedRole,
  assumeRoleCacheContents,
  assumeRoleCacheFile,
  assumeRoleCacheKeyText,
  readAssumeRoleCache,
} from './assume-role-cache.js'
export { type CallerIdentity, clockSkewOf, getCallerIdentity, stsError } from './caller-identity.js'
export { type ChainedCredentialsOptions, getChainedCredentials } from './chain-credentials.js'
export { chainedResult, chainedTarget } from './chain-result.js'
export { type ConsoleOptions, type ConsoleSignIn, type ConsoleVia, consoleSignIn } from './console.js'
export {
  type ConsoleEndpoints,
  consoleDestination,
  consoleEndpoints,
  defaultRegionOf,
  federationLoginUrl,
  type Partition,
  partitionOfArn,
  partitionOfRegion,
  portalConsoleUrl,
  SIGNIN_ENDPOINT_VARIABLE,
} from './console-url.js'
export { getSigninToken, type SigninTokenOptions } from './federation.js'

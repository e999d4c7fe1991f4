/** @idc/plugin-creds: an oclif plugin (commands in ./commands); the fast path is `@idc/plugin-creds/fast`. */

export type { ConsoleJson } from './commands/console.js'
export type { WhoamiJson } from './commands/whoami.js'
export { FAST_VALUE_FLAGS, type FastCommand, parseFastArgv } from './lib/argv.js'
export { CLEARED_VARIABLES, childEnv } from './lib/child-env.js'
export { credentialsFor } from './lib/credentials.js'
export { type CredentialsJson, credentialsJson, renderCredentials } from './lib/output.js'

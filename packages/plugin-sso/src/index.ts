/** @idc/plugin-sso: an oclif plugin (commands in ./commands). */

// Moved to @idc/cli-kit (every command that signs in uses them); re-exported for existing users.
export { isHeadless, openBrowser } from '@idc/cli-kit'
export type { LoginJson } from './commands/login.js'
export type { LogoutJson } from './commands/logout.js'
export type { SessionJson } from './commands/sessions.js'

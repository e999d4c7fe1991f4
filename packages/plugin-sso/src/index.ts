/** @idc/plugin-sso: an oclif plugin (commands in ./commands). */
export type { LoginJson } from './commands/login.js'
export type { LogoutJson } from './commands/logout.js'
export type { SessionJson } from './commands/sessions.js'
// Moved to @idc/cli-kit (shared with `console`); re-exported for existing importers.
export { isHeadless, openBrowser } from '@idc/cli-kit'

/** @idc/plugin-sso: an oclif plugin (commands in ./commands). */
export type { LoginJson } from './commands/login.js'
export type { LogoutJson } from './commands/logout.js'
export type { SessionJson } from './commands/sessions.js'
export { openBrowser } from './lib/browser.js'
export { isHeadless } from './lib/headless.js'

export { type BaseArgs, BaseCommand, type BaseFlags, type CommandContext } from './base-command.js'
export { type ColorStream, painter, type Style, useColor } from './color.js'
export { describeExpiry, formatDuration } from './duration.js'
export {
  EXIT,
  EXIT_CODE_BY_ERROR,
  EXIT_CODES,
  type ExitCode,
  type ExitCodeName,
  exitCodeForErrorCode,
  exitCodesMarkdown,
  exitCodesText,
} from './exit-codes.js'
export { autoLoginFlag, globalFlags, profileArg, roleFlags, sessionFlags, targetFlags } from './flags.js'
export { commandNotFound } from './not-found.js'
export {
  argvHas,
  describeChain,
  type ErrorJson,
  isExitError,
  isUsageError,
  type RenderedError,
  type RenderOptions,
  renderError,
  reportError,
} from './render.js'
export { quietSdkNodeWarning, SDK_NODE_WARNING_VARIABLE, sdkNodeWarningQuietedByUs } from './sdk-warning.js'
export { forgetSecrets, knownSecrets, rememberSecrets } from './secrets.js'
export { openBrowser } from './sign-in/browser.js'
export { isHeadless } from './sign-in/headless.js'
export { needsSignIn } from './sign-in/needs.js'
export { authCodePrompt, deviceCodePrompt, signedInLines } from './sign-in/prompts.js'
export { type RefreshSubject, refreshAdvice } from './sign-in/refresh-advice.js'
export {
  describeSignIn,
  type SignInOptions,
  type SignInResult,
  signIn,
  type WhenNeededOptions,
  withSignIn,
} from './sign-in/sign-in.js'
export { type Column, renderTable } from './table.js'
export {
  needsRoleOverride,
  type TargetFlagValues,
  type TargetRequest,
  type TargetRequestOptions,
  targetRequest,
} from './target.js'
export { paragraphs } from './text.js'
export { retryProgress, Ui, type UiOptions, type UiStream, type WaitLine } from './ui.js'

export { type BaseArgs, BaseCommand, type BaseFlags, type CommandContext } from './base-command.js'
export { type ColorStream, painter, type Style, useColor } from './color.js'
export { EXIT_CODE_BY_ERROR, type ExitCodeName, exitCodesMarkdown, exitCodesText } from './exit-codes.js'
export { autoLoginFlag, globalFlags, profileArg, roleFlags, sessionFlags, targetFlags } from './flags.js'
// Everything of the oclif-free subset (`@idc/cli-kit/lite`), then what needs oclif.
export * from './lite.js'
export { commandNotFound } from './not-found.js'
export {
  choiceFlags,
  type PickerUi,
  type PickOptions,
  pickTarget,
  withPickedTarget,
} from './picker.js'
export { describeChain, isExitError, isUsageError, type RenderedError } from './render.js'
export { forgetSecrets } from './secrets.js'
export { openBrowser } from './sign-in/browser.js'
export { isHeadless } from './sign-in/headless.js'
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
export { type Column, renderTable, terminalColumns } from './table.js'
export { paragraphs } from './text.js'
export { retryProgress, Ui, type UiOptions, type UiStream, type WaitLine } from './ui.js'

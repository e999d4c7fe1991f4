export { type BaseArgs, BaseCommand, type BaseFlags, type CommandContext } from './base-command.js'
export { openBrowser } from './browser.js'
export { EXIT_CODE_BY_ERROR, type ExitCodeName, exitCodesMarkdown, exitCodesText } from './exit-codes.js'
export { globalFlags, roleFlags, sessionFlags, targetFlags } from './flags.js'
export { isHeadless } from './headless.js'
// Everything of the oclif-free subset (`@idc/cli-kit/lite`), then what needs oclif.
export * from './lite.js'
export {
  choiceFlags,
  type PickerUi,
  type PickOptions,
  pickTarget,
  withPickedTarget,
} from './picker.js'
export { describeChain, isExitError, isUsageError, type RenderedError } from './render.js'
export { forgetSecrets } from './secrets.js'
export { type Column, renderTable } from './table.js'
export { paragraphs } from './text.js'
export { canPrompt, noTargetGiven } from './tty.js'
export { Ui, type UiOptions, type UiStream, type WaitLine } from './ui.js'

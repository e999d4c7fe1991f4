/**
 * `@idc/cli-kit/lite`: the parts of the kit with no @oclif/core import (error rendering, exit codes,
 * target flags -> request, secret redaction, durations), for the `credential-process` fast path.
 */

// The rule lives in core (@idc/node follows it too); re-exported for the fast path.
export { needsSignIn } from '@idc/core'
export { describeExpiry, formatDuration } from './duration.js'
export { EXIT, EXIT_CODES, type ExitCode, exitCodeForErrorCode } from './exit-codes.js'
export { argvHas, type ErrorJson, type RenderOptions, renderError, reportError } from './render.js'
export { quietSdkNodeWarning, SDK_NODE_WARNING_VARIABLE, sdkNodeWarningQuietedByUs } from './sdk-warning.js'
export { knownSecrets, rememberSecrets } from './secrets.js'
export { writeStdout } from './stdout.js'
export {
  type TargetFlagValues,
  type TargetRequest,
  type TargetRequestOptions,
  targetRequest,
} from './target.js'
export { canPrompt, noTargetGiven } from './tty.js'

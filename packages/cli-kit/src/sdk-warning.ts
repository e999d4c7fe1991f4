/**
 * The AWS SDK for JavaScript v3 prints a multi-line `NodeVersionSupportWarning` on stderr the first
 * time a client is created on Node < 22. For a CLI that promises one error line on stderr (and whose
 * `credential_process` output is read by the AWS CLI and SDKs) that is noise the user cannot act
 * on from inside aws-idc. The SDK's documented switch is this variable; an explicit value set by
 * the user (`false`) is left alone.
 */
export const SDK_NODE_WARNING_VARIABLE = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'

let quietedByUs = false

export function quietSdkNodeWarning(env: Record<string, string | undefined> = process.env): void {
  if (env[SDK_NODE_WARNING_VARIABLE] === undefined) {
    env[SDK_NODE_WARNING_VARIABLE] = 'true'
    if (env === process.env) quietedByUs = true
  }
}

/** True when quietSdkNodeWarning set the variable in process.env (so a child process must not inherit it). */
export function sdkNodeWarningQuietedByUs(): boolean {
  return quietedByUs && process.env[SDK_NODE_WARNING_VARIABLE] === 'true'
}

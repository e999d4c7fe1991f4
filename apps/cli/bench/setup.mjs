// Warm-cache setup for `pnpm bench`.
//
// TODO(lead): start @idc/emulator, write an AWS config with a profile pointing at it
// (AWS_ENDPOINT_URL / endpoint_url), sign in once (device flow with auto-approve) and run
// `aws-idc credential-process --profile <name>` once so the token and role caches are warm. Return
// the environment (HOME, AWS_CONFIG_FILE, AWS_ENDPOINT_URL...) and the profile name, plus a
// teardown. Until then this returns undefined and the bench measures start-up only.

/**
 * @returns {Promise<undefined | { env: Record<string, string>, profile: string, teardown?: () => Promise<void> }>}
 */
export async function setupWarmCache() {
  return undefined
}

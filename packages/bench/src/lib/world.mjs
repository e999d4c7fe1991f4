// A signed-in aws-idc world for the rows: @idc/emulator (in this process) and a temporary HOME from
// @idc/emulator/testing, whose ~/.aws/config has the sandbox's `dev` profile and a chained-role
// profile on it, signed in for real (PKCE through @idc/core's login()), with the role caches of both
// profiles filled (one getCredentials() each): the warm path of credential_process.
// Child processes must run asynchronously: the emulator answers from this process's event loop.
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { getCredentials, login } from '@idc/core'
import { createSandbox, DEFAULT_CONFIG } from '@idc/emulator/testing'

export const PROFILE = 'dev'
export const SESSION = 'my-sso'
/** role_arn + source_profile = dev: its warm path reads the assume-role cache (botocore's key). */
export const CHAINED_PROFILE = 'dev-chained'

const CHAINED = `
[profile ${CHAINED_PROFILE}]
role_arn = arn:aws:iam::111111111111:role/OrganizationAccountAccessRole
source_profile = ${PROFILE}
region = eu-west-1
`

/**
 * @param {{ env: Record<string, string>, emulator?: import('@idc/emulator').EmulatorOptions, warm?: boolean }} options
 *   `env`: the harness's environment (ctx.env), under the sandbox's variables.
 */
export async function signedIn({ env: base, emulator, warm = true }) {
  const box = await createSandbox({
    config: DEFAULT_CONFIG + CHAINED,
    emulator,
    browser: true,
    prefix: 'idc-bench-',
  })
  const env = { ...base, ...box.env, NO_COLOR: '1' }
  const signIn = () =>
    login(
      { from: 'profile', profile: PROFILE },
      // Stand-in for the browser: the emulator approves and redirects to the loopback listener.
      { env, onAuthorizeUrl: async (url) => void (await fetch(url).then((r) => r.text())) },
    )
  try {
    await signIn()
    if (warm) {
      await getCredentials({ from: 'profile', profile: PROFILE }, { env })
      await getCredentials({ from: 'profile', profile: CHAINED_PROFILE }, { env })
    }
  } catch (error) {
    await box.cleanup()
    throw error
  }
  return {
    box,
    emu: box.emu,
    env,
    signIn,
    tokenCache: join(box.home, '.aws', 'sso', 'cache'),
    roleCache: join(box.home, '.aws', 'cli', 'cache'),
    /** Forget the sign-in and every cached role credential (a machine that never signed in). */
    async forget() {
      await rm(join(box.home, '.aws', 'sso'), { recursive: true, force: true })
      await rm(join(box.home, '.aws', 'cli'), { recursive: true, force: true })
    },
    cleanup: () => box.cleanup(),
  }
}

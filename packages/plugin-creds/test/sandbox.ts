import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { login } from '@idc/core'
import type { EmulatorOptions, RunningEmulator } from '@idc/emulator'
import { createSandbox, setProcessEnv } from '@idc/emulator/testing'

export const CONFIG = `# written by hand
[default]
region = eu-west-1

[sso-session my-sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = eu-west-1

[profile dev-admin]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = AdministratorAccess

[profile legacy]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_account_id = 222222222222
sso_role_name = ReadOnly
`

export interface Sandbox {
  emu: RunningEmulator
  home: string
  cacheDir: string
  roleCacheDir: string
  /** A $BROWSER script that fetches the URL it is given (following redirects, as a browser would). */
  browser: string
  /** Names of the files in ~/.aws/sso/cache (or ~/.aws/cli/cache). */
  files(dir: string): Promise<string[]>
  /** Restores process.env, stops the emulator and removes HOME. */
  cleanup(): Promise<void>
}

/**
 * An emulator and a temporary HOME with ~/.aws/config, installed into process.env (the commands run
 * in this process through @oclif/test and read process.env). Vitest runs each file in its own
 * worker, so the environment does not leak between files.
 */
export async function sandbox(options: EmulatorOptions = {}, config = CONFIG): Promise<Sandbox> {
  const box = await createSandbox({
    config,
    emulator: options,
    prefix: 'idc-creds-',
    browser: true,
    env: {
      // A desktop session: the browser (PKCE) flow is the default.
      DISPLAY: ':99',
      // The commands quiet the SDK's Node version warning themselves.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined,
    },
  })
  const restore = setProcessEnv(box.env, {
    unset: (k) => k.startsWith('AWS_') || k.startsWith('SSH_') || k === 'CI' || k === 'BROWSER',
  })
  return {
    emu: box.emu,
    home: box.home,
    cacheDir: join(box.home, '.aws', 'sso', 'cache'),
    roleCacheDir: join(box.home, '.aws', 'cli', 'cache'),
    browser: box.env['BROWSER']!,
    files: async (dir) => (await readdir(dir).catch(() => [] as string[])).sort(),
    cleanup: async () => {
      restore()
      await box.cleanup()
    },
  }
}

/** Signs in to `my-sso` (PKCE, the emulator auto-approves) through @idc/core, as `aws-idc login` would. */
export async function signIn(request: Parameters<typeof login>[0] = { from: 'profile', profile: 'dev' }) {
  return login(request, { env: process.env, onAuthorizeUrl: async (u) => void (await fetch(u)) })
}

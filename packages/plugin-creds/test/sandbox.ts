import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { login } from '@idc/core'
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '@idc/emulator'

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
  const emu = await startEmulator({ autoApprove: true, autoApproveAfterPolls: 0, ...options })
  const home = await mkdtemp(join(tmpdir(), 'idc-creds-'))
  await mkdir(join(home, '.aws'), { recursive: true })
  await writeFile(join(home, '.aws', 'config'), config)
  const browser = join(home, 'browser.mjs')
  await writeFile(
    browser,
    `#!${process.execPath}\nawait fetch(process.argv[2]).then((r) => r.text()).catch(() => {})\n`,
  )
  await chmod(browser, 0o755)
  const saved = { ...process.env }
  for (const k of Object.keys(process.env)) {
    if (k.startsWith('AWS_') || k.startsWith('SSH_') || k === 'CI' || k === 'BROWSER') delete process.env[k]
  }
  Object.assign(process.env, {
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_ENDPOINT_URL: emu.url,
    // A desktop session: the browser (PKCE) flow is the default.
    DISPLAY: ':99',
    BROWSER: browser,
  })
  const cacheDir = join(home, '.aws', 'sso', 'cache')
  const roleCacheDir = join(home, '.aws', 'cli', 'cache')
  return {
    emu,
    home,
    cacheDir,
    roleCacheDir,
    browser,
    files: async (dir) => (await readdir(dir).catch(() => [] as string[])).sort(),
    cleanup: async () => {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
      Object.assign(process.env, saved)
      await emu.stop()
      await rm(home, { recursive: true, force: true })
    },
  }
}

/** Signs in to `my-sso` (PKCE, the emulator auto-approves) through @idc/core, as `aws-idc login` would. */
export async function signIn(request: Parameters<typeof login>[0] = { from: 'profile', profile: 'dev' }) {
  return login(request, { env: process.env, onAuthorizeUrl: async (u) => void (await fetch(u)) })
}

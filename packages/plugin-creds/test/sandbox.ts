import { login } from '@idc/core'
import type { EmulatorOptions } from '@idc/emulator'
import {
  DEFAULT_CONFIG,
  DEV_ADMIN_PROFILE,
  type InstalledSandbox,
  installSandbox,
} from '@idc/emulator/testing'

export const CONFIG = `# written by hand\n${DEFAULT_CONFIG}${DEV_ADMIN_PROFILE}`

export type Sandbox = InstalledSandbox & { browser: string }

/** The shared sandbox, installed into process.env for the commands @oclif/test runs in this process. */
export async function sandbox(options: EmulatorOptions = {}, config = CONFIG): Promise<Sandbox> {
  return (await installSandbox({
    config,
    emulator: options,
    prefix: 'idc-creds-',
    commands: true,
  })) as Sandbox
}

/** Signs in to `my-sso` (PKCE, the emulator auto-approves) through @idc/core, as `aws-idc login` would. */
export async function signIn(request: Parameters<typeof login>[0] = { from: 'profile', profile: 'dev' }) {
  return login(request, { env: process.env, onAuthorizeUrl: async (u) => void (await fetch(u)) })
}

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
    prefix: 'idc-plugin-',
    commands: true,
  })) as Sandbox
}

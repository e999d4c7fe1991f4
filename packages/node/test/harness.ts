import type { EmulatorOptions } from '@idc/emulator'
import { createSandbox, DEFAULT_CONFIG, type Sandbox } from '@idc/emulator/testing'

export type { Sandbox }

export const CONFIG = DEFAULT_CONFIG

/** An emulator (auto-approving sign-ins) and a temporary HOME with ~/.aws/config. */
export function sandbox(options: EmulatorOptions = {}): Promise<Sandbox> {
  return createSandbox({ config: CONFIG, emulator: options, prefix: 'idc-node-' })
}

/** Stand-in for a browser: the emulator auto-approves and redirects to the loopback listener. */
export const openInBrowser = async (url: string): Promise<void> => {
  await fetch(url)
}

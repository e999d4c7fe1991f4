import { join } from 'node:path'
import { resolveHomeDir } from '../cache/paths.js'
import type { Env } from './types.js'

export { resolveHomeDir }

export interface ConfigPaths {
  configFile: string
  credentialsFile: string
}

/** AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials; `~/` expanded as both tools do. */
export function configPaths(env: Env, homedir?: string): ConfigPaths {
  const home = () => homedir ?? resolveHomeDir(env)
  const expand = (path: string) => (path.startsWith('~/') ? join(home(), path.slice(2)) : path)
  return {
    configFile: expand(env.AWS_CONFIG_FILE || join(home(), '.aws', 'config')),
    credentialsFile: expand(env.AWS_SHARED_CREDENTIALS_FILE || join(home(), '.aws', 'credentials')),
  }
}

/** The profile to use: explicit name, then AWS_PROFILE, then `default` (as the JS SDK). */
export function selectProfileName(explicit: string | undefined, env: Env): string {
  return explicit || env.AWS_PROFILE || 'default'
}

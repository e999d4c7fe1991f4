// Test support for the config module (not a test file itself; excluded from the package by `*.test.*`).
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader'
import { IdcError } from '../errors.js'

const created: string[] = []

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'idc-config-'))
  created.push(dir)
  return dir
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
}

export interface Home {
  home: string
  configFile: string
  credentialsFile: string
  env: Record<string, string>
}

/** A home directory with ~/.aws/config and ~/.aws/credentials as given (omitted: the file does not exist). */
export async function makeHome(files: {
  config?: string | Uint8Array
  credentials?: string | Uint8Array
}): Promise<Home> {
  const home = await tempDir()
  const aws = join(home, '.aws')
  await import('node:fs/promises').then((fs) => fs.mkdir(aws, { recursive: true }))
  const configFile = join(aws, 'config')
  const credentialsFile = join(aws, 'credentials')
  if (files.config !== undefined) await writeFile(configFile, files.config)
  if (files.credentials !== undefined) await writeFile(credentialsFile, files.credentials)
  return { home, configFile, credentialsFile, env: { HOME: home } }
}

/** The bytes of each file (undefined when missing), to prove a failed operation changed nothing. */
export async function snapshot(paths: readonly string[]): Promise<(string | undefined)[]> {
  return Promise.all(paths.map((p) => readFile(p, 'latin1').catch(() => undefined)))
}

/** Runs `action` and returns the IdcError it throws; fails the test if it throws anything else or nothing. */
export async function idcErrorOf(action: () => unknown): Promise<IdcError> {
  try {
    await action()
  } catch (error) {
    if (IdcError.is(error)) return error
    throw new Error(`expected an IdcError, got: ${String(error)}`, { cause: error })
  }
  throw new Error('expected an IdcError, but nothing was thrown')
}

export type SdkSections = Record<string, Record<string, string>>

/** What the real JS SDK loader reads from the two files (sections keyed as the SDK keys them). */
export async function sdkRead(
  configFile: string,
  credentialsFile: string,
): Promise<{ config: SdkSections; credentials: SdkSections }> {
  const files = await loadSharedConfigFiles({
    configFilepath: configFile,
    filepath: credentialsFile,
    ignoreCache: true,
  })
  return { config: files.configFile as SdkSections, credentials: files.credentialsFile as SdkSections }
}

export const hasBotocore = spawnSync('python3', ['-c', 'import botocore.configloader']).status === 0

/** What the real botocore reads: raw_config_parse + build_profile_map per file, or its error message. */
export function botocoreRead(
  paths: readonly string[],
): ({ ok: true; parsed: unknown } | { ok: false; error: string })[] {
  const script = `
import json, sys
from botocore import configloader
out = []
for path in json.load(sys.stdin):
    try:
        raw = configloader.raw_config_parse(path)
        out.append({'ok': True, 'parsed': {'raw': raw, 'map': configloader.build_profile_map(raw)}})
    except Exception as e:
        out.append({'ok': False, 'error': type(e).__name__ + ': ' + str(e)})
print(json.dumps(out))
`
  const run = spawnSync('python3', ['-c', script], {
    input: JSON.stringify(paths),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  })
  if (run.status !== 0) throw new Error(run.stderr)
  return JSON.parse(run.stdout)
}

/** botocore's SSOProvider validation for `profile`: null (not an SSO profile), the config, or the error text. */
export function botocoreSsoConfig(configFile: string, credentialsFile: string, profile: string): unknown {
  const script = `
import json, sys, os
import botocore.session
from botocore.credentials import SSOProvider
s = botocore.session.Session(profile=sys.argv[1])
p = SSOProvider(load_config=lambda: s.full_config, client_creator=None, profile_name=sys.argv[1])
try:
    print(json.dumps({'config': p._load_sso_config()}))
except Exception as e:
    print(json.dumps({'error': str(e)}))
`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
  }
  delete env.AWS_PROFILE
  delete env.AWS_DEFAULT_PROFILE
  const run = spawnSync('python3', ['-c', script, profile], { encoding: 'utf8', env })
  if (run.status !== 0) throw new Error(run.stderr)
  return JSON.parse(run.stdout)
}

import { readFile } from 'node:fs/promises'
import { IdcError } from '../errors.js'
import { ConfigSection, type SectionSource } from './config-section.js'
import { emptyIniFile, type IniFile, parseIniBytes, parseIniFile } from './ini-file.js'
import { configPaths } from './paths.js'
import type { Env, IniFileKind } from './types.js'

/** The config and credentials files, parsed. */
export interface ConfigFiles {
  config: IniFile
  credentials: IniFile
}

export interface LoadConfigOptions {
  env: Env
  /** Overrides the home directory otherwise found from `env` (HOME, USERPROFILE, ...). */
  homedir?: string | undefined
}

/** Reads both shared files (missing files are empty). A broken file is an IdcError 'config-parse'. */
export async function loadConfigFiles(options: LoadConfigOptions): Promise<ConfigFiles> {
  const paths = configPaths(options.env, options.homedir)
  const [config, credentials] = await Promise.all([
    readIniFile(paths.configFile, 'config'),
    readIniFile(paths.credentialsFile, 'credentials'),
  ])
  return { config, credentials }
}

export async function readIniFile(path: string, kind: IniFileKind): Promise<IniFile> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return emptyIniFile(path, kind)
    throw new IdcError(
      'config-parse',
      `Unable to parse config file: ${path}: cannot read it (${code ?? 'error'}).`,
      {
        hint: `Check that ${path} is a readable file.`,
        cause,
        details: { file: path },
      },
    )
  }
  return parseIniBytes(bytes, path, kind)
}

/** The profile `name` merged from both files (credentials keys win), or undefined if neither has it. */
export function getProfile(files: ConfigFiles, name: string): ConfigSection | undefined {
  const sources: SectionSource[] = []
  for (const file of [files.config, files.credentials]) {
    const py = file.pyProfiles.get(name)
    const js = file.jsProfiles.get(name)
    if (py || js) sources.push({ file, py, js })
  }
  return sources.length > 0 ? new ConfigSection(sources) : undefined
}

/** `[sso-session name]`; read from the config file only, as both tools do. */
export function getSsoSession(files: ConfigFiles, name: string): ConfigSection | undefined {
  const py = files.config.pySessions.get(name)
  const js = files.config.jsSessions.get(name)
  return py || js ? new ConfigSection([{ file: files.config, py, js }]) : undefined
}

/** `[services name]` from the config file. */
export function getServicesSection(files: ConfigFiles, name: string): ConfigSection | undefined {
  const py = files.config.pyServices.get(name)
  const js = files.config.jsServices.get(name)
  return py || js ? new ConfigSection([{ file: files.config, py, js }]) : undefined
}

/** Which of the two tools reads a section: both, or only one of them (a portability problem). */
export type SectionReaders = 'both' | 'aws-cli' | 'js-sdk'

/**
 * The profiles or sso-sessions of one file, each with the tools that read it, in the file's order
 * (AWS CLI reading first). `doctor` reports the one-sided ones; populate edits only `both`.
 */
export function sectionsIn(file: IniFile, type: 'profile' | 'sso-session'): Map<string, SectionReaders> {
  const [py, js] =
    type === 'profile' ? [file.pyProfiles, file.jsProfiles] : [file.pySessions, file.jsSessions]
  const out = new Map<string, SectionReaders>()
  for (const name of py.keys()) out.set(name, js.has(name) ? 'both' : 'aws-cli')
  for (const name of js.keys()) if (!py.has(name)) out.set(name, 'js-sdk')
  return out
}

/**
 * `sectionsIn` for config text not yet on disk: what an `editIniFile` callback holds (populate checks,
 * under the file's lock, which profiles another process added since it planned).
 */
export function sectionsInText(
  text: string,
  path: string,
  type: 'profile' | 'sso-session',
): Map<string, SectionReaders> {
  return sectionsIn(parseIniFile(text, path, 'config'), type)
}

/** Profile names found in either file (by either tool's reading), sorted. */
export function listProfiles(files: ConfigFiles): string[] {
  const names = new Set<string>()
  for (const file of [files.config, files.credentials]) {
    for (const name of file.pyProfiles.keys()) names.add(name)
    for (const name of file.jsProfiles.keys()) names.add(name)
  }
  return [...names].sort()
}

/** sso-session names in the config file, sorted. */
export function listSsoSessions(files: ConfigFiles): string[] {
  return [...new Set([...files.config.pySessions.keys(), ...files.config.jsSessions.keys()])].sort()
}

/** The config file's own [profile name] when it is an SSO profile (the credentials file not merged in). */
export function isConfigSsoProfile(files: ConfigFiles, name: string): boolean {
  return hasAnyKey(sectionOf(files.config, name), [
    'sso_session',
    'sso_start_url',
    'sso_account_id',
    'sso_role_name',
  ])
}

/**
 * True when the credentials file's [name] has static keys and the config file's [profile name]
 * is an SSO profile: the AWS CLI and the SDKs take the static keys first (and fail once they
 * expire), so the SSO profile is shadowed.
 */
export function isShadowedSsoProfile(files: ConfigFiles, name: string): boolean {
  return (
    hasAnyKey(sectionOf(files.credentials, name), ['aws_access_key_id']) && isConfigSsoProfile(files, name)
  )
}

function sectionOf(file: IniFile, name: string): ConfigSection | undefined {
  const py = file.pyProfiles.get(name)
  const js = file.jsProfiles.get(name)
  return py || js ? new ConfigSection([{ file, py, js }]) : undefined
}

/** A key the two tools read differently counts as present. */
function hasAnyKey(section: ConfigSection | undefined, keys: readonly string[]): boolean {
  if (!section) return false
  return keys.some((k) => {
    try {
      return section.has(k)
    } catch {
      return true
    }
  })
}

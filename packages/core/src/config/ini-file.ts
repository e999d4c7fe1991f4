import { type JsSection, parseJs } from './ini-js.js'
import { decodeIniText, splitLines } from './ini-lines.js'
import { type PySection, parsePython } from './ini-python.js'
import { shlexSplit } from './shlex.js'
import type { IniFileKind } from './types.js'

/**
 * One shared file read both ways: as botocore (the AWS CLI) and as the JS SDK read it. Values are
 * only handed out where both agree (see ConfigSection), so what aws-idc accepts, both tools read alike.
 */
export interface IniFile {
  path: string
  kind: IniFileKind
  /** False when the file does not exist (then it is empty). */
  exists: boolean
  lines: readonly string[]
  py: readonly PySection[]
  js: ReadonlyMap<string, JsSection>
  /** Profiles, sso-sessions and services sections by name, as each tool maps its sections. */
  pyProfiles: ReadonlyMap<string, PySection>
  jsProfiles: ReadonlyMap<string, JsSection>
  pySessions: ReadonlyMap<string, PySection>
  jsSessions: ReadonlyMap<string, JsSection>
  pyServices: ReadonlyMap<string, PySection>
  jsServices: ReadonlyMap<string, JsSection>
}

/** Parses one shared file; a broken file is an IdcError 'config-parse' naming the file and line. */
export function parseIniFile(text: string, path: string, kind: IniFileKind, exists = true): IniFile {
  const lines = splitLines(text).map((l) => l.text)
  const py = parsePython(lines, path)
  const js = parseJs(lines, path)
  const file: IniFile = {
    path,
    kind,
    exists,
    lines,
    py,
    js,
    pyProfiles: new Map(),
    jsProfiles: new Map(),
    pySessions: new Map(),
    jsSessions: new Map(),
    pyServices: new Map(),
    jsServices: new Map(),
  }
  mapPython(file)
  mapJs(file)
  return file
}

/** Parses bytes read from disk (UTF-8, no BOM, no stray control characters). */
export function parseIniBytes(bytes: Uint8Array, path: string, kind: IniFileKind): IniFile {
  return parseIniFile(decodeIniText(bytes, path), path, kind)
}

export function emptyIniFile(path: string, kind: IniFileKind): IniFile {
  return parseIniFile('', path, kind, false)
}

/** botocore `build_profile_map`: prefix test with startswith, name by shlex, later sections win. */
function mapPython(file: IniFile): void {
  const profiles = file.pyProfiles as Map<string, PySection>
  for (const section of file.py) {
    const header = section.header
    if (file.kind === 'credentials') {
      profiles.set(header, section)
      continue
    }
    const target = header.startsWith('profile')
      ? profiles
      : header.startsWith('sso-session')
        ? (file.pySessions as Map<string, PySection>)
        : header.startsWith('services')
          ? (file.pyServices as Map<string, PySection>)
          : undefined
    if (target) {
      const parts = shlexSplit(header)
      if (parts?.length === 2) target.set(parts[1]!, section)
    } else if (header === 'default') {
      profiles.set('default', section)
    }
  }
}

/** JS `getConfigData` / `getSsoSessionData`: `[profile default]` replaces `[default]` whatever the order. */
function mapJs(file: IniFile): void {
  const profiles = file.jsProfiles as Map<string, JsSection>
  if (file.kind === 'credentials') {
    for (const [key, section] of file.js) profiles.set(key, section)
    return
  }
  const plainDefault = file.js.get('default')
  if (plainDefault) profiles.set('default', plainDefault)
  for (const [key, section] of file.js) {
    const dot = key.indexOf('.')
    if (dot === -1) continue
    const prefix = key.slice(0, dot)
    const name = key.slice(dot + 1)
    if (prefix === 'profile') profiles.set(name, section)
    else if (prefix === 'sso-session') (file.jsSessions as Map<string, JsSection>).set(name, section)
    else if (prefix === 'services') (file.jsServices as Map<string, JsSection>).set(name, section)
  }
}

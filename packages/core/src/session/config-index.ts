import { basename } from 'node:path'
import type { RoleCacheKey } from '../cache/role-cache.js'
import { tokenFileName } from '../cache/token-cache.js'
import {
  type ConfigFiles,
  getProfile,
  getSsoSession,
  listProfiles,
  listSsoSessions,
} from '../config/config-files.js'
import type { ConfigSection } from '../config/config-section.js'

/** What the configuration says about one token cache file. */
export interface TokenFileUse {
  key: string
  kind: 'session' | 'legacy'
  startUrl?: string | undefined
  region?: string | undefined
  profiles: string[]
  /** Role caches the profiles using this token feed. */
  roleCaches: RoleCacheKey[]
}

function value(section: ConfigSection | undefined, key: string): string | undefined {
  try {
    return section?.get(key)?.value
  } catch {
    // A value the AWS CLI and the JS SDK read differently: not ours to resolve here.
    return undefined
  }
}

/**
 * Maps token file names (`<sha1>.json`) to the sso-sessions and profiles that use them: the link
 * between the cache directory and the config that users otherwise have to compute by hand.
 */
export function indexTokenFiles(files: ConfigFiles): Map<string, TokenFileUse> {
  const byFile = new Map<string, TokenFileUse>()
  for (const name of listSsoSessions(files)) {
    const session = getSsoSession(files, name)
    byFile.set(tokenFileName(name), {
      key: name,
      kind: 'session',
      startUrl: value(session, 'sso_start_url'),
      region: value(session, 'sso_region'),
      profiles: [],
      roleCaches: [],
    })
  }
  for (const name of listProfiles(files)) {
    const profile = getProfile(files, name)
    const sessionName = value(profile, 'sso_session')
    const startUrl = value(profile, 'sso_start_url')
    const key = sessionName ?? startUrl
    if (!key) continue
    const fileName = tokenFileName(key)
    let use = byFile.get(fileName)
    if (!use) {
      use = {
        key,
        kind: sessionName ? 'session' : 'legacy',
        startUrl,
        region: value(profile, 'sso_region'),
        profiles: [],
        roleCaches: [],
      }
      byFile.set(fileName, use)
    }
    use.profiles.push(name)
    const accountId = value(profile, 'sso_account_id')
    const roleName = value(profile, 'sso_role_name')
    if (accountId && roleName) {
      use.roleCaches.push(
        sessionName ? { accountId, roleName, sessionName } : { accountId, roleName, startUrl: key },
      )
    }
  }
  return byFile
}

export function useOfTokenFile(index: Map<string, TokenFileUse>, path: string): TokenFileUse | undefined {
  return index.get(basename(path))
}

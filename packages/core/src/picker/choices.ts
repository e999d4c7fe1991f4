import { join } from 'node:path'
import { writeFileAtomic } from '../cache/atomic-write.js'
import { sha1Hex } from '../cache/hash.js'
import { readJsonObject } from '../cache/json-file.js'
import type { TargetRequest } from '../config/types.js'
import { IdcError } from '../errors.js'
import type { AccountWithRoles } from '../portal/portal.js'
import { nowOf } from '../session/context.js'
import { listAccountsAndRoles } from '../session/portal-ops.js'
import { resolveCredentials } from '../session/resolve.js'
import { listSessions } from '../session/sessions.js'
import type { SessionContext, SessionInfo } from '../session/types.js'
import { awsIdcCacheDir } from './cache-dir.js'

/** One account + role of a signed-in session, as the picker lists it. */
export interface PickerChoice {
  /** Stable across runs: `session:<name>|<account>|<role>` or `legacy:<start URL>|<account>|<role>`. */
  id: string
  kind: 'session' | 'legacy'
  /** The sso-session name (kind 'session') or the start URL (kind 'legacy'). */
  session: string
  startUrl: string
  ssoRegion: string
  accountId: string
  accountName?: string | undefined
  roleName: string
  /** Profiles of the config file that already name this account and role on this session. */
  profiles: string[]
}

export interface PickerListing {
  choices: PickerChoice[]
  /** Sessions whose listing failed (expired, network...): one secret-free line each. */
  problems: string[]
}

/** How long a listing is reused (a few minutes: accounts and roles rarely change). */
export const PICKER_LISTING_MAX_AGE_MS = 5 * 60_000

interface CachedListing {
  version: 1
  savedAt: number
  accounts: AccountWithRoles[]
}

/** The request that signs in / fetches for a choice: the sso-session, or the legacy start URL. */
export function choiceRequest(choice: PickerChoice): TargetRequest {
  return choice.kind === 'session'
    ? { from: 'sso-session', sessionName: choice.session }
    : { from: 'values', startUrl: choice.startUrl, ssoRegion: choice.ssoRegion }
}

function sessionRequest(info: SessionInfo): TargetRequest | undefined {
  if (info.key === undefined) return undefined
  if (info.kind === 'session') return { from: 'sso-session', sessionName: info.key }
  if (info.kind === 'legacy' && info.region)
    return { from: 'values', startUrl: info.key, ssoRegion: info.region }
  return undefined
}

/**
 * Every account and role of every signed-in session (a token that is valid or can be refreshed,
 * tied to the config), with the profiles that already name them. Each session's listing is kept
 * in aws-idc's cache for `maxAgeMs`, so the picker opens at once; `refresh` lists anew.
 */
export async function listPickerChoices(
  ctx: SessionContext = {},
  options: { maxAgeMs?: number | undefined; refresh?: boolean | undefined } = {},
): Promise<PickerListing> {
  const maxAge = options.maxAgeMs ?? PICKER_LISTING_MAX_AGE_MS
  const now = nowOf(ctx).getTime()
  const sessions = (await listSessions(ctx)).filter(
    (s) => (!s.expired || s.refreshable) && s.key !== undefined,
  )
  const problems: string[] = []
  const choices: PickerChoice[] = []
  const dir = awsIdcCacheDir(ctx)
  for (const info of sessions) {
    const request = sessionRequest(info)
    if (!request) continue
    const kind = info.kind === 'legacy' ? 'legacy' : 'session'
    const file = join(dir, `accounts-${sha1Hex(`${kind}:${info.key}`)}.json`)
    let accounts: AccountWithRoles[] | undefined
    if (!options.refresh) {
      const cached = await readJsonObject(file)
      if (cached.status === 'ok') {
        const data = cached.data as unknown as CachedListing
        if (
          data.version === 1 &&
          Array.isArray(data.accounts) &&
          now - data.savedAt < maxAge &&
          data.savedAt <= now
        )
          accounts = data.accounts
      }
    }
    if (!accounts) {
      try {
        accounts = await listAccountsAndRoles(request, ctx)
      } catch (error) {
        if (IdcError.is(error) && error.code === 'aborted') throw error
        problems.push(`${info.key}: ${IdcError.is(error) ? error.message : 'listing failed'}`)
        continue
      }
      const listing: CachedListing = { version: 1, savedAt: now, accounts }
      await writeFileAtomic(file, `${JSON.stringify(listing)}\n`, { mode: 0o600 }).catch(() => {
        // A cache that cannot be written only costs the next listing.
      })
    }
    const byTarget = await profilesByTarget(info.profiles, ctx)
    for (const account of accounts) {
      for (const roleName of account.roles) {
        choices.push({
          id: `${kind}:${info.key}|${account.accountId}|${roleName}`,
          kind,
          session: info.key!,
          startUrl: info.startUrl ?? info.key!,
          ssoRegion: info.region ?? '',
          accountId: account.accountId,
          accountName: account.accountName,
          roleName,
          profiles: byTarget.get(`${account.accountId}|${roleName}`) ?? [],
        })
      }
    }
  }
  return { choices, problems }
}

/** `account|role` -> profile names, for the profiles that use a session. */
async function profilesByTarget(
  profiles: readonly string[],
  ctx: SessionContext,
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>()
  for (const profile of profiles) {
    try {
      const t = await resolveCredentials({ from: 'profile', profile }, ctx)
      const key = `${t.accountId}|${t.roleName}`
      map.set(key, [...(map.get(key) ?? []), profile])
    } catch {
      // A profile without account and role (login-only) matches no choice.
    }
  }
  return map
}

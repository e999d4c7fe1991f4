import { BaseCommand, describeExpiry, paragraphs, renderTable } from '@idc/cli-kit'
import { listSessions, type SessionInfo } from '@idc/core'

export interface SessionJson {
  /** The sso-session name, or the start URL of a legacy profile. */
  session?: string | undefined
  kind?: 'session' | 'legacy' | undefined
  startUrl?: string | undefined
  region?: string | undefined
  /** ISO 8601. */
  expiresAt?: string | undefined
  expired: boolean
  refreshable: boolean
  /** The service refused a refresh of this token before. */
  refreshFailed?: boolean | undefined
  /** Every profile using the session (the table shows a count and the first few). */
  profiles: string[]
  file: string
  problem?: string | undefined
}

export default class Sessions extends BaseCommand<typeof Sessions> {
  static override summary = 'List cached sign-in sessions and the profiles that use them.'
  static override description =
    paragraphs(`Reads ~/.aws/sso/cache (shared with the AWS CLI) and ties each token to the sso-session or
legacy start URL and to the profiles that use it (the table shows how many and the first few; --json
lists them all). REFRESHABLE says "no (refresh failed)" once the service refused a refresh of the
token (revoked, or the session ended).`)

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
  ]

  async run(): Promise<SessionJson[]> {
    const sessions = await listSessions(this.context())
    const rows = sessions.map(toJson)
    if (!this.jsonEnabled()) {
      if (rows.length === 0) this.ui.info('No cached sessions. Sign in with `aws-idc login`.')
      else process.stdout.write(`${table(sessions)}\n`)
    }
    return rows
  }
}

function toJson(s: SessionInfo): SessionJson {
  return {
    session: s.key,
    kind: s.kind,
    startUrl: s.startUrl,
    region: s.region,
    expiresAt: s.expiresAt?.toISOString(),
    expired: s.expired,
    refreshable: s.refreshable,
    ...(s.refreshFailed ? { refreshFailed: true } : {}),
    profiles: s.profiles,
    file: s.file,
    ...(s.problem ? { problem: s.problem } : {}),
  }
}

function table(sessions: SessionInfo[]): string {
  return renderTable(sessions, [
    { header: 'SESSION', get: (s) => s.key ?? s.startUrl ?? '(unknown)' },
    { header: 'PROFILES', get: (s) => profileSummary(s.profiles) },
    { header: 'EXPIRES', get: (s) => s.problem ?? (s.expiresAt ? describeExpiry(s.expiresAt) : undefined) },
    { header: 'REFRESHABLE', get: (s) => (s.refreshFailed ? 'no (refresh failed)' : s.refreshable) },
    { header: 'REGION', get: (s) => s.region },
    { header: 'FILE', get: (s) => s.file },
  ])
}

/** How many profiles, and the first few names: a row fits a terminal with hundreds (all in --json). */
export function profileSummary(profiles: readonly string[], shown = 3): string {
  if (profiles.length <= shown) return profiles.join(', ')
  return `${profiles.length}: ${profiles.slice(0, shown).join(', ')}, …`
}

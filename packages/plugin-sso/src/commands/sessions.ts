import { BaseCommand, describeExpiry, paragraphs, renderTable, terminalColumns } from '@idc/cli-kit'
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
legacy start URL and to the profiles that use it. The table fits the terminal (how many profiles and
the first names that fit); --json lists them all, with each token's file. REFRESHABLE says "no
(refresh failed)" once the service refused a refresh of the token (revoked, or the session ended).`)

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

function table(sessions: SessionInfo[], columns = terminalColumns()): string {
  const rest = [
    {
      header: 'EXPIRES',
      get: (s: SessionInfo) => s.problem ?? (s.expiresAt ? describeExpiry(s.expiresAt) : undefined),
    },
    {
      header: 'REFRESHABLE',
      get: (s: SessionInfo) => (s.refreshFailed ? 'no (refresh failed)' : s.refreshable),
    },
    { header: 'REGION', get: (s: SessionInfo) => s.region },
  ]
  const session = { header: 'SESSION', get: (s: SessionInfo) => s.key ?? s.startUrl ?? '(unknown)' }
  // PROFILES gets the width the other columns leave (two spaces between columns), at least 20
  // characters so that a name or two show even next to a long legacy start URL.
  const others = [session, ...rest].reduce(
    (sum, c) => sum + 2 + Math.max(c.header.length, ...sessions.map((s) => String(c.get(s) ?? '-').length)),
    0,
  )
  const width = Math.max(20, columns - others)
  return renderTable(sessions, [
    session,
    { header: 'PROFILES', get: (s) => profileSummary(s.profiles, width) },
    ...rest,
  ])
}

/**
 * How many profiles and the first names that fit in `width` (all of them when they fit): a row
 * fits the terminal with hundreds of profiles; --json lists them all.
 */
export function profileSummary(profiles: readonly string[], width: number): string {
  const all = profiles.join(', ')
  if (all.length <= width) return all
  let shown = `${profiles.length} profiles`
  for (let n = 1; n < profiles.length; n++) {
    const candidate = `${profiles.length}: ${profiles.slice(0, n).join(', ')}, …`
    if (candidate.length > width) break
    shown = candidate
  }
  return shown
}

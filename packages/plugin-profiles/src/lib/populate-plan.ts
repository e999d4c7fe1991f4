import {
  type AccountWithRoles,
  DEFAULT_PROFILE_TEMPLATE,
  IdcError,
  naturalCompare,
  PROFILE_TEMPLATE_VARIABLES,
  profileNameFromTemplate,
} from '@idc/core'

/** The name template, shared with `configure`'s suggested name (core owns it). */
export const DEFAULT_TEMPLATE = DEFAULT_PROFILE_TEMPLATE

/**
 * The key `populate` adds to every profile it writes, valued with the sso-session name. It is how
 * `populate` knows which profiles are its own: it never changes or prunes a profile without it.
 * The AWS CLI (botocore) and the JS SDK ignore keys they do not know.
 */
export const MARKER_KEY = 'aws_idc_populated'

export const TEMPLATE_VARIABLES = PROFILE_TEMPLATE_VARIABLES

/** The keys populate manages, in write order. */
const MANAGED_KEYS = ['sso_session', 'sso_account_id', 'sso_role_name', 'region', MARKER_KEY] as const
type ManagedKey = (typeof MANAGED_KEYS)[number]

export type ProfileValues = Partial<Record<ManagedKey, string>>

/** A profile already in the config (or credentials) file, as populate reads it. */
export interface ExistingProfile {
  name: string
  values: ProfileValues
  /** False when the profile is only in the credentials file, or its keys could not be read alike by both tools. */
  editable?: boolean | undefined
}

export interface PlannedChange {
  key: ManagedKey
  before: string | undefined
  after: string
}

export interface PopulatePlan {
  add: { name: string; values: ProfileValues }[]
  update: { name: string; values: ProfileValues; changes: PlannedChange[] }[]
  remove: { name: string; values: ProfileValues; reason: 'no longer assigned' | 'renamed' }[]
  unchanged: string[]
  /** Wanted names that exist but are not populate's own for this session: left alone. */
  skipped: { name: string; reason: string }[]
}

/** Fills the template and makes the name portable, letters transliterated (core's profileNameFromTemplate). */
export const profileName = profileNameFromTemplate

/** Rejects templates with unknown `{placeholders}` or none that tells roles apart. */
export function checkTemplate(template: string): void {
  const used = [...template.matchAll(/\{(\w*)\}/g)].map((m) => m[1]!)
  const unknown = used.filter((v) => !(TEMPLATE_VARIABLES as readonly string[]).includes(v))
  if (unknown.length > 0) {
    throw new IdcError(
      'invalid-argument',
      `Unknown template placeholder ${unknown.map((u) => `{${u}}`).join(', ')} in --template.`,
      {
        hint: `Use ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(', ')}, e.g. --template '${DEFAULT_TEMPLATE}'.`,
      },
    )
  }
  if (!used.includes('role_name') || !(used.includes('account_name') || used.includes('account_id'))) {
    throw new IdcError(
      'invalid-argument',
      '--template must contain {role_name} and {account_name} or {account_id}, or profiles would overwrite each other.',
      { hint: `For example --template '${DEFAULT_TEMPLATE}' or '{account_id}-{role_name}'.` },
    )
  }
}

/** What `populate` would change: pure, so `--dry-run` and the tests see exactly what is written. */
export function planPopulate(options: {
  session: string
  accounts: readonly AccountWithRoles[]
  existing: readonly ExistingProfile[]
  template: string
  region?: string | undefined
  prune: boolean
}): PopulatePlan {
  const plan: PopulatePlan = { add: [], update: [], remove: [], unchanged: [], skipped: [] }
  const existing = new Map(options.existing.map((p) => [p.name, p]))
  const wanted = new Set<string>()
  const live = new Set<string>()
  const accounts = [...options.accounts].sort((a, b) => a.accountId.localeCompare(b.accountId))
  for (const account of accounts) {
    for (const role of [...new Set(account.roles)].sort(naturalCompare)) {
      live.add(`${account.accountId}/${role}`)
      const vars = {
        account_name: account.accountName || account.accountId,
        account_id: account.accountId,
        role_name: role,
        session: options.session,
      }
      let name = profileName(options.template, vars)
      // Two accounts with the same name: the later one (by account ID) gets the ID appended.
      if (wanted.has(name)) name = profileName(`${name}-${account.accountId}`, vars)
      if (!name || wanted.has(name)) {
        plan.skipped.push({
          name: name || `(empty name for ${account.accountId}/${role})`,
          reason: 'the template gives the same name to another account and role',
        })
        continue
      }
      wanted.add(name)
      const values: ProfileValues = {
        sso_session: options.session,
        sso_account_id: account.accountId,
        sso_role_name: role,
        ...(options.region ? { region: options.region } : {}),
        [MARKER_KEY]: options.session,
      }
      const before = existing.get(name)
      if (!before) {
        plan.add.push({ name, values })
        continue
      }
      const owner = before.values[MARKER_KEY]
      if (owner !== options.session || before.editable === false) {
        plan.skipped.push({
          name,
          reason:
            before.editable === false
              ? 'the profile exists in the credentials file or cannot be read alike by the AWS CLI and the JS SDK'
              : owner
                ? `written by populate for sso-session ${owner}`
                : 'the profile exists and was not written by populate',
        })
        continue
      }
      const changes: PlannedChange[] = []
      for (const key of MANAGED_KEYS) {
        const after = values[key]
        if (after !== undefined && before.values[key] !== after) {
          changes.push({ key, before: before.values[key], after })
        }
      }
      if (changes.length === 0) plan.unchanged.push(name)
      else plan.update.push({ name, values, changes })
    }
  }
  if (options.prune) {
    for (const p of options.existing) {
      if (wanted.has(p.name) || p.values[MARKER_KEY] !== options.session || p.editable === false) continue
      const still = live.has(`${p.values.sso_account_id}/${p.values.sso_role_name}`)
      plan.remove.push({ name: p.name, values: p.values, reason: still ? 'renamed' : 'no longer assigned' })
    }
  }
  // People read (and the file keeps) the names in natural order: "Shared Services 8" before "53".
  const byName = (a: { name: string }, b: { name: string }) => naturalCompare(a.name, b.name)
  plan.add.sort(byName)
  plan.update.sort(byName)
  plan.remove.sort(byName)
  plan.skipped.sort(byName)
  plan.unchanged.sort(naturalCompare)
  return plan
}

/** The plan as diff lines: `+` added, `~` changed, `-` removed, `!` left alone. */
export function planDiff(plan: PopulatePlan): string[] {
  const lines: string[] = []
  const show = (v: ProfileValues) =>
    `${v.sso_account_id ?? '?'} ${v.sso_role_name ?? '?'}${v.region ? ` region=${v.region}` : ''}`
  for (const a of plan.add) lines.push(`+ [profile ${a.name}] ${show(a.values)}`)
  for (const u of plan.update) {
    const changes = u.changes.map((c) => `${c.key}: ${c.before ?? '(none)'} -> ${c.after}`).join(', ')
    lines.push(`~ [profile ${u.name}] ${changes}`)
  }
  for (const r of plan.remove) lines.push(`- [profile ${r.name}] ${show(r.values)} (${r.reason})`)
  for (const s of plan.skipped) lines.push(`! [profile ${s.name}] left alone: ${s.reason}`)
  return lines
}

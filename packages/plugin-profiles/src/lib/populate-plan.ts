import type { AccountWithRoles } from '@idc/core'

export const DEFAULT_TEMPLATE = '{account_name}-{role_name}'

/** A profile as populate sees it: the keys it writes. */
export interface ProfileValues {
  sso_session: string
  sso_account_id: string
  sso_role_name: string
  region?: string | undefined
}

export interface ExistingProfile {
  name: string
  values: Partial<Record<keyof ProfileValues, string>>
}

export interface PopulatePlan {
  add: { name: string; values: ProfileValues }[]
  update: { name: string; values: ProfileValues; before: ExistingProfile['values'] }[]
  remove: { name: string; values: ExistingProfile['values'] }[]
  unchanged: string[]
}

/**
 * `{account_name}`, `{account_id}`, `{role_name}`, `{session}` filled in; characters that the AWS
 * CLI and the JS SDK do not both read back in a section name become `-`.
 */
export function profileName(template: string, vars: Record<string, string>): string {
  const filled = template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole)
  return filled
    .replace(/[^A-Za-z0-9_\-.@+%:/]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
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
  const plan: PopulatePlan = { add: [], update: [], remove: [], unchanged: [] }
  const existing = new Map(options.existing.map((p) => [p.name, p]))
  const wanted = new Set<string>()
  const live = new Set<string>()
  for (const account of options.accounts) {
    for (const role of [...account.roles].sort()) {
      live.add(`${account.accountId}/${role}`)
      const name = profileName(options.template, {
        account_name: account.accountName ?? account.accountId,
        account_id: account.accountId,
        role_name: role,
        session: options.session,
      })
      if (!name || wanted.has(name)) continue
      wanted.add(name)
      const values: ProfileValues = {
        sso_session: options.session,
        sso_account_id: account.accountId,
        sso_role_name: role,
        ...(options.region ? { region: options.region } : {}),
      }
      const before = existing.get(name)
      if (!before) plan.add.push({ name, values })
      else if (
        before.values.sso_session === values.sso_session &&
        before.values.sso_account_id === values.sso_account_id &&
        before.values.sso_role_name === values.sso_role_name &&
        (options.region === undefined || before.values.region === options.region)
      ) {
        plan.unchanged.push(name)
      } else plan.update.push({ name, values, before: before.values })
    }
  }
  if (options.prune) {
    for (const p of options.existing) {
      if (wanted.has(p.name) || p.values.sso_session !== options.session) continue
      if (!p.values.sso_account_id || !p.values.sso_role_name) continue
      if (!live.has(`${p.values.sso_account_id}/${p.values.sso_role_name}`)) {
        plan.remove.push({ name: p.name, values: p.values })
      }
    }
  }
  return plan
}

/** The plan as diff lines (`+` add, `~` update, `-` remove). */
export function planDiff(plan: PopulatePlan): string[] {
  const lines: string[] = []
  const show = (v: Partial<ProfileValues>) =>
    `${v.sso_account_id ?? '?'} ${v.sso_role_name ?? '?'}${v.region ? ` (${v.region})` : ''}`
  for (const a of plan.add) lines.push(`+ [profile ${a.name}] ${show(a.values)}`)
  for (const u of plan.update) lines.push(`~ [profile ${u.name}] ${show(u.before)} -> ${show(u.values)}`)
  for (const r of plan.remove) lines.push(`- [profile ${r.name}] ${show(r.values)}`)
  return lines
}

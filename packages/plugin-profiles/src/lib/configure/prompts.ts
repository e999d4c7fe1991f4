/**
 * `configure` on a terminal: asks for what the flags leave out, signs in the way `login` does
 * (reusing a valid cached sign-in), and lets the user pick the account and role from the portal.
 * @inquirer/prompts is loaded lazily: it costs start-up time the scripted path does not need.
 */
import { type CommandContext, describeExpiry, signIn, type Ui } from '@idc/cli-kit'
import {
  type Account,
  type ConfigFiles,
  checkAccountIdArgument,
  checkRegionArgument,
  checkScopesArgument,
  checkStartUrlArgument,
  DEFAULT_PROFILE_TEMPLATE,
  getToken,
  IdcError,
  listAccounts,
  listRoles,
  listSsoSessions,
  naturalCompare,
  parseScopes,
  profileNameFromTemplate,
  type ResolvedTarget,
  resolveTarget,
} from '@idc/core'
import {
  type Answers,
  type ConfigureFlags,
  checkName,
  DEFAULT_SCOPES,
  existingValues,
  OUTPUTS,
  repointOf,
} from './plan.js'

export interface PromptOptions {
  files: ConfigFiles
  flags: ConfigureFlags & { 'use-device-code'?: boolean | undefined; browser?: boolean | undefined }
  ui: Ui
  context: () => CommandContext
}

export async function askAnswers(options: PromptOptions): Promise<Answers> {
  // The prompt packages alone, not @inquirer/prompts (its editor prompt brings iconv-lite and chardet).
  const [{ default: input }, { default: search }, { default: select }, { default: confirm }] =
    await Promise.all([
      import('@inquirer/input'),
      import('@inquirer/search'),
      import('@inquirer/select'),
      import('@inquirer/confirm'),
    ])
  const { files, ui } = options
  const f = options.flags
  // A check that may be async (known regions): the prompt shows its message and stays.
  const ask = async (message: string, check: (v: string) => unknown, fallback?: string) =>
    (
      await input({
        message,
        default: fallback,
        validate: async (v) => {
          try {
            await check(v.trim())
            return true
          } catch (error) {
            return IdcError.is(error) && error.hint
              ? `${error.message} ${error.hint}`
              : String((error as Error).message)
          }
        },
      })
    ).trim()

  const session =
    f['sso-session'] ??
    (await ask('SSO session name', (v) => checkName(v, 'sso-session'), listSsoSessions(files)[0]))
  const known = existingValues(files, session, f.profile)
  const startUrl =
    f['start-url'] ??
    (await ask('SSO start URL', (v) => checkStartUrlArgument(v, 'the start URL'), known.session.startUrl))
  const ssoRegion =
    f['sso-region'] ??
    (await ask('SSO region', (v) => checkRegionArgument(v, 'the SSO region'), known.session.ssoRegion))
  const scopes =
    f.scopes ??
    (await ask(
      'SSO registration scopes',
      (v) => checkScopesArgument(v, 'the scopes'),
      known.session.scopes ?? DEFAULT_SCOPES,
    ))

  const target = await resolveTarget(
    { from: 'values', startUrl, ssoRegion, sessionName: session, registrationScopes: parseScopes(scopes) },
    options.context(),
  )
  await ensureSignedIn(target, options)
  const ctx = options.context()

  let accountId = f['account-id']
  let accountName: string | undefined
  if (accountId) checkAccountIdArgument(accountId)
  else {
    const accounts = (await listAccounts(target, ctx)).sort((a, b) =>
      naturalCompare(a.accountName ?? a.accountId, b.accountName ?? b.accountId),
    )
    if (accounts.length === 0) {
      throw new IdcError('forbidden', `No AWS accounts are assigned to you in ${startUrl}.`, {
        hint: 'Ask your administrator to assign you a permission set in an account.',
      })
    }
    const label = (a: Account) =>
      `${a.accountName ?? a.accountId} (${a.accountId}${a.emailAddress ? `, ${a.emailAddress}` : ''})`
    if (accounts.length === 1) {
      accountId = accounts[0]!.accountId
      ui.info(`There is 1 AWS account available to you: ${label(accounts[0]!)}.`)
    } else {
      const choices = accounts.map((a) => ({ name: label(a), value: a.accountId }))
      accountId =
        accounts.length <= 10
          ? await select({ message: `Account (${accounts.length} available)`, choices })
          : await search({
              message: `Account (${accounts.length} available, type to filter)`,
              source: (term) => {
                const t = (term ?? '').toLowerCase()
                return choices.filter((c) => c.name.toLowerCase().includes(t))
              },
            })
    }
    accountName = accounts.find((a) => a.accountId === accountId)?.accountName
  }

  let roleName = f['role-name']
  if (!roleName) {
    const roles = (await listRoles(target, accountId, ctx)).sort((a, b) =>
      naturalCompare(a.roleName, b.roleName),
    )
    if (roles.length === 0) {
      throw new IdcError('forbidden', `You have no roles in account ${accountId}.`, {
        hint: 'Pick another account, or ask your administrator for a permission set in this one.',
      })
    }
    if (roles.length === 1) {
      roleName = roles[0]!.roleName
      ui.info(`There is 1 role available to you in ${accountId}: ${roleName}.`)
    } else {
      roleName = await select({
        message: `Role (${roles.length} available)`,
        choices: roles.map((r) => ({ name: r.roleName, value: r.roleName })),
      })
    }
  }

  // The name `populate` would give this account and role, so both commands agree.
  const suggested = profileNameFromTemplate(DEFAULT_PROFILE_TEMPLATE, {
    account_name: accountName || accountId,
    account_id: accountId,
    role_name: roleName,
    session,
  })
  let profile = f.profile
  for (;;) {
    profile ??= await ask('Profile name', (v) => checkName(v, 'profile'), suggested)
    const before = existingValues(files, session, profile).profile
    const repointed = repointOf(before, { accountId, roleName })
    if (!repointed) break
    // Never repoint an existing profile silently: its users expect the account they set up.
    const change = await confirm({
      message: `[profile ${profile}] is account ${repointed.accountId ?? '(none)'}, role ${repointed.roleName ?? '(none)'}. Change it to account ${accountId}, role ${roleName}?`,
      default: false,
    })
    if (change) break
    if (f.profile) {
      throw new IdcError('invalid-argument', `Left [profile ${profile}] as it was.`, {
        hint: 'Run configure again with another --profile name.',
      })
    }
    profile = undefined
  }
  const current = existingValues(files, session, profile).profile
  const region =
    f.region ??
    ((await ask(
      'Default client region (empty: none)',
      (v) => v === '' || checkRegionArgument(v, 'the region'),
      current['region'],
    )) ||
      undefined)
  const output =
    f.output ??
    (await select({
      message: 'Default output format',
      default: current['output'] ?? 'json',
      choices: [...OUTPUTS.map((o) => ({ name: o, value: o as string })), { name: '(none)', value: '' }],
    }))
  return {
    session,
    startUrl,
    ssoRegion,
    scopes,
    profile,
    accountId,
    roleName,
    region,
    output: output || undefined,
  }
}

/** Reuses a valid cached sign-in, else signs in as `login` does. */
async function ensureSignedIn(target: ResolvedTarget, options: PromptOptions): Promise<void> {
  try {
    const token = await getToken(target, options.context())
    options.ui.info(
      `Using the cached sign-in of sso-session ${target.sessionName}, expires ${describeExpiry(token.expiresAt)}.`,
    )
    return
  } catch (error) {
    if (!IdcError.is(error)) throw error
    options.context().debug(`no usable token: ${error.message}`)
  }
  await signIn(
    {
      from: 'values',
      startUrl: target.startUrl,
      ssoRegion: target.ssoRegion,
      sessionName: target.sessionName,
      registrationScopes: target.registrationScopes,
    },
    {
      context: options.context(),
      ui: options.ui,
      useDeviceCode: options.flags['use-device-code'],
      browser: options.flags.browser === false ? false : undefined,
      force: true,
    },
  )
}

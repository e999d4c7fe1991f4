import { BaseCommand, describeExpiry, paragraphs } from '@idc/cli-kit'
import {
  type Account,
  type AccountRole,
  type ConfigFiles,
  checkSectionName,
  editIniFile,
  getProfile,
  getSsoSession,
  getToken,
  IdcError,
  listAccounts,
  listRoles,
  loadConfigFiles,
  login,
  parseScopes,
  type ResolvedTarget,
  resolveTarget,
  type SectionRef,
  sectionsIn,
} from '@idc/core'
import { Flags } from '@oclif/core'
import { setValues } from '../lib/config-edit.js'

export interface ConfigureJson {
  configFile: string
  ssoSession: { name: string; values: Record<string, string> }
  profile?: { name: string; values: Record<string, string> } | undefined
}

interface Answers {
  session: string
  startUrl: string
  ssoRegion: string
  /** undefined: leave an existing session without the key. */
  scopes?: string | undefined
  profile?: string | undefined
  accountId?: string | undefined
  roleName?: string | undefined
  region?: string | undefined
  output?: string | undefined
}

const DEFAULT_SCOPES = 'sso:account:access'
const OUTPUTS = ['json', 'yaml', 'yaml-stream', 'text', 'table'] as const
const REGION = /^[a-z0-9]+(-[a-z0-9]+)*$/
const ACCOUNT_ID = /^\d{12}$/

/** What an existing config already says about the session and profile (prompt defaults, flag fallbacks). */
interface Existing {
  session: { startUrl?: string; ssoRegion?: string; scopes?: string }
  profile: Record<string, string | undefined>
}

export default class Configure extends BaseCommand<typeof Configure> {
  static override summary = 'Write an [sso-session] and a [profile] into the AWS config file.'
  static override description =
    paragraphs(`Writes the same sections and keys as \`aws configure sso\`: [sso-session NAME] with sso_start_url,
sso_region and sso_registration_scopes, and [profile NAME] with sso_session, sso_account_id,
sso_role_name, region and output. The AWS CLI v2 and the AWS SDKs read the result. Keys of
existing sections are updated in place; every other line of the file keeps its bytes, and the
file is written once, atomically, at the end (Ctrl-C before that changes nothing).

On a terminal it asks for what the flags leave out: the session, then signs you in (reusing a
valid cached sign-in, else as \`login\` does), lists your accounts and roles to pick from, and
asks for the profile name, client region and output format. With --non-interactive, --json, or
without a terminal, nothing is asked: give the values as flags (an existing sso-session supplies
its start URL, region and scopes). No sign-in happens then.`)

  static override examples = [
    {
      description: 'Step by step, picking the account and role from lists',
      command: '<%= config.bin %> <%= command.id %>',
    },
    {
      description: 'Scripted (no prompts, no sign-in)',
      command:
        '<%= config.bin %> <%= command.id %> --non-interactive --sso-session corp --start-url https://my-org.awsapps.com/start --sso-region us-east-1 --profile dev --account-id 111122223333 --role-name Developer --region eu-west-1 --output json',
    },
    {
      description: 'Add a profile to an sso-session that is already configured',
      command:
        '<%= config.bin %> <%= command.id %> --non-interactive --sso-session corp --profile prod --account-id 444455556666 --role-name ReadOnly',
    },
    {
      description: 'Only the sso-session (then `login --sso-session corp`)',
      command:
        '<%= config.bin %> <%= command.id %> --non-interactive --sso-session corp --start-url https://my-org.awsapps.com/start --sso-region us-east-1',
    },
  ]

  static override flags = {
    'sso-session': Flags.string({ description: 'The [sso-session] name.', helpValue: '<name>' }),
    'start-url': Flags.string({
      description: 'The AWS access portal URL (https).',
      helpValue: '<url>',
    }),
    'sso-region': Flags.string({ description: 'The region of IAM Identity Center.', helpValue: '<region>' }),
    scopes: Flags.string({
      description: `Registration scopes, comma-separated (default ${DEFAULT_SCOPES}).`,
      helpValue: '<scopes>',
    }),
    profile: Flags.string({
      description: 'The profile to write (none: only the sso-session).',
      helpGroup: 'GLOBAL',
      helpValue: '<name>',
    }),
    'account-id': Flags.string({ description: "The profile's account ID.", helpValue: '<id>' }),
    'role-name': Flags.string({
      description: "The profile's role (permission set) name.",
      helpValue: '<name>',
    }),
    region: Flags.string({
      description: "The profile's default client region.",
      helpGroup: 'GLOBAL',
      helpValue: '<region>',
    }),
    output: Flags.string({
      description: "The profile's default output format for the AWS CLI.",
      options: [...OUTPUTS],
    }),
    'non-interactive': Flags.boolean({
      description:
        'Never prompt or sign in; fail when a required value is missing (implied without a terminal).',
      default: false,
    }),
    'use-device-code': Flags.boolean({
      description: 'When signing in, use the device code flow instead of the browser (PKCE).',
      default: false,
    }),
    browser: Flags.boolean({
      description: 'When signing in, open the browser (--no-browser: only print the URL).',
      default: true,
      allowNo: true,
    }),
  }

  async run(): Promise<ConfigureJson> {
    const flags = this.flags
    const interactive =
      !flags['non-interactive'] &&
      !this.jsonEnabled() &&
      Boolean(process.stdin.isTTY) &&
      Boolean(process.stdout.isTTY)
    const files = await loadConfigFiles({ env: process.env })
    const answers = interactive ? await this.ask(files) : this.fromFlags(files)
    const configFile = files.config.path

    const sessionValues: Record<string, string> = {
      sso_start_url: answers.startUrl,
      sso_region: answers.ssoRegion,
      ...(answers.scopes !== undefined ? { sso_registration_scopes: answers.scopes } : {}),
    }
    let profile: ConfigureJson['profile']
    let profileValues: Record<string, string> | undefined
    let conflicting: string[] = []
    if (answers.profile) {
      profileValues = { sso_session: answers.session }
      if (answers.accountId) profileValues['sso_account_id'] = answers.accountId
      if (answers.roleName) profileValues['sso_role_name'] = answers.roleName
      if (answers.region) profileValues['region'] = answers.region
      if (answers.output) profileValues['output'] = answers.output
      // Legacy keys left in the profile that now disagree with the session: the AWS CLI would refuse
      // the profile ("inconsistent between profile and sso-session"), so they go.
      const existing = existingValues(files, answers.session, answers.profile).profile
      conflicting = ['sso_start_url', 'sso_region', 'sso_registration_scopes'].filter(
        (k) => existing[k] !== undefined && existing[k] !== sessionValues[k],
      )
      profile = { name: answers.profile, values: profileValues }
    }
    await editIniFile(configFile, (text) => {
      let out = setValues(text, sessionRef(answers.session), sessionValues)
      if (answers.profile && profileValues) {
        out = setValues(out, profileRef(answers.profile), profileValues, conflicting)
      }
      return out
    })

    this.ui.info(
      `Wrote [sso-session ${answers.session}]${profile ? ` and [profile ${profile.name}]` : ''} to ${configFile}.`,
    )
    if (conflicting.length > 0) {
      this.ui.info(
        `Removed ${conflicting.join(', ')} from [profile ${answers.profile}] (the sso-session has them).`,
      )
    }
    const bin = this.config.bin
    this.ui.info(
      profile
        ? `Next: ${bin} login --profile ${profile.name}, then ${bin} creds --profile ${profile.name} (or aws ... --profile ${profile.name}).`
        : `Next: ${bin} login --sso-session ${answers.session}, then ${bin} populate --sso-session ${answers.session}.`,
    )
    return { configFile, ssoSession: { name: answers.session, values: sessionValues }, profile }
  }

  private fromFlags(files: ConfigFiles): Answers {
    const f = this.flags
    const session = f['sso-session']
    if (!session) {
      throw new IdcError('invalid-argument', 'Missing --sso-session.', {
        hint: 'Give the values as flags (see `aws-idc configure --help`), or run `aws-idc configure` on a terminal to be asked.',
      })
    }
    checkName(session, 'sso-session')
    const existing = existingValues(files, session, f.profile)
    const startUrl = f['start-url'] ?? existing.session.startUrl
    const ssoRegion = f['sso-region'] ?? existing.session.ssoRegion
    const missing = [startUrl ? undefined : '--start-url', ssoRegion ? undefined : '--sso-region'].filter(
      (m): m is string => m !== undefined,
    )
    if (missing.length > 0) {
      throw new IdcError('invalid-argument', `Missing ${missing.join(', ')}.`, {
        hint: `The [sso-session ${session}] is not configured yet: give ${missing.join(' and ')}, or run \`aws-idc configure\` on a terminal to be asked.`,
      })
    }
    if (f.profile && (!f['account-id'] || !f['role-name'])) {
      throw new IdcError('invalid-argument', '--profile needs --account-id and --role-name.', {
        hint: 'List them with `aws-idc accounts` and `aws-idc roles` after signing in, or run `aws-idc configure` on a terminal to pick them.',
      })
    }
    const answers: Answers = {
      session,
      startUrl: checkStartUrl(startUrl!),
      ssoRegion: checkRegion(ssoRegion!, '--sso-region'),
      scopes: checkScopes(f.scopes ?? (existing.exists ? existing.session.scopes : DEFAULT_SCOPES)),
      profile: f.profile === undefined ? undefined : checkName(f.profile, 'profile'),
      accountId: f['account-id'] === undefined ? undefined : checkAccountId(f['account-id']),
      roleName: f['role-name'],
      region: f.region === undefined ? undefined : checkRegion(f.region, '--region'),
      output: f.output,
    }
    return answers
  }

  /** Prompts (lazily loaded: @inquirer/prompts costs start-up time) for whatever the flags left out. */
  private async ask(files: ConfigFiles): Promise<Answers> {
    const { input, search, select } = await import('@inquirer/prompts')
    const f = this.flags
    const ask = async (message: string, check: (v: string) => unknown, fallback?: string) =>
      (
        await input({
          message,
          default: fallback,
          validate: (v) => {
            try {
              check(v.trim())
              return true
            } catch (error) {
              return error instanceof Error ? error.message : String(error)
            }
          },
        })
      ).trim()

    const sessions = [...sectionsIn(files.config, 'sso-session')]
      .filter(([, r]) => r !== 'js-sdk')
      .map(([n]) => n)
    const session =
      f['sso-session'] ?? (await ask('SSO session name', (v) => checkName(v, 'sso-session'), sessions[0]))
    const known = existingValues(files, session, f.profile)
    const startUrl = f['start-url'] ?? (await ask('SSO start URL', checkStartUrl, known.session.startUrl))
    const ssoRegion =
      f['sso-region'] ??
      (await ask('SSO region', (v) => checkRegion(v, 'the SSO region'), known.session.ssoRegion))
    const scopes =
      f.scopes ?? (await ask('SSO registration scopes', checkScopes, known.session.scopes ?? DEFAULT_SCOPES))

    const target = await resolveTarget(
      { from: 'values', startUrl, ssoRegion, sessionName: session, registrationScopes: parseScopes(scopes) },
      this.context(),
    )
    await this.signIn(target)
    const ctx = this.context()

    let accountId = f['account-id']
    if (!accountId) {
      const accounts = (await listAccounts(target, ctx)).sort(byAccountName)
      if (accounts.length === 0) {
        throw new IdcError('forbidden', `No AWS accounts are assigned to you in ${startUrl}.`, {
          hint: 'Ask your administrator to assign you a permission set in an account.',
        })
      }
      const label = (a: Account) =>
        `${a.accountName ?? a.accountId} (${a.accountId}${a.emailAddress ? `, ${a.emailAddress}` : ''})`
      if (accounts.length === 1) {
        accountId = accounts[0]!.accountId
        this.ui.info(`There is 1 AWS account available to you: ${label(accounts[0]!)}.`)
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
    }
    checkAccountId(accountId)

    let roleName = f['role-name']
    if (!roleName) {
      const roles = (await listRoles(target, accountId, ctx)).sort((a: AccountRole, b: AccountRole) =>
        a.roleName.localeCompare(b.roleName),
      )
      if (roles.length === 0) {
        throw new IdcError('forbidden', `You have no roles in account ${accountId}.`, {
          hint: 'Pick another account, or ask your administrator for a permission set in this one.',
        })
      }
      if (roles.length === 1) {
        roleName = roles[0]!.roleName
        this.ui.info(`There is 1 role available to you in ${accountId}: ${roleName}.`)
      } else {
        roleName = await select({
          message: `Role (${roles.length} available)`,
          choices: roles.map((r) => ({ name: r.roleName, value: r.roleName })),
        })
      }
    }

    const profile =
      f.profile ?? (await ask('Profile name', (v) => checkName(v, 'profile'), `${roleName}-${accountId}`))
    const current = existingValues(files, session, profile).profile
    const region =
      f.region ??
      ((await ask(
        'Default client region (empty: none)',
        (v) => v === '' || checkRegion(v, 'the region'),
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

  /** Reuses a valid cached sign-in, else signs in as `login` does (its command when installed). */
  private async signIn(target: ResolvedTarget): Promise<void> {
    try {
      const token = await getToken(target, this.context())
      this.ui.info(
        `Using the cached sign-in of sso-session ${target.sessionName}, expires ${describeExpiry(token.expiresAt)}.`,
      )
      return
    } catch (error) {
      if (!IdcError.is(error)) throw error
      this.ui.debug(`no usable token: ${error.message}`)
    }
    const f = this.flags
    if (this.config.findCommand('login')) {
      await this.config.runCommand('login', [
        '--start-url',
        target.startUrl,
        '--sso-region',
        target.ssoRegion,
        '--sso-session',
        target.sessionName!,
        ...(target.registrationScopes ? ['--scopes', target.registrationScopes.join(',')] : []),
        ...(f['use-device-code'] ? ['--use-device-code'] : []),
        ...(f.browser ? [] : ['--no-browser']),
        ...(f.debug ? ['--debug'] : []),
      ])
      return
    }
    // This plugin installed without @idc/plugin-sso: the device code flow, printed.
    const wait = { line: undefined as ReturnType<typeof this.ui.wait> | undefined }
    const result = await login(target, {
      ...this.context(),
      flow: 'device',
      onVerification: (v) => {
        this.ui.info(`To sign in, open ${v.verificationUri}`)
        this.ui.info(`and enter the code: ${v.userCode}`)
        wait.line = this.ui.wait('Waiting for approval', { deadline: v.expiresAt })
      },
      onProgress: (p) => wait.line?.update({ remainingMs: p.remainingMs }),
    })
    wait.line?.stop()
    this.ui.info(
      `Signed in (sso-session ${target.sessionName}), expires ${describeExpiry(result.expiresAt)}.`,
    )
  }
}

function sessionRef(name: string): SectionRef {
  return { file: 'config', type: 'sso-session', name }
}

function profileRef(name: string): SectionRef {
  return { file: 'config', type: 'profile', name }
}

function byAccountName(a: Account, b: Account): number {
  return (a.accountName ?? a.accountId).localeCompare(b.accountName ?? b.accountId)
}

/** Values already in the config: a key both tools read differently counts as absent. */
function existingValues(
  files: ConfigFiles,
  session: string,
  profile: string | undefined,
): Existing & { exists: boolean } {
  const read = (section: ReturnType<typeof getSsoSession>, key: string) => section?.peek(key)
  const s = getSsoSession(files, session)
  const p = profile ? getProfile(files, profile) : undefined
  const profileValues: Record<string, string | undefined> = {}
  for (const key of ['sso_start_url', 'sso_region', 'sso_registration_scopes', 'region', 'output']) {
    profileValues[key] = read(p, key)
  }
  const startUrl = read(s, 'sso_start_url')
  const ssoRegion = read(s, 'sso_region')
  const scopes = read(s, 'sso_registration_scopes')
  return {
    exists: s !== undefined,
    session: {
      ...(startUrl ? { startUrl } : {}),
      ...(ssoRegion ? { ssoRegion } : {}),
      ...(scopes !== undefined ? { scopes } : {}),
    },
    profile: profileValues,
  }
}

/** The portable name rule of @idc/core's writer (docs/reference.md#portable-ini), checked before anything is asked or signed in. */
function checkName(name: string, what: 'sso-session' | 'profile'): string {
  checkSectionName({ file: 'config', type: what, name })
  return name
}

function checkStartUrl(value: string): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || url.hostname === '') {
    throw new IdcError('invalid-argument', `Not a start URL: ${JSON.stringify(value)}.`, {
      hint: 'Give the AWS access portal URL, e.g. https://d-1234567890.awsapps.com/start.',
    })
  }
  if (url.protocol !== 'https:') {
    throw new IdcError('invalid-argument', `The start URL must use https: ${value}.`, {
      hint: 'The AWS CLI (2.35.13 and later) rejects other schemes; use the https:// portal URL.',
    })
  }
  return value
}

function checkRegion(value: string, what: string): string {
  if (!REGION.test(value)) {
    throw new IdcError('invalid-argument', `${what} is not an AWS Region: ${JSON.stringify(value)}.`, {
      hint: 'Give a Region such as us-east-1.',
    })
  }
  return value
}

function checkAccountId(value: string): string {
  if (!ACCOUNT_ID.test(value)) {
    throw new IdcError('invalid-argument', `Not an AWS account ID: ${JSON.stringify(value)}.`, {
      hint: 'Give the 12-digit account ID (see `aws-idc accounts`).',
    })
  }
  return value
}

/** As `aws configure sso`: comma-separated, no whitespace inside a scope. */
function checkScopes(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const items = value.split(',').map((s) => s.trim())
  if (items.some((s) => /\s/.test(s)) || parseScopes(value).length === 0) {
    throw new IdcError('invalid-argument', `Invalid scopes: ${JSON.stringify(value)}.`, {
      hint: `Give comma-separated scopes without spaces inside one, e.g. ${DEFAULT_SCOPES}.`,
    })
  }
  return items.filter(Boolean).join(',')
}

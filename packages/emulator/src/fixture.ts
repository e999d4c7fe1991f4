import { readFileSync } from 'node:fs'

/** One account in the organisation, as ListAccounts reports it. */
export interface FixtureAccount {
  id: string
  name: string
  email: string
}

/** A workforce user: sign-in name, password for the sign-in page, and permission-set roles per account id. */
export interface FixtureUser {
  name: string
  password: string
  roles: Record<string, string[]>
}

/**
 * A role that role sessions may assume with STS AssumeRole (docs: "Role chaining" in the emulator
 * README). `from` says who: `*` (any role session), `<account>/<PermissionSet>` (a permission-set
 * role) or an IAM role ARN (a session assumed before: chains); `*` is a wildcard in both fields and
 * `<account>` in `roleArn` stands for each account the signed-in user has a role in.
 */
export interface FixtureAssumableRole {
  from: string
  roleArn: string
  /** When set, AssumeRole must send this ExternalId. */
  externalId?: string | undefined
}

/** Lifetimes, all in seconds. */
export interface FixtureLifetimes {
  /** CreateToken `expiresIn`. */
  accessTokenSeconds: number
  /** How long a sign-in session (and so its refresh tokens) lasts. */
  sessionSeconds: number
  /** GetRoleCredentials `expiration` = now + this. */
  roleCredentialsSeconds: number
  /** StartDeviceAuthorization `expiresIn`. */
  deviceCodeSeconds: number
  /** How long a PKCE authorization code (and a pending /authorize decision) stays usable. */
  authCodeSeconds: number
  /** RegisterClient `clientSecretExpiresAt` = issuedAt + this. */
  registrationSeconds: number
}

/** A fully resolved fixture: every field present and validated. */
export interface Fixture {
  startUrl: string
  region: string
  users: FixtureUser[]
  accounts: FixtureAccount[]
  lifetimes: FixtureLifetimes
  /** StartDeviceAuthorization `interval` (seconds); polls faster than this get SlowDownException. */
  pollingIntervalSeconds: number
  /** ListAccounts / ListAccountRoles page size when the caller sends no `max_result`. */
  pageSize: number
  /** Whether the refresh_token grant issues a new refresh token and invalidates the old one. */
  rotateRefreshTokens: boolean
  /** Which roles role sessions may assume (STS AssumeRole); sessions of a user stay that user's. */
  assumableRoles: FixtureAssumableRole[]
}

/** What callers may pass: any field may be left out and takes the built-in default. */
export type FixtureInput = Partial<Omit<Fixture, 'lifetimes'>> & { lifetimes?: Partial<FixtureLifetimes> }

export class FixtureError extends Error {
  override name = 'FixtureError'
}

export const DEFAULT_LIFETIMES: FixtureLifetimes = {
  accessTokenSeconds: 3600,
  sessionSeconds: 8 * 3600,
  roleCredentialsSeconds: 3600,
  deviceCodeSeconds: 600,
  authCodeSeconds: 300,
  registrationSeconds: 90 * 24 * 3600,
}

/** The role AWS Organizations creates in every member account: every user's sessions may assume it. */
export const DEFAULT_ASSUMABLE_ROLE: FixtureAssumableRole = {
  from: '*',
  roleArn: 'arn:aws:iam::<account>:role/OrganizationAccountAccessRole',
}

export const DEFAULT_FIXTURE: Fixture = {
  startUrl: 'https://d-1234567890.awsapps.com/start',
  region: 'us-east-1',
  users: [
    {
      name: 'alice',
      password: 'alice-password',
      roles: {
        '111111111111': ['AdministratorAccess', 'ReadOnly'],
        '222222222222': ['AdministratorAccess', 'ReadOnly'],
        '333333333333': ['ReadOnly'],
      },
    },
    {
      name: 'bob',
      password: 'bob-password',
      roles: { '111111111111': ['ReadOnly'] },
    },
  ],
  accounts: [
    { id: '111111111111', name: 'dev', email: 'aws-dev@example.com' },
    { id: '222222222222', name: 'staging', email: 'aws-staging@example.com' },
    { id: '333333333333', name: 'prod', email: 'aws-prod@example.com' },
  ],
  lifetimes: DEFAULT_LIFETIMES,
  pollingIntervalSeconds: 1,
  pageSize: 20,
  rotateRefreshTokens: true,
  assumableRoles: [DEFAULT_ASSUMABLE_ROLE],
}

const ACCOUNT_ID = /^\d{12}$/
// Permission-set names: 1-32 chars of [\w+=,.@-] (IAM Identity Center limit).
const ROLE_NAME = /^[\w+=,.@-]{1,32}$/

/** Fill defaults and validate; errors name the offending field, e.g. `users[0].roles["9"]`. */
export function resolveFixture(input: FixtureInput = {}): Fixture {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FixtureError('fixture: expected a JSON object')
  }
  const fixture: Fixture = {
    startUrl: input.startUrl ?? DEFAULT_FIXTURE.startUrl,
    region: input.region ?? DEFAULT_FIXTURE.region,
    users: input.users ?? DEFAULT_FIXTURE.users,
    accounts: input.accounts ?? DEFAULT_FIXTURE.accounts,
    lifetimes: { ...DEFAULT_LIFETIMES, ...input.lifetimes },
    pollingIntervalSeconds: input.pollingIntervalSeconds ?? DEFAULT_FIXTURE.pollingIntervalSeconds,
    pageSize: input.pageSize ?? DEFAULT_FIXTURE.pageSize,
    rotateRefreshTokens: input.rotateRefreshTokens ?? DEFAULT_FIXTURE.rotateRefreshTokens,
    assumableRoles: input.assumableRoles ?? DEFAULT_FIXTURE.assumableRoles,
  }
  validate(fixture)
  return fixture
}

function fail(path: string, problem: string): never {
  throw new FixtureError(`fixture.${path}: ${problem}`)
}

function validate(f: Fixture): void {
  if (typeof f.startUrl !== 'string' || !/^https?:\/\/[^/]+/.test(f.startUrl)) {
    fail('startUrl', `expected an http(s) URL, got ${JSON.stringify(f.startUrl)}`)
  }
  if (typeof f.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(f.region)) {
    fail('region', `expected an AWS region such as us-east-1, got ${JSON.stringify(f.region)}`)
  }
  if (!Array.isArray(f.accounts)) fail('accounts', 'expected an array')
  const accountIds = new Set<string>()
  f.accounts.forEach((a, i) => {
    if (typeof a !== 'object' || a === null) fail(`accounts[${i}]`, 'expected an object')
    if (typeof a.id !== 'string' || !ACCOUNT_ID.test(a.id)) {
      fail(`accounts[${i}].id`, `expected a 12-digit account id string, got ${JSON.stringify(a.id)}`)
    }
    if (accountIds.has(a.id)) fail(`accounts[${i}].id`, `duplicate account id ${a.id}`)
    accountIds.add(a.id)
    if (typeof a.name !== 'string' || a.name === '')
      fail(`accounts[${i}].name`, 'expected a non-empty string')
    if (typeof a.email !== 'string' || !a.email.includes('@')) {
      fail(`accounts[${i}].email`, `expected an e-mail address, got ${JSON.stringify(a.email)}`)
    }
  })
  if (!Array.isArray(f.users) || f.users.length === 0) fail('users', 'expected a non-empty array')
  const userNames = new Set<string>()
  f.users.forEach((u, i) => {
    if (typeof u !== 'object' || u === null) fail(`users[${i}]`, 'expected an object')
    if (typeof u.name !== 'string' || !/^[\w.@+=,-]{1,128}$/.test(u.name)) {
      fail(`users[${i}].name`, `expected a user name of [A-Za-z0-9_.@+=,-], got ${JSON.stringify(u.name)}`)
    }
    if (userNames.has(u.name)) fail(`users[${i}].name`, `duplicate user ${u.name}`)
    userNames.add(u.name)
    if (typeof u.password !== 'string' || u.password === '') fail(`users[${i}].password`, 'expected a string')
    if (typeof u.roles !== 'object' || u.roles === null || Array.isArray(u.roles)) {
      fail(`users[${i}].roles`, 'expected an object mapping account id to an array of role names')
    }
    for (const [accountId, roles] of Object.entries(u.roles)) {
      const path = `users[${i}].roles[${JSON.stringify(accountId)}]`
      if (!accountIds.has(accountId)) fail(path, `unknown account id ${accountId} (not in fixture.accounts)`)
      if (!Array.isArray(roles)) fail(path, 'expected an array of role names')
      roles.forEach((r, j) => {
        if (typeof r !== 'string' || !ROLE_NAME.test(r)) {
          fail(`${path}[${j}]`, `expected a role name of 1-32 [A-Za-z0-9+=,.@_-], got ${JSON.stringify(r)}`)
        }
      })
    }
  })
  for (const [key, value] of Object.entries(f.lifetimes)) {
    if (!Number.isInteger(value) || value <= 0)
      fail(`lifetimes.${key}`, 'expected a positive integer (seconds)')
  }
  const known = new Set(Object.keys(DEFAULT_LIFETIMES))
  for (const key of Object.keys(f.lifetimes))
    if (!known.has(key)) fail(`lifetimes.${key}`, 'unknown lifetime')
  if (!Number.isInteger(f.pollingIntervalSeconds) || f.pollingIntervalSeconds < 1) {
    fail('pollingIntervalSeconds', 'expected an integer >= 1')
  }
  if (!Number.isInteger(f.pageSize) || f.pageSize < 1 || f.pageSize > 100) {
    fail('pageSize', 'expected an integer from 1 to 100')
  }
  if (typeof f.rotateRefreshTokens !== 'boolean') fail('rotateRefreshTokens', 'expected true or false')
  if (!Array.isArray(f.assumableRoles)) fail('assumableRoles', 'expected an array')
  f.assumableRoles.forEach((r, i) => {
    if (typeof r !== 'object' || r === null) fail(`assumableRoles[${i}]`, 'expected an object')
    if (typeof r.from !== 'string' || r.from === '') fail(`assumableRoles[${i}].from`, 'expected a string')
    if (typeof r.roleArn !== 'string' || !/^arn:[\w-]+:iam::(\d{12}|<account>|\*):role\/./.test(r.roleArn)) {
      fail(`assumableRoles[${i}].roleArn`, `expected an IAM role ARN, got ${JSON.stringify(r.roleArn)}`)
    }
    if (r.externalId !== undefined && typeof r.externalId !== 'string')
      fail(`assumableRoles[${i}].externalId`, 'expected a string')
  })
}

/** Read and validate a fixture JSON file. */
export function loadFixtureFile(path: string): Fixture {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new FixtureError(`cannot read fixture file ${path}: ${(err as Error).message}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new FixtureError(`fixture file ${path} is not valid JSON: ${(err as Error).message}`)
  }
  try {
    return resolveFixture(json as FixtureInput)
  } catch (err) {
    if (err instanceof FixtureError) throw new FixtureError(`${path}: ${err.message}`)
    throw err
  }
}

const ROLE_NAMES = ['AdministratorAccess', 'ReadOnlyAccess', 'PowerUserAccess', 'ViewOnlyAccess', 'Billing']

export interface GenerateFixtureOptions {
  /** Number of accounts (ids 100000000000, 100000000001, …). */
  accounts: number
  /** Roles assigned to every user in every account. */
  rolesPerAccount: number
  /** Number of users (`alice`, then `user2`, `user3`, …; password `<name>-password`). Default 1. */
  users?: number
  /** Any other fixture fields (lifetimes, pageSize, …). */
  overrides?: Omit<FixtureInput, 'users' | 'accounts'>
}

/** A large, valid fixture for benchmarks: every user gets every role in every account. */
export function generateFixture(options: GenerateFixtureOptions): Fixture {
  const { accounts: accountCount, rolesPerAccount, users: userCount = 1 } = options
  if (!Number.isInteger(accountCount) || accountCount < 0 || accountCount > 1_000_000) {
    throw new FixtureError('generateFixture: accounts must be an integer from 0 to 1000000')
  }
  if (!Number.isInteger(rolesPerAccount) || rolesPerAccount < 0) {
    throw new FixtureError('generateFixture: rolesPerAccount must be a non-negative integer')
  }
  const roleNames = Array.from({ length: rolesPerAccount }, (_, i) => ROLE_NAMES[i] ?? `Role${i + 1}`)
  const accounts: FixtureAccount[] = Array.from({ length: accountCount }, (_, i) => {
    const n = String(i + 1).padStart(4, '0')
    return { id: String(100_000_000_000 + i), name: `account-${n}`, email: `aws-${n}@example.com` }
  })
  const roles = Object.fromEntries(accounts.map((a) => [a.id, roleNames]))
  const users: FixtureUser[] = Array.from({ length: Math.max(1, userCount) }, (_, i) => {
    const name = i === 0 ? 'alice' : `user${i + 1}`
    return { name, password: `${name}-password`, roles }
  })
  return resolveFixture({ ...options.overrides, users, accounts })
}

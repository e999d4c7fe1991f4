import { getMaxListeners, setMaxListeners } from 'node:events'
import type { SSOClient } from '@aws-sdk/client-sso'
import { type AwsErrorContext, fromAwsError } from '../aws-errors.js'
import { IdcError } from '../errors.js'
import type { Credentials } from '../types.js'
import { createLimiter } from './retry.js'

/** The largest max_result the portal accepts. */
export const MAX_PAGE_SIZE = 100

export interface Account {
  accountId: string
  accountName?: string | undefined
  emailAddress?: string | undefined
}

export interface AccountRole {
  accountId: string
  roleName: string
}

export interface PortalCallOptions {
  client: SSOClient
  accessToken: string
  region?: string | undefined
  tokenFile?: string | undefined
  /** The sign-in command named in hints. */
  loginCommand?: string | undefined
  /** The flags that name the target (`--profile dev`), for hints. */
  targetArgs?: string | undefined
  signal?: AbortSignal | undefined
  /**
   * Page size (max_result, 1-100). Default 100, the service maximum: pages are fetched one after
   * another, so fewer pages is what makes listing a large organisation fast.
   */
  pageSize?: number | undefined
}

function context(
  opts: PortalCallOptions,
  operation: string,
  extra: Partial<AwsErrorContext> = {},
): AwsErrorContext {
  return {
    operation,
    region: opts.region,
    tokenFile: opts.tokenFile,
    loginCommand: opts.loginCommand,
    targetArgs: opts.targetArgs,
    ...extra,
  }
}

/** One call; retries, timeouts and the time budget are the client's (sdk/clients.ts). */
async function call<T>(_opts: PortalCallOptions, ctx: AwsErrorContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    throw fromAwsError(err, ctx)
  }
}

/** ListAccounts page by page: each page's accounts as soon as it arrives. */
export async function* accountPages(opts: PortalCallOptions): AsyncGenerator<Account[]> {
  const { ListAccountsCommand } = await import('@aws-sdk/client-sso')
  let nextToken: string | undefined
  do {
    const out = await call(opts, context(opts, 'ListAccounts'), () =>
      opts.client.send(
        new ListAccountsCommand({
          accessToken: opts.accessToken,
          nextToken,
          maxResults: opts.pageSize ?? MAX_PAGE_SIZE,
        }),
        { abortSignal: opts.signal },
      ),
    )
    const page: Account[] = []
    for (const a of out.accountList ?? []) {
      if (a.accountId)
        page.push({ accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress })
    }
    yield page
    nextToken = out.nextToken ?? undefined
  } while (nextToken)
}

/** ListAccounts across every page. */
export async function listAccounts(opts: PortalCallOptions): Promise<Account[]> {
  const accounts: Account[] = []
  for await (const page of accountPages(opts)) accounts.push(...page)
  return accounts
}

/** ListAccountRoles for one account across every page. */
export async function listAccountRoles(opts: PortalCallOptions, accountId: string): Promise<AccountRole[]> {
  const { ListAccountRolesCommand } = await import('@aws-sdk/client-sso')
  const roles: AccountRole[] = []
  let nextToken: string | undefined
  do {
    const out = await call(opts, context(opts, 'ListAccountRoles', { accountId }), () =>
      opts.client.send(
        new ListAccountRolesCommand({
          accessToken: opts.accessToken,
          accountId,
          nextToken,
          maxResults: opts.pageSize ?? MAX_PAGE_SIZE,
        }),
        { abortSignal: opts.signal },
      ),
    )
    for (const r of out.roleList ?? []) {
      if (r.roleName) roles.push({ accountId: r.accountId ?? accountId, roleName: r.roleName })
    }
    nextToken = out.nextToken ?? undefined
  } while (nextToken)
  return roles
}

export interface AccountWithRoles extends Account {
  roles: string[]
}

/**
 * Every account and its roles. Roles are listed with at most `concurrency` calls at once (default
 * 8) and start as soon as each page of accounts arrives, instead of after the last page; the result
 * keeps the service's account order. A client with an adaptive window (sdk/clients.ts
 * `concurrency`) sends fewer at once while the service throttles.
 */
export async function listAccountsWithRoles(
  opts: PortalCallOptions & { concurrency?: number | undefined },
): Promise<AccountWithRoles[]> {
  const concurrency = opts.concurrency ?? 8
  const limit = createLimiter(concurrency)
  // Every request in flight listens on the caller's signal; above 10 Node warns of a leak.
  if (opts.signal) setMaxListeners(Math.max(getMaxListeners(opts.signal), concurrency + 10), opts.signal)
  const pending: Promise<AccountWithRoles>[] = []
  for await (const page of accountPages(opts)) {
    for (const account of page) {
      const roles = limit(async () => ({
        ...account,
        roles: (await listAccountRoles(opts, account.accountId)).map((r) => r.roleName),
      }))
      // Awaited by Promise.all below; a failure while later pages still load is not "unhandled".
      roles.catch(() => {})
      pending.push(roles)
    }
  }
  return Promise.all(pending)
}

/**
 * The portal's role names are permission set names: 1-32 of `[\w+=,.@-]` (IAM Identity Center's
 * CreatePermissionSet). The SSO service model sets no limit, so the check allows up to IAM's 64;
 * anything longer would only come back as an HTTP 431 ("Unknown") from the service's front door.
 */
export const MAX_ROLE_NAME_LENGTH = 64

export function checkRoleName(roleName: string): void {
  if (roleName.length >= 1 && roleName.length <= MAX_ROLE_NAME_LENGTH && /^[\w+=,.@-]+$/.test(roleName))
    return
  const shown = roleName.length > 40 ? `${roleName.slice(0, 40)}...` : roleName
  throw new IdcError(
    'invalid-argument',
    `The role name "${shown}" (${roleName.length} characters) is not a permission set name: those are 1 to ${MAX_ROLE_NAME_LENGTH} letters, digits and + = , . @ _ -.`,
    {
      hint: 'List the roles you can use with `aws-idc roles --account-id <id>` and pass one of them as --role-name (or sso_role_name).',
      details: { length: roleName.length },
    },
  )
}

/** GetRoleCredentials; `expiration` arrives in epoch milliseconds (§3). */
export async function getRoleCredentials(
  opts: PortalCallOptions,
  accountId: string,
  roleName: string,
): Promise<Credentials> {
  checkRoleName(roleName)
  const { GetRoleCredentialsCommand } = await import('@aws-sdk/client-sso')
  const out = await call(opts, context(opts, 'GetRoleCredentials', { accountId, roleName }), () =>
    opts.client.send(new GetRoleCredentialsCommand({ accessToken: opts.accessToken, accountId, roleName }), {
      abortSignal: opts.signal,
    }),
  )
  const rc = out.roleCredentials
  if (!rc?.accessKeyId || !rc.secretAccessKey || !rc.sessionToken || rc.expiration === undefined) {
    throw new IdcError('service-error', 'GetRoleCredentials returned incomplete credentials.', {
      hint: 'Check the SSO endpoint override (AWS_ENDPOINT_URL_SSO) points at IAM Identity Center.',
    })
  }
  return {
    accessKeyId: rc.accessKeyId,
    secretAccessKey: rc.secretAccessKey,
    sessionToken: rc.sessionToken,
    expiration: new Date(rc.expiration),
    accountId,
  }
}

/** Logout; errors are returned, not thrown, because signing out locally must go on regardless (§3). */
export async function logout(opts: PortalCallOptions): Promise<IdcError | undefined> {
  const { LogoutCommand } = await import('@aws-sdk/client-sso')
  try {
    await opts.client.send(new LogoutCommand({ accessToken: opts.accessToken }), { abortSignal: opts.signal })
    return undefined
  } catch (err) {
    return fromAwsError(err, context(opts, 'Logout'))
  }
}

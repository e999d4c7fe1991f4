import type { ResolvedTarget, TargetRequest } from '../config/types.js'
import { isAccountId, isAccountIdForm } from '../config/validate-values.js'
import { IdcError } from '../errors.js'
import {
  type Account,
  type AccountRole,
  type AccountWithRoles,
  listAccountRoles,
  listAccountsWithRoles,
  listAccounts as listAllAccounts,
  type PortalCallOptions,
} from '../portal/portal.js'
import { checkAccountIdArgument } from '../rules/arguments.js'
import { closestNames } from '../rules/suggest.js'
import { type AdaptiveConcurrency, createAdaptiveConcurrency } from '../sdk/adaptive-concurrency.js'
import { createPortalClient } from '../sdk/clients.js'
import { loginCommandFor, serviceTargetFor, targetArgsFor } from './context.js'
import { resolveTarget } from './resolve.js'
import { getToken } from './token.js'
import type { SessionContext } from './types.js'

/** The most portal calls a listing of every account's roles has in flight (the cap of its window). */
export const DEFAULT_LISTING_CONCURRENCY = 64

export interface ListOptions extends SessionContext {
  /**
   * The most ListAccountRoles calls in flight at once (default 64). The listing adapts below it:
   * it grows while calls succeed and halves on throttling (sdk/adaptive-concurrency.ts).
   */
  concurrency?: number | undefined
  pageSize?: number | undefined
}

async function portalOptions(
  target: ResolvedTarget,
  opts: ListOptions,
  concurrency?: AdaptiveConcurrency,
): Promise<PortalCallOptions> {
  const token = await getToken(target, opts)
  const client = await createPortalClient({ ...serviceTargetFor(target, 'sso', opts), concurrency })
  return {
    client,
    accessToken: token.accessToken,
    region: target.ssoRegion,
    tokenFile: token.file,
    signal: opts.signal,
    pageSize: opts.pageSize,
    loginCommand: loginCommandFor(target, opts),
    targetArgs: targetArgsFor(target),
  }
}

async function targetOf(request: TargetRequest | ResolvedTarget, opts: ListOptions): Promise<ResolvedTarget> {
  return 'from' in request ? resolveTarget(request, opts) : request
}

/** Every account the signed-in user can access (all pages). */
export async function listAccounts(
  request: TargetRequest | ResolvedTarget,
  opts: ListOptions = {},
): Promise<Account[]> {
  return listAllAccounts(await portalOptions(await targetOf(request, opts), opts))
}

/** Every role of one account (all pages). */
export async function listRoles(
  request: TargetRequest | ResolvedTarget,
  accountId: string,
  opts: ListOptions = {},
): Promise<AccountRole[]> {
  // Never send the service what cannot be an account ID.
  checkAccountIdArgument(accountId, 'the account ID')
  return listAccountRoles(await portalOptions(await targetOf(request, opts), opts), accountId)
}

/**
 * An account given by ID or by name: 12 digits are an ID as they are; anything else is looked up
 * (case-insensitively) among the accounts the user can access. `what` names the input in errors.
 */
export async function resolveAccountId(
  request: TargetRequest | ResolvedTarget,
  idOrName: string,
  opts: ListOptions & { what?: string | undefined } = {},
): Promise<string> {
  if (isAccountId(idOrName)) return idOrName
  const what = opts.what ?? '--account-id'
  if (isAccountIdForm(idOrName)) return checkAccountIdArgument(idOrName, what)
  const target = await targetOf(request, opts)
  const accounts = await listAccounts(target, opts)
  // The listing the hints point to names the same target, so it works when run as written.
  const args = targetArgsFor(target)
  const listing = `\`aws-idc accounts${args ? ` ${args}` : ''}\``
  const wanted = idOrName.toLowerCase()
  const matches = accounts.filter((a) => (a.accountName ?? '').toLowerCase() === wanted)
  if (matches.length === 1) return matches[0]!.accountId
  if (matches.length > 1) {
    throw new IdcError(
      'invalid-argument',
      `${matches.length} accounts are named ${JSON.stringify(idOrName)}.`,
      {
        hint: `Give the account ID instead: ${what} ${matches.map((a) => a.accountId).join(' or ')}.`,
      },
    )
  }
  const close = closestNames(idOrName, accounts.map((a) => a.accountName ?? '').filter(Boolean))
  throw new IdcError('invalid-argument', `No account named ${JSON.stringify(idOrName)} is assigned to you.`, {
    hint:
      close.length > 0
        ? `Did you mean ${close.map((n) => `${what} ${JSON.stringify(n)}`).join(' or ')}? ${listing} lists them.`
        : `Give a 12-digit account ID or an account name; ${listing} lists them.`,
  })
}

/**
 * The request with an account given by name (`--account-id staging`) replaced by its ID, so every
 * command that takes an account ID takes a name too; a request with an ID (or none) is returned
 * as it is, without a call.
 */
export async function withAccountId<R extends TargetRequest>(request: R, opts: ListOptions = {}): Promise<R> {
  const given = request.accountId
  if (given === undefined || isAccountIdForm(given)) return request
  const { accountId: _name, roleName: _role, ...target } = request
  return { ...request, accountId: await resolveAccountId(target as TargetRequest, given, opts) }
}

/**
 * Every account with its roles. The portal calls go through one adaptive window (at most
 * `concurrency`), so a throttled organisation is listed at the rate the service allows, with no
 * failure, and an unthrottled one at the cap.
 */
export async function listAccountsAndRoles(
  request: TargetRequest | ResolvedTarget,
  opts: ListOptions = {},
): Promise<AccountWithRoles[]> {
  const cap = Math.max(1, Math.floor(opts.concurrency ?? DEFAULT_LISTING_CONCURRENCY))
  // 16 to start: one round trip less of slow start than the default 4, still inside a typical burst.
  const window = createAdaptiveConcurrency({ max: cap, initial: 16 })
  return listAccountsWithRoles({
    ...(await portalOptions(await targetOf(request, opts), opts, window)),
    // Calls waiting out a throttling backoff hold no place in the window: twice its cap in play
    // keeps the window full while some wait.
    concurrency: 2 * cap,
  })
}

import type { ResolvedTarget, TargetRequest } from '../config/types.js'
import {
  type Account,
  type AccountRole,
  type AccountWithRoles,
  listAccountRoles,
  listAccountsWithRoles,
  listAccounts as listAllAccounts,
  type PortalCallOptions,
} from '../portal/portal.js'
import { createPortalClient } from '../sdk/clients.js'
import { loginCommandFor, serviceTargetFor } from './context.js'
import { resolveTarget } from './resolve.js'
import { getToken } from './token.js'
import type { SessionContext } from './types.js'

export interface ListOptions extends SessionContext {
  /** ListAccountRoles calls in flight at once (default 8). */
  concurrency?: number | undefined
  pageSize?: number | undefined
}

async function portalOptions(target: ResolvedTarget, opts: ListOptions): Promise<PortalCallOptions> {
  const token = await getToken(target, opts)
  const client = await createPortalClient(serviceTargetFor(target, 'sso', opts))
  return {
    client,
    accessToken: token.accessToken,
    region: target.ssoRegion,
    tokenFile: token.file,
    signal: opts.signal,
    pageSize: opts.pageSize,
    loginCommand: loginCommandFor(target, opts),
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
  return listAccountRoles(await portalOptions(await targetOf(request, opts), opts), accountId)
}

/** Every account with its roles, roles listed with bounded concurrency. */
export async function listAccountsAndRoles(
  request: TargetRequest | ResolvedTarget,
  opts: ListOptions = {},
): Promise<AccountWithRoles[]> {
  return listAccountsWithRoles({
    ...(await portalOptions(await targetOf(request, opts), opts)),
    concurrency: opts.concurrency,
  })
}

/**
 * Agent-safe `exec` / `serve`: an account allow-list checked before any credentials are fetched,
 * and signing out when the child is done (docs/agent-safe.md).
 */
import { quietSdkNodeWarning, type TargetFlagValues, targetRequest } from '@idc/cli-kit/lite'
import {
  assertAccountAllowed,
  type CredentialsTarget,
  type LogoutResult,
  logout,
  parseAllowedAccountIds,
  resolveCredentials,
  type SessionContext,
  withAccountId,
} from '@idc/core'

/** The allow-list from `--allowed-account-ids` (repeatable, comma-separated), or undefined when not given. */
export function allowedAccounts(values: readonly string[] | undefined): string[] | undefined {
  return values === undefined || values.length === 0 ? undefined : parseAllowedAccountIds(values)
}

/** The credentials target the flags name (config only; one listing when --account-id is a name). */
export async function resolveFlagsTarget(
  flags: TargetFlagValues,
  ctx: SessionContext,
): Promise<CredentialsTarget> {
  return resolveCredentials(await withAccountId(targetRequest(flags), ctx), ctx)
}

/** Resolves the target and refuses it when its account is not allowed: before any GetRoleCredentials. */
export async function checkAllowedTarget(
  flags: TargetFlagValues,
  ctx: SessionContext,
  allowed: readonly string[] | undefined,
): Promise<CredentialsTarget | undefined> {
  if (allowed === undefined) return undefined
  const target = await resolveFlagsTarget(flags, ctx)
  assertAccountAllowed(target.accountId, allowed)
  return target
}

/** `--logout-after`: the sign-in the target used is revoked (Logout API) and its token file removed. */
export async function logoutTarget(target: CredentialsTarget, ctx: SessionContext): Promise<LogoutResult> {
  quietSdkNodeWarning()
  return logout(target, ctx)
}

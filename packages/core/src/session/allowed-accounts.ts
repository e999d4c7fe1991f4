import { isAccountId } from '../config/validate-values.js'
import { IdcError } from '../errors.js'

/**
 * Parses an allow-list of account IDs (`--allowed-account-ids 111122223333,444455556666`, the flag
 * may repeat). Throws `invalid-argument` for anything but 12-digit IDs, so a typo never means "any".
 */
export function parseAllowedAccountIds(values: readonly string[]): string[] {
  const ids = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
  const bad = ids.find((id) => !isAccountId(id))
  if (bad !== undefined || ids.length === 0) {
    throw new IdcError(
      'invalid-argument',
      bad === undefined
        ? '--allowed-account-ids is empty.'
        : `--allowed-account-ids: ${JSON.stringify(bad)} is not a 12-digit AWS account ID.`,
      {
        hint: 'List 12-digit account IDs separated by commas, e.g. --allowed-account-ids 111122223333,444455556666.',
      },
    )
  }
  return [...new Set(ids)]
}

/**
 * Refuses a target outside the allow-list, before any credentials are fetched for it (agent-safe
 * `exec`/`serve`): `forbidden`, exit 4. `allowed` undefined means no restriction.
 */
export function assertAccountAllowed(accountId: string, allowed: readonly string[] | undefined): void {
  if (allowed === undefined || allowed.includes(accountId)) return
  throw new IdcError(
    'forbidden',
    `Account ${accountId} is not in --allowed-account-ids (${allowed.join(', ')}); no credentials were fetched.`,
    {
      hint: 'Choose a profile or --account-id of an allowed account, or add this account to --allowed-account-ids.',
    },
  )
}

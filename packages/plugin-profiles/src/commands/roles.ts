import { BaseCommand, paragraphs, renderTable, sessionFlags, targetRequest } from '@idc/cli-kit'
import { type AccountRole, IdcError, listRoles, resolveTarget } from '@idc/core'
import { Flags } from '@oclif/core'

export type RoleJson = AccountRole

export default class Roles extends BaseCommand<typeof Roles> {
  static override summary = 'List your roles (permission sets) in an account.'
  static override description =
    paragraphs(`Calls the portal ListAccountRoles API (all pages) for --account-id, or for the profile's
sso_account_id when the flag is absent.`)

  static override examples = [
    '<%= config.bin %> <%= command.id %> --profile dev --account-id 111122223333',
    '<%= config.bin %> <%= command.id %> --sso-session corp --account-id 111122223333 --json',
  ]

  static override flags = {
    ...sessionFlags,
    'account-id': Flags.string({
      description: "The 12-digit account ID (default: the profile's sso_account_id).",
      helpGroup: 'TARGET',
      helpValue: '<id>',
    }),
  }

  async run(): Promise<RoleJson[]> {
    const ctx = this.context()
    const request = targetRequest(this.flags)
    const accountId = this.flags['account-id'] ?? (await resolveTarget(request, ctx)).accountId
    if (!accountId) {
      throw new IdcError('invalid-argument', 'No account given and the profile has no sso_account_id.', {
        hint: 'Add --account-id <id> (see `aws-idc accounts`).',
      })
    }
    const roles = await listRoles(request, accountId, ctx)
    roles.sort((a, b) => a.roleName.localeCompare(b.roleName))
    if (!this.jsonEnabled()) {
      process.stdout.write(
        `${renderTable(roles, [
          { header: 'ROLE NAME', get: (r) => r.roleName },
          { header: 'ACCOUNT ID', get: (r) => r.accountId },
        ])}\n`,
      )
    }
    return roles
  }
}

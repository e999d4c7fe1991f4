import {
  autoLoginFlag,
  BaseCommand,
  paragraphs,
  profileArg,
  renderTable,
  retryProgress,
  sessionFlags,
  targetRequest,
} from '@idc/cli-kit'
import {
  type AccountRole,
  IdcError,
  listAccountsAndRoles,
  listRoles,
  naturalCompare,
  resolveAccountId,
  resolveTarget,
  targetArgsFor,
} from '@idc/core'
import { Flags } from '@oclif/core'

export interface RoleJson extends AccountRole {
  /** With --all: the account's name. */
  accountName?: string | undefined
}

export default class Roles extends BaseCommand<typeof Roles> {
  static override summary = 'List your roles (permission sets) in an account, or in every account (--all).'
  static override description =
    paragraphs(`Calls the portal ListAccountRoles API (all pages) for --account-id (a 12-digit ID or an
account name), or for the profile's sso_account_id when the flag is absent. --all lists the roles
of every account you can access in one table (account name, ID, role).`)

  static override examples = [
    '<%= config.bin %> <%= command.id %> --profile dev --account-id 111122223333',
    '<%= config.bin %> <%= command.id %> --profile dev --account-id Production',
    '<%= config.bin %> <%= command.id %> --sso-session corp --all',
    '<%= config.bin %> <%= command.id %> --sso-session corp --account-id 111122223333 --json',
  ]

  static override args = profileArg
  static override flags = {
    ...sessionFlags,
    'account-id': Flags.string({
      description: "The account: 12-digit ID or name (default: the profile's sso_account_id).",
      helpGroup: 'TARGET',
      helpValue: '<id|name>',
      exclusive: ['all'],
    }),
    all: Flags.boolean({
      description: 'The roles of every account you can access.',
      default: false,
    }),
    ...autoLoginFlag,
  }

  async run(): Promise<RoleJson[]> {
    const request = targetRequest(this.flags)
    const label = this.flags.all ? 'Listing the roles of every account' : 'Listing your roles'
    const roles: RoleJson[] = await this.withSignIn(request, async (): Promise<RoleJson[]> => {
      const wait = this.ui.progress(label)
      const ctx = { ...this.context(), retry: retryProgress(wait, label) }
      try {
        if (this.flags.all) {
          const accounts = await listAccountsAndRoles(request, ctx)
          return accounts.flatMap((a) =>
            a.roles.map(
              (roleName): RoleJson => ({ accountId: a.accountId, accountName: a.accountName, roleName }),
            ),
          )
        }
        const given = this.flags['account-id']
        const target = given === undefined ? await resolveTarget(request, ctx) : undefined
        const accountId =
          given !== undefined ? await resolveAccountId(request, given, ctx) : target?.accountId
        if (!accountId) {
          // The listing it points to names the same target, so the hint works as written.
          const args = targetArgsFor(target)
          throw new IdcError('invalid-argument', 'No account given and the profile has no sso_account_id.', {
            hint: `Add --account-id <id or name> (see \`${this.config.bin} accounts${args ? ` ${args}` : ''}\`), or --all.`,
          })
        }
        return await listRoles(request, accountId, ctx)
      } finally {
        wait.stop()
      }
    })
    roles.sort(
      (a, b) =>
        naturalCompare(a.accountName ?? a.accountId, b.accountName ?? b.accountId) ||
        naturalCompare(a.roleName, b.roleName),
    )
    if (!this.jsonEnabled()) {
      process.stdout.write(
        `${renderTable(
          roles,
          this.flags.all
            ? [
                { header: 'ACCOUNT', get: (r: RoleJson) => r.accountName },
                { header: 'ACCOUNT ID', get: (r: RoleJson) => r.accountId },
                { header: 'ROLE NAME', get: (r: RoleJson) => r.roleName },
              ]
            : [
                { header: 'ROLE NAME', get: (r: RoleJson) => r.roleName },
                { header: 'ACCOUNT ID', get: (r: RoleJson) => r.accountId },
              ],
        )}\n`,
      )
    }
    return roles
  }
}

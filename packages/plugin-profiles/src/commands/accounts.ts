import { BaseCommand, paragraphs, renderTable, sessionFlags, targetRequest } from '@idc/cli-kit'
import { type Account, listAccounts } from '@idc/core'

export type AccountJson = Account

export default class Accounts extends BaseCommand<typeof Accounts> {
  static override summary = 'List the AWS accounts you can access.'
  static override description =
    paragraphs(`Calls the portal ListAccounts API (all pages) with the cached sign-in token of the profile,
sso-session or start URL.`)

  static override examples = [
    '<%= config.bin %> <%= command.id %> --profile dev',
    '<%= config.bin %> <%= command.id %> --sso-session corp --json',
  ]

  static override flags = { ...sessionFlags }

  async run(): Promise<AccountJson[]> {
    const accounts = await listAccounts(targetRequest(this.flags), this.context())
    accounts.sort((a, b) => (a.accountName ?? a.accountId).localeCompare(b.accountName ?? b.accountId))
    if (!this.jsonEnabled()) {
      process.stdout.write(
        `${renderTable(accounts, [
          { header: 'ACCOUNT ID', get: (a) => a.accountId },
          { header: 'NAME', get: (a) => a.accountName },
          { header: 'EMAIL', get: (a) => a.emailAddress },
        ])}\n`,
      )
    }
    return accounts
  }
}

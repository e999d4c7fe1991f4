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
import { type Account, listAccounts, naturalCompare } from '@idc/core'

export type AccountJson = Account

export default class Accounts extends BaseCommand<typeof Accounts> {
  static override summary = 'List the AWS accounts you can access.'
  static override description =
    paragraphs(`Calls the portal ListAccounts API (all pages) with the cached sign-in token of the profile,
sso-session or start URL. On a terminal a wait line shows progress and retries ("retrying,
throttled 3/6"); an expired sign-in is offered to be renewed (--auto-login: without asking).`)

  static override examples = [
    '<%= config.bin %> <%= command.id %> --profile dev',
    '<%= config.bin %> <%= command.id %> dev',
    '<%= config.bin %> <%= command.id %> --sso-session corp --json',
  ]

  static override args = profileArg
  static override flags = { ...sessionFlags, ...autoLoginFlag }

  async run(): Promise<AccountJson[]> {
    const request = targetRequest(this.flags)
    const label = 'Listing your accounts'
    const accounts = await this.withSignIn(request, async () => {
      const wait = this.ui.progress(label)
      try {
        return await listAccounts(request, { ...this.context(), retry: retryProgress(wait, label) })
      } finally {
        wait.stop()
      }
    })
    accounts.sort((a, b) => naturalCompare(a.accountName ?? a.accountId, b.accountName ?? b.accountId))
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

import { BaseCommand, paragraphs, sessionFlags, targetRequest } from '@idc/cli-kit'
import { type LogoutResult, logout } from '@idc/core'
import { Flags } from '@oclif/core'

export type LogoutJson = LogoutResult

export default class Logout extends BaseCommand<typeof Logout> {
  static override summary = 'Sign out: revoke and delete cached sign-in tokens.'
  static override description =
    paragraphs(`Calls the portal Logout API and deletes the token file for the profile, sso-session or start
URL (and the role credentials cached from it), as \`aws sso logout\` does; --all signs out of
every session in ~/.aws/sso/cache. Signing out locally goes on when the API call fails.`)

  static override examples = [
    '<%= config.bin %> <%= command.id %> --profile dev',
    '<%= config.bin %> <%= command.id %> --sso-session corp',
    '<%= config.bin %> <%= command.id %> --all',
  ]

  static override flags = {
    'sso-session': sessionFlags['sso-session'],
    'start-url': sessionFlags['start-url'],
    'sso-region': sessionFlags['sso-region'],
    all: Flags.boolean({
      description: 'Sign out of every cached session.',
      default: false,
      exclusive: ['sso-session', 'start-url'],
    }),
  }

  async run(): Promise<LogoutJson> {
    const flags = this.flags
    const request = flags.all ? ({ all: true } as const) : targetRequest(flags)
    const result = await logout(request, this.context())
    for (const w of result.warnings) this.ui.warn(w)
    if (result.tokens.length === 0) this.ui.info('Not signed in: no cached token to remove.')
    else {
      const caches = result.roleCaches.length
      this.ui.info(
        `Signed out: removed ${plural(result.tokens.length, 'token file')}${caches ? ` and ${plural(caches, 'cached role credential file')}` : ''}.`,
      )
    }
    return result
  }
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`
}

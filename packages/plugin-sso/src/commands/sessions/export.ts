import { BaseCommand, describeExpiry, paragraphs, sessionFlags, targetRequest } from '@idc/cli-kit'
import {
  ciSecretsOf,
  ciSecretsWarning,
  exportSession,
  formatGithubSecrets,
  IdcError,
  sessionRequestFor,
} from '@idc/core'
import { Args, Flags } from '@oclif/core'
import { refuseTerminal } from '../../lib/secret-output.js'

export default class SessionsExport extends BaseCommand<typeof SessionsExport> {
  static override summary =
    'Print one signed-in session (token + registration) to move it to another machine.'
  static override description =
    paragraphs(`Writes the cached sign-in of an sso-session (or a profile's) as one line of JSON for
\`aws-idc sessions import\` on another machine, typically over SSH, so you sign in with the browser on
your laptop and work on a host where no browser can open. The output holds your refresh token: anyone
who reads it can get AWS credentials as you until the session ends. It is never printed to a terminal
without --force.

--for github prints instead the refresh token, client id and client secret for the aws-idc GitHub
Action, as \`gh secret set\` lines (\`| sh\` stores them in the current repository). A registration of
its own is better for CI: see \`aws-idc login --for-ci\`.`)

  static override examples = [
    {
      description: 'Move the sso-session "dev" to a remote host',
      command: '<%= config.bin %> <%= command.id %> dev | ssh host aws-idc sessions import',
    },
    {
      description: 'Store the values the GitHub Action needs as repository secrets',
      command: '<%= config.bin %> <%= command.id %> --sso-session my-sso --for github | sh',
    },
  ]

  static override enableJsonFlag = false

  static override args = {
    session: Args.string({
      description: 'An sso-session name, or a profile name (default: --profile, $AWS_PROFILE, else default).',
      required: false,
      ignoreStdin: true,
    }),
  }

  static override flags = {
    ...sessionFlags,
    for: Flags.string({
      description: 'Print the values a CI system needs instead (github: the aws-idc GitHub Action).',
      options: ['github'],
      helpValue: '<system>',
    }),
    force: Flags.boolean({
      description: 'Print to a terminal too (the output holds your refresh token).',
      default: false,
    }),
  }

  async run(): Promise<void> {
    const { flags, args } = this
    if (
      args.session !== undefined &&
      (flags['sso-session'] !== undefined || flags['start-url'] !== undefined)
    ) {
      throw new IdcError(
        'invalid-argument',
        'Give the session either as an argument or with --sso-session/--start-url.',
        {
          hint: 'For example `aws-idc sessions export my-sso`.',
        },
      )
    }
    refuseTerminal(flags.force, 'sessions export')
    const ctx = this.context()
    const request =
      args.session !== undefined
        ? await sessionRequestFor(args.session, ctx)
        : targetRequest({ ...flags, profile: flags.profile })
    if (flags.for === 'github') {
      const values = await ciSecretsOf(request, ctx)
      this.ui.warn(ciSecretsWarning(values))
      process.stdout.write(formatGithubSecrets(values))
      return
    }
    const exported = await exportSession(request, ctx)
    const what = exported.target.sessionName
      ? `sso-session ${exported.target.sessionName}`
      : `start URL ${exported.target.startUrl}`
    if (process.stderr.isTTY) {
      this.ui.warn(
        `this output lets whoever reads it use your sign-in to ${what} (expires ${describeExpiry(exported.expiresAt)}${exported.refreshable ? ', refreshable' : ''}); send it only over a channel you trust, such as ssh.`,
      )
    }
    process.stdout.write(exported.text)
  }
}

import { BaseCommand, describeExpiry, paragraphs, targetFlags, withPickedTarget } from '@idc/cli-kit'
import { configPaths, FORMATS, type FormatName, writeSection } from '@idc/core'
import { Flags } from '@oclif/core'
import { credentialsFor } from '../lib/credentials.js'
import { type CredentialsJson, credentialsJson, renderCredentials } from '../lib/output.js'

export default class Creds extends BaseCommand<typeof Creds> {
  static override summary = 'Print temporary AWS credentials for an account and role.'
  static override description =
    paragraphs(`Signs nothing in: uses the cached IAM Identity Center token (refreshing it when it can) and the
AWS CLI-compatible role-credential cache, then prints the credentials in the chosen format on stdout.
Formats ${FORMATS.filter((f) => f.awsCli)
      .map((f) => f.name)
      .join(', ')} are byte-identical to \`aws configure export-credentials\`.

Formats:
${FORMATS.map((f) => `  ${f.name.padEnd(14)} ${f.description}`).join('\n')}

With --write-profile the credentials go into the shared credentials file (~/.aws/credentials or
$AWS_SHARED_CREDENTIALS_FILE) as [NAME], leaving every other line of the file as it was.`)

  static override examples = [
    {
      description: 'Export into the current bash/zsh shell',
      command: 'eval "$(<%= config.bin %> <%= command.id %> --profile dev)"',
    },
    {
      description: 'fish',
      command: '<%= config.bin %> <%= command.id %> --profile dev --format fish | source',
    },
    {
      description: 'PowerShell',
      command: '<%= config.bin %> <%= command.id %> --profile dev --format powershell | Invoke-Expression',
    },
    {
      description: 'Without a profile, with the region variables',
      command:
        '<%= config.bin %> <%= command.id %> --start-url https://my-org.awsapps.com/start --sso-region us-east-1 --account-id 111122223333 --role-name ReadOnly --region eu-west-1',
    },
    {
      description: 'Write a static profile into ~/.aws/credentials',
      command: '<%= config.bin %> <%= command.id %> --profile dev --write-profile dev-static',
    },
  ]

  static override flags = {
    format: Flags.option({
      char: 'f',
      description: 'Output format (see above).',
      options: FORMATS.map((f) => f.name) as FormatName[],
      default: 'env' as FormatName,
    })(),
    'write-profile': Flags.string({
      description:
        'Write the credentials into the shared credentials file as this profile instead of printing them.',
      helpValue: '<name>',
    }),
    region: Flags.string({
      description: 'Also output AWS_REGION and AWS_DEFAULT_REGION (or region = for ini / --write-profile).',
      helpGroup: 'GLOBAL',
      helpValue: '<region>',
    }),
    ...targetFlags,
  }

  async run(): Promise<CredentialsJson> {
    // Without a profile, on a terminal: the account/role picker.
    const flags = await withPickedTarget(this.flags, this.context(), this.ui)
    const result = await credentialsFor(flags, this.context())
    const writeProfile = flags['write-profile']
    if (writeProfile !== undefined) {
      const c = result.credentials
      const { credentialsFile } = configPaths(process.env)
      const written = await writeSection(
        credentialsFile,
        { file: 'credentials', type: 'profile', name: writeProfile },
        {
          aws_access_key_id: c.accessKeyId,
          aws_secret_access_key: c.secretAccessKey,
          ...(c.sessionToken ? { aws_session_token: c.sessionToken } : {}),
          ...(flags.region ? { region: flags.region } : {}),
        },
      )
      const expiry = c.expiration ? `, expires ${describeExpiry(c.expiration)}` : ''
      this.ui.info(`Wrote profile ${writeProfile} to ${written.path}${expiry}.`)
    } else if (!this.jsonEnabled()) {
      process.stdout.write(renderCredentials(flags.format, result, { region: flags.region }))
    }
    return credentialsJson(result, flags.region)
  }
}

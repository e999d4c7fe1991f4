import {
  autoLoginFlag,
  BaseCommand,
  describeExpiry,
  paragraphs,
  profileArg,
  targetFlags,
  targetRequest,
  withPickedTarget,
} from '@idc/cli-kit'
import {
  configPaths,
  FORMATS,
  type FormatName,
  IdcError,
  isConfigSsoProfile,
  loadConfigFiles,
  writeSection,
} from '@idc/core'
import { Flags } from '@oclif/core'
import { credentialsFor } from '../lib/credentials.js'
import {
  type CredentialsJson,
  credentialsJson,
  renderCredentials,
  type WrittenProfileJson,
  writtenProfileJson,
} from '../lib/output.js'

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
$AWS_SHARED_CREDENTIALS_FILE) as [NAME], leaving every other line of the file as it was. A NAME that
is an SSO profile of the config file is refused (the static keys would shadow it) unless --force.`)

  static override examples = [
    {
      description: 'Export into the current bash/zsh shell',
      command: 'eval "$(<%= config.bin %> <%= command.id %> --profile dev)"',
    },
    {
      description: 'The profile as an argument (as aws-vault), JSON',
      command: '<%= config.bin %> <%= command.id %> dev --format json',
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

  static override args = profileArg

  static override flags = {
    format: Flags.option({
      char: 'f',
      description: 'Output format (see the list below).',
      options: FORMATS.map((f) => f.name) as FormatName[],
      default: 'env' as FormatName,
    })(),
    'write-profile': Flags.string({
      description:
        'Write the credentials into the shared credentials file as this profile instead of printing them (--json then reports the file, not the secrets).',
      helpValue: '<name>',
    }),
    force: Flags.boolean({
      description:
        'With --write-profile: write even when the name is an SSO profile of the config file (shadowing it).',
      default: false,
    }),
    ...autoLoginFlag,
    region: Flags.string({
      description: 'Also output AWS_REGION and AWS_DEFAULT_REGION (or region = for ini / --write-profile).',
      helpGroup: 'GLOBAL',
      helpValue: '<region>',
    }),
    ...targetFlags,
  }

  async run(): Promise<CredentialsJson | WrittenProfileJson> {
    // Without a profile, on a terminal: the account/role picker.
    const flags = await withPickedTarget(this.flags, this.context(), this.ui)
    const writeProfile = flags['write-profile']
    if (writeProfile !== undefined && !flags.force) {
      // Static keys under an SSO profile's name win over it in every AWS tool, then expire.
      const files = await loadConfigFiles({ env: process.env })
      if (isConfigSsoProfile(files, writeProfile)) {
        throw new IdcError(
          'invalid-argument',
          `[profile ${writeProfile}] is an SSO profile in ${files.config.path}: static keys written as [${writeProfile}] would shadow it (the AWS CLI and the SDKs would use them, and fail once they expire).`,
          {
            hint: `Write them under another name, e.g. \`--write-profile ${writeProfile}-static\`, or add --force to shadow it anyway.`,
          },
        )
      }
    }
    const result = await this.withSignIn(targetRequest(flags), () => credentialsFor(flags, this.context()))
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
      // What was written, never the secrets (they are in the file, which is what was asked for).
      return writtenProfileJson(result, writeProfile, written.path, flags.region)
    }
    if (!this.jsonEnabled()) {
      process.stdout.write(renderCredentials(flags.format, result, { region: flags.region }))
    }
    return credentialsJson(result, flags.region)
  }
}

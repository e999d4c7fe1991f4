import { BaseCommand, paragraphs, targetFlags } from '@idc/cli-kit'
import { credentialsFor } from '../lib/credentials.js'
import { renderCredentials } from '../lib/output.js'

export default class CredentialProcess extends BaseCommand<typeof CredentialProcess> {
  static override summary =
    'Print credentials as credential_process JSON (Version 1) for the AWS CLI and SDKs.'
  static override description =
    paragraphs(`Meant for the credential_process setting of a profile in ~/.aws/config. The AWS CLI, botocore
and the JS SDK run it whenever they need credentials; it answers from the caches in about the
time Node takes to start and refreshes the sign-in token when it can. When the token has
expired it fails with one line on stderr telling you to run \`aws-idc login\`.

The output is byte-identical to \`aws configure export-credentials --format process\`.`)

  static override examples = [
    {
      description: "In ~/.aws/config (a profile without sso_* keys that borrows another profile's sign-in)",
      command: '[profile dev-app]\ncredential_process = <%= config.bin %> <%= command.id %> --profile dev',
    },
    {
      description: 'Without any profile',
      command:
        '<%= config.bin %> <%= command.id %> --start-url https://my-org.awsapps.com/start --sso-region us-east-1 --account-id 111122223333 --role-name ReadOnly',
    },
  ]

  // The output is JSON already; errors go to stderr where botocore shows them.
  static override enableJsonFlag = false

  static override flags = { ...targetFlags }

  async run(): Promise<void> {
    const result = await credentialsFor(this.flags, this.context())
    process.stdout.write(renderCredentials('process', result))
  }
}

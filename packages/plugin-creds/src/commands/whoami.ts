import { BaseCommand, describeExpiry, paragraphs, targetFlags } from '@idc/cli-kit'
import { credentialsFor } from '../lib/credentials.js'

export interface WhoamiJson {
  account: string
  arn: string
  userId: string
  roleName?: string | undefined
  /** ISO 8601 expiry of the credentials used. */
  expiration?: string | undefined
}

export default class Whoami extends BaseCommand<typeof Whoami> {
  static override summary = 'Show who the credentials belong to (STS GetCallerIdentity).'
  static override description =
    paragraphs(`Resolves credentials like \`creds\` and calls STS GetCallerIdentity with them: a quick check
that a profile works end to end. Honours AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS.`)

  static override examples = [
    '<%= config.bin %> <%= command.id %> --profile dev',
    '<%= config.bin %> <%= command.id %> --profile dev --json',
  ]

  static override flags = { ...targetFlags }

  async run(): Promise<WhoamiJson> {
    const ctx = this.context()
    const result = await credentialsFor(this.flags, ctx)
    const region = this.flags.region ?? result.target.region ?? result.target.ssoRegion
    const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts')
    const c = result.credentials
    const client = new STSClient({
      region,
      credentials: {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
      },
    })
    const identity = await client.send(new GetCallerIdentityCommand({}), { abortSignal: ctx.signal })
    const out: WhoamiJson = {
      account: identity.Account ?? result.target.accountId ?? '',
      arn: identity.Arn ?? '',
      userId: identity.UserId ?? '',
      roleName: result.target.roleName,
      ...(c.expiration ? { expiration: c.expiration.toISOString() } : {}),
    }
    this.ui.info(`${out.arn}`)
    this.ui.info(
      `account ${out.account}, role ${out.roleName}${c.expiration ? `, credentials expire ${describeExpiry(c.expiration)}` : ''}`,
    )
    return out
  }
}

import {
  autoLoginFlag,
  BaseCommand,
  describeExpiry,
  paragraphs,
  profileArg,
  renderTable,
  targetFlags,
  targetRequest,
} from '@idc/cli-kit'
import { getCallerIdentity } from '@idc/core'
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
    '<%= config.bin %> <%= command.id %> dev',
  ]

  static override args = profileArg
  static override flags = { ...targetFlags, ...autoLoginFlag }

  async run(): Promise<WhoamiJson> {
    const ctx = this.context()
    const result = await this.withSignIn(targetRequest(this.flags), () => credentialsFor(this.flags, ctx))
    const region = this.flags.region ?? result.target.region ?? result.target.ssoRegion
    const c = result.credentials
    const identity = await getCallerIdentity(c, {
      region,
      endpoint: result.target.stsEndpoint,
      settings: result.target.sdk,
      signal: ctx.signal,
      timeouts: [ctx.timeouts, result.target.timeouts],
      debug: ctx.debug,
    })
    const out: WhoamiJson = {
      account: identity.account || result.target.accountId,
      arn: identity.arn,
      userId: identity.userId,
      roleName: result.target.roleName,
      ...(c.expiration ? { expiration: c.expiration.toISOString() } : {}),
    }
    if (!this.jsonEnabled()) {
      const table = renderTable(
        [out],
        [
          { header: 'ACCOUNT', get: (r) => r.account },
          { header: 'ROLE', get: (r) => r.roleName },
          { header: 'EXPIRES', get: () => (c.expiration ? describeExpiry(c.expiration) : 'never') },
          { header: 'ARN', get: (r) => r.arn },
          { header: 'USER ID', get: (r) => r.userId },
        ],
      )
      process.stdout.write(`${table}\n`)
    }
    return out
  }
}

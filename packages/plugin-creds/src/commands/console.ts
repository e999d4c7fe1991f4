import {
  BaseCommand,
  describeExpiry,
  isHeadless,
  openBrowser,
  paragraphs,
  quietSdkNodeWarning,
  rememberSecrets,
  targetFlags,
  targetRequest,
} from '@idc/cli-kit'
import { type ConsoleSignIn, consoleSignIn } from '@idc/core'
import { Flags } from '@oclif/core'

export interface ConsoleJson {
  /** With `--via federation` it holds a sign-in token (valid once, for 15 minutes). */
  url: string
  via: 'federation' | 'portal'
  accountId: string
  roleName: string
  roleArn?: string | undefined
  profile?: string | undefined
  partition: string
  region: string
  destination: string
  /** ISO 8601: when the console session ends (federation sign-ins). */
  sessionEndsAt?: string | undefined
  chained: boolean
}

export default class Console extends BaseCommand<typeof Console> {
  static override summary = 'Open the AWS Management Console signed in as a profile’s account and role.'
  static override description =
    paragraphs(`Signs in to the AWS Management Console with the role's credentials (the AWS federation
sign-in: a one-time sign-in token, valid for 15 minutes) in the partition of the role (aws,
aws-us-gov, aws-cn), and opens it in the browser. Chained-role profiles (role_arn +
source_profile) sign in as the assumed role; their console session lasts at most one hour.

--via portal prints or opens the access portal's console shortcut instead: it needs no
credentials (the browser's portal sign-in is used) and works with the console's multi-session
support, but only for IAM Identity Center roles.

The browser opens as for \`login\`: not over SSH, in CI or without a display (the URL is printed
instead) unless --browser is given. --url prints the URL without opening anything. The URL is a
credential: it is never logged, and --debug redacts it. AWS_IDC_ENDPOINT_URL_SIGNIN (else
AWS_ENDPOINT_URL) points the sign-in and console URLs at another endpoint, such as the emulator.`)

  static override examples = [
    '<%= config.bin %> <%= command.id %> --profile dev',
    '<%= config.bin %> <%= command.id %> --profile dev --destination s3 --region eu-west-1',
    '<%= config.bin %> <%= command.id %> --profile prod-admin --url',
    '<%= config.bin %> <%= command.id %> --profile dev --via portal --destination /cloudformation/home',
    '<%= config.bin %> <%= command.id %> --sso-session corp --account-id 111122223333 --role-name ReadOnly',
  ]

  static override flags = {
    ...targetFlags,
    destination: Flags.string({
      char: 'd',
      description:
        'Where to land: a service shortcut (s3, ec2, cloudformation, lambda, iam, …), a console path (/s3/buckets) or a console URL. Default: the console home.',
      helpValue: '<service|path|url>',
    }),
    via: Flags.string({
      description:
        'federation: sign in with the role credentials (default); portal: the access portal shortcut.',
      options: ['federation', 'portal'],
      default: 'federation',
    }),
    url: Flags.boolean({
      description: 'Print the URL instead of opening a browser.',
      default: false,
    }),
    browser: Flags.boolean({
      description:
        'Open the browser (default). --browser also opens it over SSH, in CI or without a display; --no-browser prints the URL.',
      allowNo: true,
    }),
  }

  async run(): Promise<ConsoleJson> {
    const flags = this.flags
    quietSdkNodeWarning()
    const result = await consoleSignIn(targetRequest(flags), {
      ...this.context(),
      via: flags.via as 'federation' | 'portal',
      destination: flags.destination,
      region: flags.region,
    })
    // From here on every line through the Ui is redacted against the token.
    rememberSecrets(result.signinToken)
    const json = consoleJson(result)
    const who = `${result.roleArn ?? result.roleName} in account ${result.accountId}`
    if (result.chained && result.sessionEndsAt) {
      this.ui.info(
        `The console session ends ${describeExpiry(result.sessionEndsAt)}: sessions of chained roles last at most 1 hour.`,
      )
    }
    if (this.jsonEnabled()) return json
    const headless = flags.browser === undefined && isHeadless()
    if (flags.url || flags.browser === false || headless) {
      if (headless && !flags.url)
        this.ui.info(
          'No local browser (SSH session, CI or no display): open this URL yourself (--browser forces one).',
        )
      process.stdout.write(`${result.url}\n`)
      return json
    }
    if (await openBrowser(result.url)) {
      this.ui.info(`Opened the AWS console as ${who} (${result.destination}).`)
    } else {
      this.ui.info('Could not start a browser: open this URL yourself.')
      process.stdout.write(`${result.url}\n`)
    }
    return json
  }
}

function consoleJson(r: ConsoleSignIn): ConsoleJson {
  return {
    url: r.url,
    via: r.via,
    accountId: r.accountId,
    roleName: r.roleName,
    ...(r.roleArn ? { roleArn: r.roleArn } : {}),
    ...(r.profileName ? { profile: r.profileName } : {}),
    partition: r.partition,
    region: r.region,
    destination: r.destination,
    ...(r.sessionEndsAt ? { sessionEndsAt: r.sessionEndsAt.toISOString() } : {}),
    chained: r.chained,
  }
}

import { BaseCommand, type globalFlags, paragraphs, rememberSecrets, targetFlags } from '@idc/cli-kit'
import {
  assertAccountAllowed,
  type CredentialsTarget,
  formatVariables,
  getCredentialsForTarget,
  IdcError,
  startCredentialServer,
  VARIABLE_FORMATS,
  type VariableFormatName,
} from '@idc/core'
import { Flags, type Interfaces } from '@oclif/core'
import { allowedAccounts, resolveFlagsTarget } from '../lib/agent-safe.js'
import { requestLogger } from '../lib/server-log.js'

const serveFlags = {
  profile: Flags.string({
    description:
      'Profile to serve (repeat for several, each at /role/<profile>; default: $AWS_PROFILE, else "default").',
    env: 'AWS_PROFILE',
    helpGroup: 'GLOBAL',
    helpValue: '<name>',
    multiple: true,
  }),
  format: Flags.option({
    char: 'f',
    description: 'How to print the two variables.',
    options: [...VARIABLE_FORMATS] as VariableFormatName[],
    default: 'env' as VariableFormatName,
  })(),
  port: Flags.integer({
    description: 'Port to listen on (default: a free one).',
    min: 1,
    max: 65535,
    helpValue: '<port>',
  }),
  host: Flags.string({
    description: 'Address to listen on.',
    default: '127.0.0.1',
    helpValue: '<address>',
  }),
  'allow-non-loopback': Flags.boolean({
    description:
      'Allow a --host other than a loopback address (anyone who can reach it and has the token gets credentials).',
    default: false,
  }),
  'allowed-account-ids': Flags.string({
    description: 'Refuse to serve any account not in this comma-separated list.',
    helpValue: '<ids>',
    multiple: true,
  }),
  ...targetFlags,
}

type ServeFlags = Interfaces.InferredFlags<typeof serveFlags> & {
  debug: boolean
  region?: string | undefined
}

export default class Serve extends BaseCommand<typeof Serve> {
  static override summary = 'Serve refreshing AWS credentials to the SDKs and CLI on a local port.'
  static override description =
    paragraphs(`Runs a container-credentials endpoint on 127.0.0.1, the one the AWS SDKs and the AWS CLI read
through AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN, and prints those two
variables on stdout. A program started with them asks the server whenever its credentials run low;
the server answers from the role-credential cache, fetching new role credentials (and refreshing the
sign-in token) once per expiry however many programs ask. It serves as long as the sign-in lasts.

Every run has a new random token; a request without it gets 401. Give --profile more than once to
serve several profiles, each at /role/<profile>; the variables name the first. Stop with Ctrl-C
(or SIGTERM).`)

  static override examples = [
    {
      description:
        'Serve a profile; paste the two lines it prints into the shells whose tools should use it (or use `exec --server`)',
      command: '<%= config.bin %> <%= command.id %> --profile dev',
    },
    {
      description: 'Two profiles, the variables as JSON',
      command: '<%= config.bin %> <%= command.id %> --profile dev --profile prod --format json',
    },
    {
      description: 'A fixed port, only for account 111122223333',
      command:
        '<%= config.bin %> <%= command.id %> --profile dev --port 9911 --allowed-account-ids 111122223333',
    },
  ]

  static override enableJsonFlag = false

  // `profile` repeats here, unlike the global flag it replaces.
  static override flags = serveFlags as unknown as typeof globalFlags

  async run(): Promise<void> {
    const flags = this.flags as unknown as ServeFlags
    const ctx = this.context()
    const allowed = allowedAccounts(flags['allowed-account-ids'])
    const profiles: (string | undefined)[] =
      flags.profile && flags.profile.length > 0 ? flags.profile : [undefined]
    if (profiles.length > 1 && (flags['sso-session'] !== undefined || flags['start-url'] !== undefined)) {
      throw new IdcError(
        'invalid-argument',
        'Several --profile values cannot be combined with --sso-session or --start-url.',
        {
          hint: 'Serve one target given by flags, or several profiles.',
        },
      )
    }
    const targets: [string, CredentialsTarget][] = []
    for (const profile of profiles) {
      const target = await resolveFlagsTarget({ ...flags, profile }, ctx)
      assertAccountAllowed(target.accountId, allowed)
      const name = target.profileName ?? profile ?? 'default'
      if (!targets.some(([n]) => n === name)) targets.push([name, target])
    }
    // Fail now, not on the first request, when a target is not signed in.
    for (const [, target] of targets) {
      const { credentials } = await getCredentialsForTarget(target, ctx)
      rememberSecrets(credentials.secretAccessKey, credentials.sessionToken)
    }
    const server = await startCredentialServer({
      ...ctx,
      targets,
      host: flags.host,
      port: flags.port,
      allowNonLoopback: flags['allow-non-loopback'],
      onRequest: requestLogger(this.ui),
    })
    rememberSecrets(server.token)
    process.stdout.write(formatVariables(flags.format, server.variables()))
    for (const [name, target] of targets) {
      this.ui.info(`Serving ${target.accountId}/${target.roleName} (${name}) at ${server.url(name)}`)
    }
    this.ui.info('Stop with Ctrl-C.')
    // From here on Ctrl-C and SIGTERM stop the server cleanly (exit 0) instead of aborting.
    this.releaseInterrupt()
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      const stop = (s: NodeJS.Signals) => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        resolve(s)
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
    await server.close()
    this.ui.info(`Stopped (${signal}).`)
  }
}

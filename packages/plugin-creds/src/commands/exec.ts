import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import {
  argvHas,
  autoLoginFlag,
  BaseCommand,
  paragraphs,
  targetFlags,
  targetRequest,
  withPickedTarget,
} from '@idc/cli-kit'
import { credentialVariables, IdcError } from '@idc/core'
import { Args, Errors } from '@oclif/core'
import { ACTIVE_PROFILE_VARIABLE, childEnv } from '../lib/child-env.js'
import { credentialsFor } from '../lib/credentials.js'
import { agentSafeFlags, prepareAgentSafe, serverFlags, startChildServer } from '../lib/exec-options.js'

/** Signals passed on to the child. SIGINT from a terminal reaches the whole process group already. */
const FORWARDED: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH']

export default class Exec extends BaseCommand<typeof Exec> {
  static override summary = 'Run a command with temporary AWS credentials in its environment.'
  static override description =
    paragraphs(`Resolves credentials like \`creds\`, then runs the command with AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION and AWS_REGION /
AWS_DEFAULT_REGION (from --region or the profile's region) set, and AWS_PROFILE removed so
the tools it runs use exactly these credentials, and AWS_IDC_PROFILE naming the profile (as
aws-vault's AWS_VAULT). Put the command after \`--\`; a profile may come before it
(\`exec dev -- env\`). Inside another \`exec\` it warns: the new credentials replace the outer ones.

The exit code is the command's (127 when it is not found, 126 when it cannot be run); when the
command dies of a signal, aws-idc re-raises it.
Plain exec does not refresh the credentials while the command runs. With --server the command gets
AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN instead of keys: a local
credential server (as \`serve\`) runs until the command exits, and the command's AWS SDKs and CLI
fetch fresh credentials from it themselves, for as long as the sign-in lasts.

For agents and scripts: --allowed-account-ids refuses, before fetching anything, a target in any
other account; --logout-after signs out (revokes the sign-in and removes its token file) when the
command exits, so what ran had role credentials only.`)

  static override examples = [
    '<%= config.bin %> <%= command.id %> --profile dev -- aws s3 ls',
    '<%= config.bin %> <%= command.id %> dev -- env',
    '<%= config.bin %> <%= command.id %> --profile dev --region eu-west-1 -- terraform plan',
    '<%= config.bin %> <%= command.id %> --sso-session corp --account-id 111122223333 --role-name Admin -- ./deploy.sh',
    '<%= config.bin %> <%= command.id %> --profile dev --server -- ./long-job.sh',
    '<%= config.bin %> <%= command.id %> --profile dev --server --allowed-account-ids 111122223333 --logout-after -- agent',
  ]

  static override strict = false
  static override enableJsonFlag = false
  static override args = {
    command: Args.string({
      description: 'The command to run, then its arguments (after --).',
      required: true,
      // Never a command line read from stdin (oclif's default for a missing argument).
      ignoreStdin: true,
    }),
  }

  static override flags = { ...targetFlags, ...autoLoginFlag, ...serverFlags, ...agentSafeFlags }

  async run(): Promise<void> {
    const { profile, command: line } = splitCommandLine(this.argv, this.rest)
    const [command, ...commandArgs] = line
    if (!command) throw new Errors.CLIError('Missing the command to run.', { exit: 2 })
    const ctx = this.context()
    // Without a profile, on a terminal: the account/role picker.
    const flags =
      profile !== undefined ? { ...this.flags } : await withPickedTarget({ ...this.flags }, ctx, this.ui)
    if (profile !== undefined) {
      if (argvHas(this.argv, '--profile') || argvHas(this.argv, '-p')) {
        if (flags.profile !== profile) {
          throw new IdcError(
            'invalid-argument',
            `Two profiles given: ${profile} and --profile ${flags.profile}.`,
            {
              hint: `Give one: \`${this.config.bin} exec ${profile} -- ${command}\`.`,
            },
          )
        }
      }
      flags.profile = profile
    }
    const parent = process.env[ACTIVE_PROFILE_VARIABLE]
    if (parent !== undefined) {
      // aws-vault refuses; a warning keeps scripts working while saying which credentials win.
      this.ui.warn(
        `already inside \`${this.config.bin} exec\` (${ACTIVE_PROFILE_VARIABLE}=${parent}): the new credentials replace those of ${parent} for this command.`,
      )
    }
    // Before any credentials are fetched: the allow-list refuses other accounts here.
    const agentSafe = await prepareAgentSafe(flags, ctx)
    const result = await this.withSignIn(targetRequest(flags), () => credentialsFor(flags, ctx))
    const region = flags.region ?? result.target.region
    const active = result.target.profileName ?? result.target.sessionName ?? result.target.startUrl
    const server = flags.server ? await startChildServer(result.target, ctx, this.ui) : undefined
    const env = server
      ? { ...server.env(process.env, region), [ACTIVE_PROFILE_VARIABLE]: active }
      : childEnv(process.env, credentialVariables(result.credentials, { region }), { profile: active })
    // From here on Ctrl-C is the child's: aws-idc waits for it and passes its exit status on.
    this.releaseInterrupt()
    const code = await runChild(command, commandArgs, env, async (childCode) => {
      await server?.close()
      await agentSafe.afterChild(result.target, childCode, this.ui)
    })
    if (code !== 0) this.exit(code)
  }
}

/**
 * `exec dev -- cmd` (aws-vault's shape): one argument before `--` is the profile. Without `--`
 * every argument is the command, as before.
 */
export function splitCommandLine(
  raw: readonly string[],
  parsed: readonly string[],
): { profile?: string | undefined; command: string[] } {
  const command = commandLine(raw, parsed)
  const dash = raw.indexOf('--')
  if (dash === -1) return { command }
  const before = parsed.length - command.length
  if (before > 1) {
    throw new IdcError(
      'invalid-argument',
      `Unexpected arguments before --: ${parsed.slice(0, before).join(' ')}.`,
      {
        hint: 'Give at most the profile before --, e.g. `aws-idc exec dev -- aws s3 ls`.',
      },
    )
  }
  return { profile: before === 1 ? parsed[0] : undefined, command }
}

/**
 * The command and its arguments: everything after the first `--`, byte for byte. oclif's own `argv`
 * is not used there: it re-sorts arguments by the first position of each value in the command
 * line, so a child argument equal to an earlier one (`--profile`, `--`, `-e`) would move.
 */
export function commandLine(raw: readonly string[], parsed: readonly string[]): string[] {
  const dash = raw.indexOf('--')
  return dash === -1 ? [...parsed] : raw.slice(dash + 1)
}

/**
 * Runs the child with inherited stdio; resolves with its exit code, re-raising a fatal signal.
 * `afterExit` (stop the server, sign out) runs once the child is gone, before either.
 */
function runChild(
  command: string,
  args: string[],
  env: Record<string, string>,
  afterExit: (code: number) => Promise<void> = async () => {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env })
    const forward = (signal: NodeJS.Signals) => {
      child.kill(signal)
    }
    // While the child runs, Ctrl-C is the child's business: it gets SIGINT from the terminal itself.
    const ignore = () => {}
    for (const s of FORWARDED) process.on(s, forward)
    process.on('SIGINT', ignore)
    const cleanup = () => {
      for (const s of FORWARDED) process.off(s, forward)
      process.off('SIGINT', ignore)
    }
    child.on('error', async (error: NodeJS.ErrnoException) => {
      cleanup()
      const status = error.code === 'ENOENT' ? 127 : 126
      await afterExit(status).catch(() => {})
      if (error.code === 'ENOENT' || error.code === 'EACCES') {
        // As a shell: 127 for a command not found, 126 for one that cannot be run.
        process.stderr.write(
          `error: ${error.code === 'ENOENT' ? 'Command not found' : 'Permission denied'}: ${command}.\nhint: Check the name and your PATH; put the command after --.\n`,
        )
        resolve(status)
      } else reject(error)
    })
    child.on('exit', async (code, signal) => {
      cleanup()
      const num = signal ? ((constants.signals as Record<string, number>)[signal] ?? 1) : 0
      try {
        await afterExit(signal ? 128 + num : (code ?? 1))
      } catch (error) {
        reject(error)
        return
      }
      if (signal) {
        // Die the same way so the caller (a shell, make, CI) sees the signal.
        process.removeAllListeners(signal)
        process.kill(process.pid, signal)
        resolve(128 + num)
        return
      }
      resolve(code ?? 1)
    })
  })
}

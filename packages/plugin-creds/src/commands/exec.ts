import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { BaseCommand, paragraphs, targetFlags } from '@idc/cli-kit'
import { credentialVariables, IdcError } from '@idc/core'
import { Args, Errors } from '@oclif/core'
import { childEnv } from '../lib/child-env.js'
import { credentialsFor } from '../lib/credentials.js'

/** Signals passed on to the child. SIGINT from a terminal reaches the whole process group already. */
const FORWARDED: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH']

export default class Exec extends BaseCommand<typeof Exec> {
  static override summary = 'Run a command with temporary AWS credentials in its environment.'
  static override description =
    paragraphs(`Resolves credentials like \`creds\`, then runs the command with AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION and AWS_REGION /
AWS_DEFAULT_REGION (from --region or the profile's region) set, and AWS_PROFILE removed so
the tools it runs use exactly these credentials. Put the command after \`--\`.

The exit code is the command's; when the command dies of a signal, aws-idc re-raises it.
The credentials are not refreshed while the command runs: for long jobs prefer a profile with
credential_process.`)

  static override examples = [
    '<%= config.bin %> <%= command.id %> --profile dev -- aws s3 ls',
    '<%= config.bin %> <%= command.id %> --profile dev --region eu-west-1 -- terraform plan',
    '<%= config.bin %> <%= command.id %> --sso-session corp --account-id 111122223333 --role-name Admin -- ./deploy.sh',
  ]

  static override strict = false
  static override enableJsonFlag = false
  static override args = {
    command: Args.string({
      description: 'The command to run, then its arguments (after --).',
      required: true,
    }),
  }

  static override flags = { ...targetFlags }

  async run(): Promise<void> {
    const [command, ...commandArgs] = commandLine(this.argv, this.rest)
    if (!command) throw new Errors.CLIError('Missing the command to run.', { exit: 2 })
    const result = await credentialsFor(this.flags, this.context())
    const region = this.flags.region ?? result.target.region
    const env = childEnv(process.env, credentialVariables(result.credentials, { region }))
    // From here on Ctrl-C is the child's: aws-idc waits for it and passes its exit status on.
    this.releaseInterrupt()
    const code = await runChild(command, commandArgs, env)
    if (code !== 0) this.exit(code)
  }
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

/** Runs the child with inherited stdio; resolves with its exit code, re-raising a fatal signal. */
function runChild(command: string, args: string[], env: Record<string, string>): Promise<number> {
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
    child.on('error', (error: NodeJS.ErrnoException) => {
      cleanup()
      if (error.code === 'ENOENT') {
        reject(
          new IdcError('invalid-argument', `Command not found: ${command}.`, {
            hint: 'Check the name and your PATH; put the command after --.',
            cause: error,
          }),
        )
      } else reject(error)
    })
    child.on('exit', (code, signal) => {
      cleanup()
      if (signal) {
        // Die the same way so the caller (a shell, make, CI) sees the signal.
        process.removeAllListeners(signal)
        process.kill(process.pid, signal)
        const num = (constants.signals as Record<string, number>)[signal] ?? 1
        resolve(128 + num)
        return
      }
      resolve(code ?? 1)
    })
  })
}

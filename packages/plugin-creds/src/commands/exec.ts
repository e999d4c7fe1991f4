import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { argvHas, autoLoginFlag, BaseCommand, paragraphs, targetFlags, targetRequest } from '@idc/cli-kit'
import { credentialVariables, IdcError } from '@idc/core'
import { Args, Errors } from '@oclif/core'
import { ACTIVE_PROFILE_VARIABLE, childEnv } from '../lib/child-env.js'
import { credentialsFor } from '../lib/credentials.js'

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
The credentials are not refreshed while the command runs: for long jobs prefer a profile with
credential_process.`)

  static override examples = [
    '<%= config.bin %> <%= command.id %> --profile dev -- aws s3 ls',
    '<%= config.bin %> <%= command.id %> dev -- env',
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

  static override flags = { ...targetFlags, ...autoLoginFlag }

  async run(): Promise<void> {
    const { profile, command: line } = splitCommandLine(this.argv, this.rest)
    const [command, ...commandArgs] = line
    if (!command) throw new Errors.CLIError('Missing the command to run.', { exit: 2 })
    const flags = { ...this.flags }
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
    const result = await this.withSignIn(targetRequest(flags), () => credentialsFor(flags, this.context()))
    const region = flags.region ?? result.target.region
    const env = childEnv(process.env, credentialVariables(result.credentials, { region }), {
      profile: result.target.profileName ?? result.target.sessionName ?? result.target.startUrl,
    })
    // From here on Ctrl-C is the child's: aws-idc waits for it and passes its exit status on.
    this.releaseInterrupt()
    const code = await runChild(command, commandArgs, env)
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
      if (error.code === 'ENOENT' || error.code === 'EACCES') {
        // As a shell: 127 for a command not found, 126 for one that cannot be run.
        const status = error.code === 'ENOENT' ? 127 : 126
        process.stderr.write(
          `error: ${error.code === 'ENOENT' ? 'Command not found' : 'Permission denied'}: ${command}.\nhint: Check the name and your PATH; put the command after --.\n`,
        )
        resolve(status)
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

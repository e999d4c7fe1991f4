import { isatty } from 'node:tty'
import { IdcError, type NetworkTimeouts, parseSeconds, type TargetRequest } from '@idc/core'
import { Command, Errors, type Interfaces } from '@oclif/core'
import { useColor } from './color.js'
import { globalFlags } from './flags.js'
import { argvHas, renderError } from './render.js'
import { quietSdkNodeWarning } from './sdk-warning.js'
import { withSignIn } from './sign-in/sign-in.js'
import { Ui } from './ui.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof BaseCommand)['baseFlags'] & T['flags']
>
export type BaseArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

/**
 * Ambient inputs for @idc/core calls; structurally a `SessionContext` (core/src/session/types.ts).
 * Tests run the CLI as a child process with HOME, AWS_CONFIG_FILE and AWS_ENDPOINT_URL set: the
 * engine reads them from `env`, so nothing here caches paths.
 */
export interface CommandContext {
  env: Readonly<Record<string, string | undefined>>
  signal: AbortSignal
  debug: (line: string) => void
  loginCommand?: string | undefined
  /** From --cli-connect-timeout / --cli-read-timeout; core adds the environment and the profile's keys. */
  timeouts?: NetworkTimeouts | undefined
}

/** How long after the first Ctrl-C the command may take to wind down before the process exits (130). */
const INTERRUPT_GRACE_MS = 3000

/**
 * The base of every aws-idc command: `--profile`, `--region`, `--debug`, `--json`; one-line error
 * rendering with a hint; exit codes from EXIT_CODES; Ctrl-C aborts the engine call and exits 130.
 * Commands return data (printed as JSON with `--json`) and write human output through `this.ui`.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override enableJsonFlag = true
  static override baseFlags = globalFlags

  protected flags!: BaseFlags<T>
  protected args!: BaseArgs<T>
  /** Arguments that are not flags (for `strict = false` commands such as `exec`, everything after `--`). */
  protected rest: string[] = []
  protected ui!: Ui
  protected readonly abort = new AbortController()
  private sigintHandler: (() => void) | undefined

  public override async init(): Promise<void> {
    await super.init()
    quietSdkNodeWarning()
    // Before parsing, so a parse error renders with the right verbosity.
    this.ui = new Ui({ debug: argvHas(this.argv, '--debug'), quiet: this.jsonEnabled() })
    const { args, argv, flags } = await this.parse({
      flags: this.ctor.flags,
      baseFlags: (super.ctor as typeof BaseCommand).baseFlags,
      enableJsonFlag: this.ctor.enableJsonFlag,
      args: this.ctor.args,
      strict: this.ctor.strict,
    })
    this.flags = flags as BaseFlags<T>
    this.args = args as BaseArgs<T>
    this.takeProfileArgument()
    this.rest = argv.map(String)
    this.installInterruptHandler()
  }

  /**
   * `creds dev`: a `profile` argument is the profile, over AWS_PROFILE; with a different --profile
   * too, the command line is ambiguous.
   */
  private takeProfileArgument(): void {
    const positional = (this.args as { profile?: string | undefined }).profile
    if (positional === undefined) return
    const flags = this.flags as { profile?: string | undefined }
    const explicit = argvHas(this.argv, '--profile') || argvHas(this.argv, '-p')
    if (explicit && flags.profile !== positional) {
      throw new IdcError(
        'invalid-argument',
        `Two profiles given: ${positional} and --profile ${flags.profile}.`,
        {
          hint: `Give one: \`${this.config.bin} ${this.id} ${positional}\`.`,
        },
      )
    }
    flags.profile = positional
  }

  /**
   * A person at a terminal can answer a question (not --json, stdin and stderr are terminals).
   * stdin is asked with isatty(0), the test process.stdin.isTTY makes: the first use of
   * process.stdin builds its stream (a tty or fs stream), which a command that never prompts
   * does not need.
   */
  protected canAsk(): boolean {
    return !this.jsonEnabled() && isatty(0) && Boolean(process.stderr.isTTY)
  }

  /**
   * Runs `work`, signing in when the session expired or is missing: asked on a terminal, at once
   * with --auto-login (when the command has the flag); otherwise the error's hint stands.
   */
  protected async withSignIn<R>(request: TargetRequest, work: () => Promise<R>): Promise<R> {
    const flags = this.flags as { 'auto-login'?: boolean | undefined; debug?: boolean | undefined }
    return withSignIn(
      request,
      {
        context: this.context(),
        ui: this.jsonEnabled() ? new Ui({ debug: Boolean(flags.debug) }) : this.ui,
        bin: this.config.bin,
        autoLogin: flags['auto-login'],
        interactive: this.canAsk(),
      },
      work,
    )
  }

  /** The SessionContext for @idc/core calls. */
  protected context(extra: Partial<CommandContext> = {}): CommandContext {
    return {
      env: process.env,
      signal: this.abort.signal,
      debug: (line: string) => this.ui.debug(line),
      timeouts: this.timeoutFlags(),
      ...extra,
    }
  }

  private timeoutFlags(): NetworkTimeouts {
    const flags = this.flags as Record<string, unknown>
    const seconds = (name: string) =>
      typeof flags[name] === 'string' ? parseSeconds(flags[name] as string, `--${name}`) : undefined
    return { connectTimeoutMs: seconds('cli-connect-timeout'), readTimeoutMs: seconds('cli-read-timeout') }
  }

  /**
   * Stops treating Ctrl-C as "abort and exit 130" (for `exec`, where the terminal's SIGINT belongs to
   * the child and aws-idc must wait for it and pass on its exit status).
   */
  protected releaseInterrupt(): void {
    if (this.sigintHandler) process.off('SIGINT', this.sigintHandler)
    this.sigintHandler = undefined
  }

  private installInterruptHandler(): void {
    let count = 0
    this.sigintHandler = () => {
      count++
      this.ui.stopAll()
      if (count > 1) process.exit(130)
      const error = new Error('Interrupted.')
      error.name = 'AbortError'
      this.abort.abort(error)
      setTimeout(() => process.exit(130), INTERRUPT_GRACE_MS).unref()
    }
    process.on('SIGINT', this.sigintHandler)
  }

  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    this.ui?.stopAll()
    const rendered = renderError(err, {
      json: this.jsonEnabled(),
      debug: argvHas(this.argv, '--debug'),
      bin: this.config.bin,
      commandId: this.id,
      flagNames: Object.keys({ ...this.ctor.baseFlags, ...this.ctor.flags }),
      color: useColor(process.stderr),
    })
    if (rendered.json) this.logJson(rendered.json)
    else if (rendered.stdout) process.stdout.write(rendered.stdout)
    if (rendered.stderr) process.stderr.write(rendered.stderr)
    if (rendered.exitCode === 0) return undefined
    // ExitError prints nothing more; oclif's handler exits with its code.
    throw new Errors.ExitError(rendered.exitCode)
  }

  protected override async finally(err: Error | undefined): Promise<unknown> {
    this.ui?.stopAll()
    if (this.sigintHandler) process.off('SIGINT', this.sigintHandler)
    return super.finally(err)
  }
}

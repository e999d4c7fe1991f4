import { redactText } from '@idc/core'
import { formatDuration } from './duration.js'
import { knownSecrets } from './secrets.js'

/** The part of a stream the UI uses (process.stderr, or a test double). */
export interface UiStream {
  write(text: string): unknown
  isTTY?: boolean | undefined
}

export interface UiOptions {
  stream?: UiStream | undefined
  debug?: boolean | undefined
  /** Suppress informational lines (errors and warnings still print). Used with --json. */
  quiet?: boolean | undefined
  env?: Readonly<Record<string, string | undefined>> | undefined
  /** Force the TTY behaviour on or off (default: stream.isTTY, off when CI or TERM=dumb). */
  interactive?: boolean | undefined
  /** Non-TTY wait lines: at most one progress line per this many ms (default 30 s). */
  plainIntervalMs?: number | undefined
}

export interface WaitLine {
  /** New time left and/or label; shown on the next frame (TTY) or the next plain line. */
  update(progress: { remainingMs?: number | undefined; label?: string | undefined }): void
  /** Clears the indicator and prints `final` (if any) on its own line. */
  stop(final?: string): void
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

/**
 * Human output on stderr: stdout is reserved for what a command returns (credentials, JSON, tables).
 * Every line is redacted against the secrets this process knows.
 */
export class Ui {
  readonly stream: UiStream
  readonly interactive: boolean
  private readonly debugOn: boolean
  private readonly quiet: boolean
  private readonly env: Readonly<Record<string, string | undefined>>
  private readonly plainIntervalMs: number
  private readonly active = new Set<WaitLine>()

  constructor(options: UiOptions = {}) {
    this.stream = options.stream ?? process.stderr
    this.env = options.env ?? process.env
    this.debugOn = options.debug ?? false
    this.quiet = options.quiet ?? false
    this.plainIntervalMs = options.plainIntervalMs ?? 30_000
    this.interactive =
      options.interactive ?? (Boolean(this.stream.isTTY) && !this.env['CI'] && this.env['TERM'] !== 'dumb')
  }

  private write(text: string): void {
    this.stream.write(redactText(text, knownSecrets(this.env)))
  }

  /** An informational line (suppressed with --json). */
  info(text: string): void {
    if (!this.quiet) this.write(`${text}\n`)
  }

  warn(text: string): void {
    this.write(`warning: ${text}\n`)
  }

  debug(text: string): void {
    if (this.debugOn) this.write(`debug: ${text}\n`)
  }

  /**
   * A wait indicator with the time left: a spinner line on a TTY, plain lines otherwise (one at the
   * start, then at most one per `plainIntervalMs`).
   */
  wait(label: string, options: { deadline?: Date | undefined; now?: () => number } = {}): WaitLine {
    const now = options.now ?? Date.now
    let currentLabel = label
    let deadline = options.deadline?.getTime()
    const left = () => (deadline === undefined ? '' : ` (${formatDuration(deadline - now())} left)`)
    let stopped = false
    let frame = 0
    let timer: NodeJS.Timeout | undefined
    let lastPlain = now()

    const render = () => {
      frame = (frame + 1) % FRAMES.length
      this.write(`\r\x1b[2K${FRAMES[frame]} ${currentLabel}${left()}`)
    }

    if (this.quiet) {
      // still a no-op object so callers need no branches
    } else if (this.interactive) {
      render()
      timer = setInterval(render, 100)
      timer.unref()
    } else {
      this.write(`${currentLabel}${left()}\n`)
    }

    const line: WaitLine = {
      update: ({ remainingMs, label: newLabel }) => {
        if (stopped) return
        if (remainingMs !== undefined) deadline = now() + remainingMs
        const labelChanged = newLabel !== undefined && newLabel !== currentLabel
        if (newLabel !== undefined) currentLabel = newLabel
        if (this.quiet) return
        if (this.interactive) {
          // A new label (a retry starting) is drawn at once: a quick last attempt would end the
          // line before the next frame, and that retry would never have been shown.
          if (labelChanged) render()
          return
        }
        if (labelChanged || now() - lastPlain >= this.plainIntervalMs) {
          lastPlain = now()
          this.write(`${currentLabel}${left()}\n`)
        }
      },
      stop: (final?: string) => {
        if (stopped) return
        stopped = true
        this.active.delete(line)
        if (timer) clearInterval(timer)
        if (this.interactive && !this.quiet) this.write('\r\x1b[2K')
        if (final !== undefined) this.info(final)
      },
    }
    this.active.add(line)
    return line
  }

  /**
   * A wait line on a terminal only (silent elsewhere): for waits that are usually short, where a
   * line in every log would be noise, but a person must not face a blank screen.
   */
  progress(label: string): WaitLine {
    if (this.interactive) return this.wait(label)
    return {
      update: () => {},
      stop: (final?: string) => (final === undefined ? undefined : this.info(final)),
    }
  }

  /** Stops every running indicator (on exit, error or Ctrl-C). */
  stopAll(): void {
    for (const line of [...this.active]) line.stop()
  }
}

/** What a throttled or failing call is, for a wait line: "throttled", "service error", "network". */
function retryReason(error: unknown): string {
  const name = (error as { name?: string } | undefined)?.name ?? ''
  if (/Throttl|TooManyRequests/.test(name)) return 'throttled'
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode
  if (status !== undefined && status >= 500) return `service error ${status}`
  return 'network'
}

/**
 * A retry policy (core's `onRetry`) that shows each retry on a wait line: "Listing accounts
 * (retrying, throttled 3/6)", so a slow listing never looks like a hang.
 */
export function retryProgress(wait: WaitLine, label: string) {
  return {
    onRetry: (r: { attempt: number; maxAttempts: number; error: unknown }) =>
      wait.update({ label: `${label} (retrying, ${retryReason(r.error)} ${r.attempt}/${r.maxAttempts})` }),
  }
}

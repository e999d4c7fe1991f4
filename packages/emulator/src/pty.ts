/** A real pseudo-terminal for tests of interactive commands (`configure`, the picker). */
import { type ChildProcess, spawn } from 'node:child_process'

/** Strips ANSI escape sequences (cursor moves, colours) from terminal output. */
export function plain(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\r/g, '')
}

export const KEY = { enter: '\r', down: '\x1b[B', up: '\x1b[A', ctrlC: '\x03' } as const

/**
 * Runs a command in a real pseudo-terminal with util-linux `script` (stdin, stdout and stderr of
 * the command are the PTY; `-e` returns its exit code), and drives it like a person would: wait
 * for a prompt, type an answer.
 */
export class Pty {
  readonly child: ChildProcess
  output = ''
  private readonly exited: Promise<number | null>

  constructor(argv: string[], env: Record<string, string>, cwd?: string) {
    const command = argv.map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ')
    this.child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: { ...env, TERM: 'xterm-256color', COLUMNS: '120', LINES: '40' },
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    this.child.stdout!.on('data', (d: Buffer) => {
      this.output += d.toString('utf8')
    })
    this.child.stderr!.on('data', (d: Buffer) => {
      this.output += d.toString('utf8')
    })
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)))
  }

  /** The output so far without escape sequences. */
  get text(): string {
    return plain(this.output)
  }

  /** Waits until the plain output after `from` matches `pattern`; returns the new offset. */
  async expect(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!pattern.test(this.text)) {
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${pattern}; terminal so far:\n${this.text.slice(-4000)}`)
      }
      if (this.child.exitCode !== null) {
        throw new Error(
          `exited (${this.child.exitCode}) before ${pattern}; terminal:\n${this.text.slice(-2000)}`,
        )
      }
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  /** Types keys (a short pause first, so the prompt has set up its key handling). */
  async type(keys: string): Promise<void> {
    await new Promise((r) => setTimeout(r, 60))
    this.child.stdin!.write(keys)
  }

  async answer(prompt: RegExp, keys: string): Promise<void> {
    await this.expect(prompt)
    await this.type(keys)
  }

  wait(timeoutMs = 30_000): Promise<number | null> {
    return Promise.race([
      this.exited,
      new Promise<number | null>((_, reject) =>
        setTimeout(
          () => reject(new Error(`still running; terminal:\n${this.text.slice(-2000)}`)),
          timeoutMs,
        ).unref(),
      ),
    ])
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL')
  }
}

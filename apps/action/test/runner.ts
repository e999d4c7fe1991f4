/**
 * Runs the committed dist/index.js as the GitHub Actions runner does: `node dist/index.js` with one
 * INPUT_<NAME> variable per input (the action.yml defaults filled in, as the runner fills them),
 * GITHUB_ENV / GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files, then the post step with
 * STATE_<name> variables read back from GITHUB_STATE.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'

export const ROOT = join(import.meta.dirname, '..')
export const DIST = join(ROOT, 'dist', 'index.js')

interface ActionYml {
  inputs: Record<string, { default?: string }>
}

const actionYml = parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as ActionYml

/** The runner's name for an input's variable: upper-cased, spaces to underscores, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

export interface StepRun {
  code: number | null
  stdout: string
  stderr: string
  lines: string[]
  env: Record<string, string>
  outputs: Record<string, string>
  summary: string
  state: Record<string, string>
}

/** Reads a GITHUB_ENV / GITHUB_OUTPUT / GITHUB_STATE file: `name=value` or `name<<DELIM`…`DELIM`. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line === '') continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delim] = heredoc
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]!)
      out[name!] = value.join('\n')
    } else {
      const at = line.indexOf('=')
      out[line.slice(0, at)] = line.slice(at + 1)
    }
  }
  return out
}

export class Runner {
  #dir: string
  constructor(dir: string) {
    this.#dir = dir
  }

  static async create(): Promise<Runner> {
    return new Runner(await mkdtemp(join(tmpdir(), 'idc-action-')))
  }

  async cleanup(): Promise<void> {
    await rm(this.#dir, { recursive: true, force: true })
  }

  /** One step (main or post) of the action in a child process. */
  async step(
    name: 'main' | 'post',
    inputs: Record<string, string>,
    env: Record<string, string>,
    state: Record<string, string> = {},
  ): Promise<StepRun> {
    const files = {
      GITHUB_ENV: join(this.#dir, `${name}-env`),
      GITHUB_OUTPUT: join(this.#dir, `${name}-output`),
      GITHUB_STEP_SUMMARY: join(this.#dir, `${name}-summary`),
      GITHUB_STATE: join(this.#dir, `${name}-state`),
    }
    for (const file of Object.values(files)) await writeFile(file, '')
    const inputEnv: Record<string, string> = {}
    for (const [input, spec] of Object.entries(actionYml.inputs)) {
      if (spec.default !== undefined) inputEnv[inputVariable(input)] = spec.default
    }
    for (const [input, value] of Object.entries(inputs)) {
      if (!(input in actionYml.inputs)) throw new Error(`action.yml has no input ${input}`)
      inputEnv[inputVariable(input)] = value
    }
    const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]))
    const childEnv = {
      ...env,
      ...inputEnv,
      ...stateEnv,
      ...files,
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: this.#dir,
    }
    const { code, stdout, stderr } = await new Promise<{
      code: number | null
      stdout: string
      stderr: string
    }>((resolve) => {
      execFile(
        // IDC_ACTION_NODE: run the bundle on another Node with the same tests (the runner uses node24).
        process.env.IDC_ACTION_NODE || process.execPath,
        [DIST],
        { env: childEnv, cwd: this.#dir, timeout: 120_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : null) : 0
          resolve({ code, stdout, stderr })
        },
      )
    })
    const read = async (file: string) => readFile(file, 'utf8')
    return {
      code,
      stdout,
      stderr,
      lines: stdout.split('\n').filter((l) => l !== ''),
      env: parseFileCommands(await read(files.GITHUB_ENV)),
      outputs: parseFileCommands(await read(files.GITHUB_OUTPUT)),
      summary: await read(files.GITHUB_STEP_SUMMARY),
      state: parseFileCommands(await read(files.GITHUB_STATE)),
    }
  }

  /** The main step, then the post step with the state the main step saved (as the runner does). */
  async job(
    inputs: Record<string, string>,
    env: Record<string, string>,
    between?: (main: StepRun) => Promise<void>,
  ): Promise<{ main: StepRun; post: StepRun }> {
    const main = await this.step('main', inputs, env)
    await between?.(main)
    const post = await this.step('post', inputs, env, main.state)
    return { main, post }
  }
}

/**
 * The masking rule, checked on the captured stdout: every secret has an `::add-mask::` line, that
 * line comes before any other line holding the secret, and no other line holds it at all (the
 * runner masks only what it was told to mask, and only after it was told). Returns the problems.
 */
export function maskProblems(stdout: string, secrets: Record<string, string | undefined>): string[] {
  const lines = stdout.split('\n')
  const problems: string[] = []
  for (const [label, secret] of Object.entries(secrets)) {
    if (!secret) continue
    const mask = lines.indexOf(`::add-mask::${secret}`)
    if (mask < 0) problems.push(`${label}: no ::add-mask:: line`)
    lines.forEach((line, i) => {
      if (line === `::add-mask::${secret}`) return
      if (line.includes(secret)) {
        problems.push(
          `${label}: ${i < mask || mask < 0 ? 'printed before it was masked' : 'printed'} on line ${i + 1}`,
        )
      }
    })
  }
  return problems
}

/** Where each secret value appears in `text` (for the step summary, stderr and the credentials file after the job). */
export function secretsIn(text: string, secrets: Record<string, string | undefined>): string[] {
  return Object.entries(secrets)
    .filter(([, s]) => s && text.includes(s))
    .map(([label]) => label)
}

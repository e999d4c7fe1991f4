// Child processes for the rows, always asynchronous: the emulator of a row often answers from this
// process's event loop, which a synchronous spawn would block.
import { spawn } from 'node:child_process'

/**
 * Runs a command to completion.
 * @returns {Promise<{ status: number | null, signal: string | null, stdout: string, stderr: string }>}
 */
export function run(cmd, argv, { env, timeout = 60_000, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d))
    child.once('error', reject)
    child.once('close', (status, signal) => resolve({ status, signal, stdout, stderr }))
  })
}

/** Runs a command and fails with its first stderr line unless it exits 0. */
export async function runOk(cmd, argv, options) {
  const r = await run(cmd, argv, options)
  if (r.status !== 0) {
    const why = (r.stderr || r.stdout).trim().split('\n').slice(0, 3).join(' | ')
    throw new Error(`${[cmd, ...argv].join(' ')} exited ${r.status ?? r.signal}: ${why}`)
  }
  return r
}

/**
 * Starts a long-running command (a server). `waitFor(text)` waits, bounded, until stdout or stderr
 * contains it; `stop()` sends SIGTERM (SIGKILL after 10 s) and waits for the exit.
 */
export function start(cmd, argv, { env, cwd } = {}) {
  const child = spawn(cmd, argv, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  const waiters = new Set()
  const check = () => {
    for (const w of waiters) if ((stdout + stderr).includes(w.text)) w.resolve()
  }
  child.stdout.setEncoding('utf8').on('data', (d) => {
    stdout += d
    check()
  })
  child.stderr.setEncoding('utf8').on('data', (d) => {
    stderr += d
    check()
  })
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitFor(text, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const w = {
          text,
          resolve: () => {
            clearTimeout(timer)
            waiters.delete(w)
            resolve()
          },
        }
        const timer = setTimeout(() => {
          waiters.delete(w)
          reject(new Error(`${cmd} printed no ${JSON.stringify(text)} in ${timeoutMs} ms: ${stderr.trim()}`))
        }, timeoutMs)
        exited.then(({ code, signal }) => {
          if (!waiters.has(w)) return
          clearTimeout(timer)
          waiters.delete(w)
          reject(new Error(`${cmd} exited ${code ?? signal}: ${stderr.trim()}`))
        })
        waiters.add(w)
        check()
      })
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      const r = await exited
      clearTimeout(timer)
      return r
    },
  }
}

import { type ChildProcess, spawn } from 'node:child_process'
import { mkdir, readFile, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDirFor } from '../../test/cache/helpers.js'
import { removeTranspiled, transpileSrc } from '../../test/transpile-src.js'
import { lockPathFor } from './lock.js'
import { readToken, tokenFilePath, writeToken } from './token-cache.js'

// Real processes, real files: this is the guarantee that N aws-idc processes (or credential_process
// invocations from parallel AWS CLI commands) finding an expired token cause one refresh.
const WORKER = join(import.meta.dirname, '..', '..', 'test', 'cache', 'lock-worker.mjs')
const PROCESSES = 16
let srcDir = ''
const children: ChildProcess[] = []

beforeAll(async () => {
  srcDir = await transpileSrc()
})

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await removeTranspiled(srcDir)
})

interface Worker {
  child: ChildProcess
  lines: string[]
  /** Resolves with the first stdout line matching `predicate`. */
  waitFor(predicate: (line: string) => boolean): Promise<string>
  exited: Promise<number | null>
}

function startWorker(args: string[]): Worker {
  const child = spawn(process.execPath, [WORKER, srcDir, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
  children.push(child)
  const lines: string[] = []
  const waiters: Array<{ predicate: (l: string) => boolean; resolve: (l: string) => void }> = []
  let stderr = ''
  let buffer = ''
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  child.stdout?.on('data', (d: Buffer) => {
    buffer += d.toString()
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i)
      buffer = buffer.slice(i + 1)
      lines.push(line)
      for (const w of waiters.splice(0)) {
        if (w.predicate(line)) w.resolve(line)
        else waiters.push(w)
      }
    }
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {
    child,
    lines,
    exited,
    waitFor: (predicate) =>
      new Promise((resolve, reject) => {
        const found = lines.find(predicate)
        if (found !== undefined) return resolve(found)
        waiters.push({ predicate, resolve })
        exited.then((code) => reject(new Error(`worker exited (${code}) first: ${stderr}`)))
      }),
  }
}

// Concurrent: the stale-lock test mostly waits, so it overlaps with the CPU-bound race.
describe.concurrent('inter-process lock', () => {
  it(`${PROCESSES} processes with an expired token cause exactly one refresh`, async (context) => {
    const home = await tempDirFor(context)
    const file = tokenFilePath(home, 'my-sso')
    await writeToken(file, {
      startUrl: 'https://d-1234567890.awsapps.com/start',
      region: 'us-east-1',
      accessToken: 'expired-token',
      expiresAt: new Date(Date.now() - 60_000),
    })
    const workers = Array.from({ length: PROCESSES }, () => startWorker(['race', file]))
    // Every process is loaded and waiting before any starts, so they really contend.
    await Promise.all(workers.map((w) => w.waitFor((l) => l === 'ready')))
    for (const w of workers) w.child.stdin?.end('go\n')
    const codes = await Promise.all(workers.map((w) => w.exited))
    expect(codes).toEqual(workers.map(() => 0))

    const results = workers.map(
      (w) => JSON.parse(w.lines.at(-1) as string) as { refreshed: boolean; accessToken: string },
    )
    const refreshers = results.filter((r) => r.refreshed)
    expect(refreshers).toHaveLength(1)
    const winner = refreshers[0]?.accessToken
    expect(winner).toMatch(/^token-from-\d+$/)
    // Every process ended up with the one new token, and the file holds it as valid CLI-style JSON.
    expect(new Set(results.map((r) => r.accessToken))).toEqual(new Set([winner]))
    const onDisk = await readToken(file)
    expect(onDisk.status === 'ok' && onDisk.token.accessToken).toBe(winner)
    expect(JSON.parse(await readFile(file, 'utf8')).accessToken).toBe(winner)
    await expect(stat(lockPathFor(file))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('a lock whose holder was SIGKILLed is taken over within a bounded time', async (context) => {
    const home = await tempDirFor(context)
    const file = tokenFilePath(home, 'my-sso')
    await mkdir(dirname(file), { recursive: true })
    const staleMs = '2000' // proper-lockfile's minimum, to keep the test short

    const holder = startWorker(['hold', file, staleMs])
    await holder.waitFor((l) => l === 'locked')

    // While the holder lives (and keeps touching the lock), nobody else gets it.
    const blocked = startWorker(['acquire', file, staleMs, '2500'])
    const denied = JSON.parse(await blocked.waitFor((l) => l.startsWith('{')))
    expect(denied).toMatchObject({ ok: false, code: 'lock-failed' })

    holder.child.kill('SIGKILL')
    await holder.exited
    const killedAt = Date.now()
    await expect(stat(lockPathFor(file))).resolves.toBeDefined() // the dead holder left its lock behind

    const next = startWorker(['acquire', file, staleMs, '10000'])
    const got = JSON.parse(await next.waitFor((l) => l.startsWith('{')))
    expect(got.ok).toBe(true)
    // Stale after 2 s without a touch (touches came every 1 s), plus polling and process start.
    expect(Date.now() - killedAt).toBeLessThan(6000)
    expect(await next.exited).toBe(0)
    await expect(stat(lockPathFor(file))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('a SIGKILLed holder is seen at once from its owner file, long before its lock goes stale', async (context) => {
    const home = await tempDirFor(context)
    const file = tokenFilePath(home, 'my-sso')
    await mkdir(dirname(file), { recursive: true })
    // Stale only after 60 s: without the owner check the next caller would time out after 8 s.
    const holder = startWorker(['hold', file, '60000'])
    await holder.waitFor((l) => l === 'locked')
    const owner = JSON.parse(await readFile(join(lockPathFor(file), 'owner'), 'utf8'))
    expect(owner).toMatchObject({ pid: holder.child.pid })
    holder.child.kill('SIGKILL')
    await holder.exited

    const next = startWorker(['acquire', file, '60000', '8000'])
    const got = JSON.parse(await next.waitFor((l) => l.startsWith('{')))
    expect(got).toMatchObject({ ok: true })
    expect(await next.exited).toBe(0)
    await expect(stat(lockPathFor(file))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})

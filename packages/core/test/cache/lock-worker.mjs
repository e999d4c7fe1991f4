// A separate Node process for the multi-process lock tests (src/cache/lock.multiprocess.test.ts).
// Usage: node lock-worker.mjs <transpiled src dir> <mode> <cache file> [staleMs] [waitMs]
//   race:    prints "ready", waits for "go" on stdin, then runs refreshOnce on an expired token
//            and prints {"refreshed", "accessToken"}: the N-processes-one-refresh scenario.
//   hold:    takes the lock, prints "locked", and hangs until killed.
//   acquire: takes the lock and prints {"ok", "ms"} or {"ok": false, "code"}.
import { createInterface } from 'node:readline'
import { pathToFileURL } from 'node:url'

const [srcDir, mode, file, staleArg, waitArg] = process.argv.slice(2)
const load = (name) => import(pathToFileURL(`${srcDir}/cache/${name}.js`).href)
const { withLock } = await load('lock')
const { refreshOnce } = await load('refresh-once')
const { needsRefresh, readToken, writeToken } = await load('token-cache')
const lockOptions = { staleMs: Number(staleArg ?? 10_000), waitMs: Number(waitArg ?? 20_000) }
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

if (mode === 'race') {
  console.log('ready')
  const lines = createInterface({ input: process.stdin })
  for await (const line of lines) if (line === 'go') break
  lines.close()
  const result = await refreshOnce({
    file,
    lock: lockOptions,
    read: async () => {
      const r = await readToken(file)
      return r.status === 'ok' ? r.token : undefined
    },
    isFresh: (token) => !needsRefresh(token, new Date()),
    refresh: async (stale) => {
      await sleep(150) // the "expensive" call; long enough that every other process is waiting
      const token = {
        startUrl: stale?.startUrl ?? 'https://example.com/start',
        region: stale?.region ?? 'us-east-1',
        accessToken: `token-from-${process.pid}`,
        expiresAt: new Date(Date.now() + 3_600_000),
      }
      await writeToken(file, token)
      return token
    },
  })
  console.log(JSON.stringify({ refreshed: result.refreshed, accessToken: result.value.accessToken }))
} else if (mode === 'hold') {
  setInterval(() => {}, 60_000) // keep the process alive; only SIGKILL ends it
  await withLock(
    file,
    () => {
      console.log('locked')
      return new Promise(() => {})
    },
    lockOptions,
  )
} else if (mode === 'acquire') {
  const started = Date.now()
  try {
    await withLock(file, async () => {}, lockOptions)
    console.log(JSON.stringify({ ok: true, ms: Date.now() - started }))
  } catch (error) {
    console.log(JSON.stringify({ ok: false, code: error.code, ms: Date.now() - started }))
  }
} else {
  throw new Error(`unknown mode ${mode}`)
}

// A separate Node process resolving credentials through the session module, for the
// multi-process tests (src/session/concurrency.int.test.ts).
// Usage: node creds-worker.mjs <transpiled src dir> <mode> <profile>
//   race: prints "ready", waits for "go" on stdin, calls getCredentials and prints one JSON line
//         {"ok":true,"accessKeyId","source"} or {"ok":false,"code","message"}.
//   hold: takes the lock of the file named by argv[5] and prints "locked", then hangs until killed.
//   warm: calls getCredentials and prints {"ok", "source", "sdkModules": [...]}: every module
//         specifier under @aws-sdk/ that was resolved (recorded by the loader hook in sdk-hook.mjs).
import { createInterface } from 'node:readline'
import { pathToFileURL } from 'node:url'

const [srcDir, mode, profile, lockFile] = process.argv.slice(2)
const load = (name) => import(pathToFileURL(`${srcDir}/${name}.js`).href)

async function creds() {
  const { getCredentials } = await load('session/credentials')
  try {
    const res = await getCredentials({ from: 'profile', profile })
    return { ok: true, accessKeyId: res.credentials.accessKeyId, source: res.source }
  } catch (error) {
    return { ok: false, code: error.code, message: error.message, hint: error.hint }
  }
}

if (mode === 'race') {
  console.log('ready')
  const lines = createInterface({ input: process.stdin })
  for await (const line of lines) if (line === 'go') break
  lines.close()
  console.log(JSON.stringify(await creds()))
} else if (mode === 'hold') {
  const { withLock } = await load('cache/lock')
  setInterval(() => {}, 60_000) // keep the process alive; only SIGKILL ends it
  await withLock(lockFile, async () => {
    console.log('locked')
    await new Promise(() => {})
  })
} else if (mode === 'warm') {
  const result = await creds()
  const seen = globalThis.__idcResolved ?? []
  console.log(JSON.stringify({ ...result, sdkModules: seen.filter((s) => s.includes('@aws-sdk/')) }))
}

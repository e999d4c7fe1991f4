// A writer for the crash-safety rounds (crash.test.ts): the real @idc/core write functions, in a
// loop, until the test SIGKILLs it at a random moment. Usage: node crash-writer.mjs <kind> <file> <round> [once]
//   kind: token | role | credentials | config
// Prints {"ready":true,"lockWaitMs":N} after its first write (the lock wait shows whether a lock
// left by the previous, killed round held it up), then keeps writing.
// The modules themselves rather than the package index: a round's process starts in a fraction
// of the time (500 rounds on 2 cores), and these are exactly the functions the index re-exports.
// IDC_RELIABILITY_CORE_DIST: another build's core dist directory, to prove a round fails on it.
const dist = process.env.IDC_RELIABILITY_CORE_DIST
  ? new URL(`file://${process.env.IDC_RELIABILITY_CORE_DIST.replace(/\/?$/, '/')}`)
  : new URL('.', import.meta.resolve('@idc/core'))
const load = (path) => import(new URL(path, dist).href)
const { withLock } = await load('cache/lock.js')
const { writeToken } = await load('cache/token-cache.js')
const { writeRoleCache } = await load('cache/role-cache.js')
const { editIniFile, writeSection } = await load('config/write.js')
const { setKey } = await load('config/ini-edit.js')

const [kind, file, round, once] = process.argv.slice(2)
// Stale only after 60 s: a lock left by a killed round must be seen as dead from its owner file.
const lock = { staleMs: 60_000, waitMs: 20_000 }
let i = 0

async function writeOne() {
  i++
  const gen = `${round}-${i}`
  switch (kind) {
    case 'token':
      return withLock(
        file,
        () =>
          writeToken(file, {
            startUrl: 'https://d-1234567890.awsapps.com/start',
            region: 'us-east-1',
            accessToken: `tok-${gen}-${'x'.repeat(2000)}`,
            expiresAt: new Date(Date.now() + 3_600_000),
            refreshToken: `rt-${gen}`,
          }),
        lock,
      )
    case 'role':
      return withLock(
        file,
        () =>
          writeRoleCache(file, {
            accessKeyId: `ASIA${gen}`,
            secretAccessKey: `secret-${gen}-${'y'.repeat(2000)}`,
            sessionToken: `session-${gen}`,
            expiration: new Date(Date.now() + 3_600_000),
          }),
        lock,
      )
    case 'credentials':
      return writeSection(
        file,
        { file: 'credentials', type: 'profile', name: `p${i % 5}` },
        {
          aws_access_key_id: `AKIA${gen}`,
          aws_secret_access_key: `secret-${gen}-${'z'.repeat(500)}`,
        },
      )
    case 'config':
      return editIniFile(file, (text) =>
        setKey(text, { file: 'config', type: 'profile', name: `c${i % 5}` }, 'region', `gen-${gen}`),
      )
    default:
      throw new Error(`unknown kind ${kind}`)
  }
}

const started = Date.now()
await writeOne()
console.log(JSON.stringify({ ready: true, lockWaitMs: Date.now() - started }))
if (once !== 'once') for (;;) await writeOne()

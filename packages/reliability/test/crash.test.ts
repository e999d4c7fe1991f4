import { spawn } from 'node:child_process'
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { getProfile, listProfiles, loadConfigFiles } from '@idc/core'
import type { Sandbox } from '@idc/emulator/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { cli, login, sandbox } from './helpers.js'

const WRITER = join(import.meta.dirname, 'crash-writer.mjs')
/** 500 rounds of SIGKILL in all: 125 per kind of file, the four kinds in parallel. */
const ROUNDS_PER_KIND = Number(process.env.IDC_CRASH_ROUNDS_PER_KIND ?? 125)

function writer(kind: string, file: string, round: number, once = false) {
  const child = spawn(process.execPath, [WRITER, kind, file, String(round), ...(once ? ['once'] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  })
  let stderr = ''
  child.stderr.on('data', (d) => {
    stderr += d
  })
  const ready = new Promise<{ lockWaitMs: number }>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      const line = out.split('\n')[0]
      if (out.includes('\n') && line) resolve(JSON.parse(line))
    })
    child.on('exit', (code) => reject(new Error(`writer ${kind} exited ${code}: ${stderr}`)))
  })
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  return { child, ready, exited }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Reads one shared file as aws-idc reads it (throws IdcError when it does not parse). */
function loadShared(kind: 'config' | 'credentials', file: string) {
  const none = `${file}.none`
  return loadConfigFiles({
    env: {
      AWS_CONFIG_FILE: kind === 'config' ? file : none,
      AWS_SHARED_CREDENTIALS_FILE: kind === 'credentials' ? file : none,
    },
  })
}

/** The file is absent or a complete version: parses, and its content is one generation's. */
async function checkIntact(kind: string, file: string, keep: string): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => undefined)
  if (text === undefined) return
  if (kind === 'token') {
    const data = JSON.parse(text)
    const gen = /^tok-(\d+-\d+)-x{2000}$/.exec(data.accessToken)?.[1]
    expect(gen, 'token torn').toBeDefined()
    expect(data.refreshToken).toBe(`rt-${gen}`)
  } else if (kind === 'role') {
    const data = JSON.parse(text)
    const gen = /^secret-(\d+-\d+)-y{2000}$/.exec(data.Credentials.SecretAccessKey)?.[1]
    expect(gen, 'role cache torn').toBeDefined()
    expect(data.Credentials.AccessKeyId).toBe(`ASIA${gen}`)
  } else {
    const parsed = await loadShared(kind === 'config' ? 'config' : 'credentials', file)
    expect(text.startsWith(keep), `${kind}: the first section was lost`).toBe(true)
    if (kind === 'credentials') {
      for (const name of listProfiles(parsed)) {
        if (name === 'keep') continue
        const section = getProfile(parsed, name)
        const id = section?.get('aws_access_key_id')?.value ?? ''
        const secret = section?.get('aws_secret_access_key')?.value ?? ''
        expect(secret, `credentials section ${name} torn`).toBe(`secret-${id.slice(4)}-${'z'.repeat(500)}`)
      }
    }
  }
}

let home = ''
afterAll(async () => {
  if (home) await rm(home, { recursive: true, force: true })
})

describe('crash safety: SIGKILL at random moments during writes', () => {
  it(`${ROUNDS_PER_KIND * 4} rounds across token cache, role cache, credentials and config writes: never torn, never blocked`, async () => {
    home = await mkdtemp(join(tmpdir(), 'idc-crash-'))
    const keepCredentials = '[keep]\naws_access_key_id = AKIAKEEP\naws_secret_access_key = keep-secret\n'
    const keepConfig = '[default]\nregion = eu-west-1\n'
    const files = {
      token: join(home, '.aws', 'sso', 'cache', 'token.json'),
      role: join(home, '.aws', 'cli', 'cache', 'role.json'),
      credentials: join(home, '.aws', 'credentials'),
      config: join(home, '.aws', 'config'),
    }
    const { mkdir } = await import('node:fs/promises')
    await mkdir(join(home, '.aws'), { recursive: true, mode: 0o700 })
    // 0644, as a hand-made credentials file often is: the file keeps its mode, and a temp file left
    // by a killed write (it holds a secret key) is never readable by more than the file.
    await writeFile(files.credentials, keepCredentials, { mode: 0o644 })
    await chmod(files.credentials, 0o644)
    await writeFile(files.config, keepConfig, { mode: 0o600 })
    const keep = { token: '', role: '', credentials: keepCredentials, config: keepConfig }
    const lockWaits: number[] = []

    await Promise.all(
      (Object.keys(files) as Array<keyof typeof files>).map(async (kind) => {
        for (let round = 0; round < ROUNDS_PER_KIND; round++) {
          const w = writer(kind, files[kind], round)
          const { lockWaitMs } = await w.ready
          lockWaits.push(lockWaitMs)
          await sleep(Math.random() * 15)
          w.child.kill('SIGKILL')
          await w.exited
          await checkIntact(kind, files[kind], keep[kind])
          const base = basename(files[kind])
          for (const name of await readdir(dirname(files[kind]))) {
            if (!name.startsWith(`.${base}.`) || !name.endsWith('.tmp')) continue
            const mode = (await stat(join(dirname(files[kind]), name)).catch(() => undefined))?.mode
            // Never readable by more than the file it replaces (0600 until just before the rename).
            const target = kind === 'credentials' ? 0o644 : 0o600
            if (mode !== undefined) expect(mode & 0o777 & ~target, `${kind}: temp file ${name}`).toBe(0)
          }
        }
        // One more, clean, write: leftovers of killed writers (temp files, the lock) are gone after it.
        const last = writer(kind, files[kind], ROUNDS_PER_KIND, true)
        await last.ready
        await last.exited
        await checkIntact(kind, files[kind], keep[kind])
        const dir = dirname(files[kind])
        // Only this kind's leftovers: config and credentials share a directory and run in parallel.
        const base = basename(files[kind])
        const left = (await readdir(dir)).filter(
          (n) => (n.startsWith(`.${base}.`) || n.startsWith(`${base}.lock`)) && n !== base,
        )
        expect(left, `${kind}: stale temp or lock files`).toEqual([])
        expect((await stat(files[kind])).mode & 0o777).toBe(kind === 'credentials' ? 0o644 : 0o600)
      }),
    )
    // No round waited for a lock left by the killed one (they are taken over at once, not after 10 s).
    console.log(`crash rounds: ${lockWaits.length}, max lock wait ${Math.max(...lockWaits)} ms`)
    expect(lockWaits).toHaveLength(ROUNDS_PER_KIND * 4)
  })
})

describe('crash safety: the full CLI killed mid-command', () => {
  let box: Sandbox | undefined
  afterAll(async () => box?.cleanup())

  it('20 rounds of creds --write-profile and populate killed at random: files intact, the next run works', async () => {
    box = await sandbox({
      credentials: '[keep]\naws_access_key_id = AKIAKEEP\naws_secret_access_key = keep-secret\n',
    })
    await login(box)
    const configBefore = await readFile(box.configFile, 'utf8')
    for (let round = 0; round < 20; round++) {
      const runs = [
        cli(['creds', '--profile', 'dev', '--write-profile', `w${round}`], box.env, {
          timeoutMs: 100 + Math.random() * 1200,
        }),
        cli(['populate', '--sso-session', 'my-sso'], box.env, { timeoutMs: 100 + Math.random() * 1500 }),
      ]
      await Promise.all(runs)
      const credentials = await readFile(box.credentialsFile, 'utf8')
      await loadShared('credentials', box.credentialsFile)
      expect(credentials.startsWith('[keep]')).toBe(true)
      const config = await readFile(box.configFile, 'utf8')
      await loadShared('config', box.configFile)
      expect(config.startsWith(configBefore.split('\n\n')[0]!)).toBe(true)
    }
    const after = await cli(['creds', '--profile', 'dev', '--write-profile', 'final'], box.env)
    expect(after.code, after.stderr).toBe(0)
    expect(await readFile(box.credentialsFile, 'utf8')).toContain('[final]')
  })
})

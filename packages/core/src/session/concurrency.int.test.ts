import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type Sandbox, SESSION_CONFIG, sandbox } from '../../test/session/harness.js'
import { removeTranspiled, transpileSrc } from '../../test/transpile-src.js'
import { sha1Hex } from '../cache/hash.js'
import { login } from './login.js'

const WORKER = join(import.meta.dirname, '..', '..', 'test', 'session', 'creds-worker.mjs')
const HOOK = join(import.meta.dirname, '..', '..', 'test', 'session', 'sdk-hook.mjs')

let src: string
let box: Sandbox | undefined
beforeAll(async () => {
  src = await transpileSrc()
})
afterAll(async () => {
  await removeTranspiled(src)
})
afterEach(async () => {
  await box?.cleanup()
  box = undefined
})

const exits = new WeakMap<ChildProcess, Promise<unknown>>()

function worker(args: string[], env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeArgs, WORKER, src, ...args], {
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  // Listen at once: a child may exit before the test gets round to waiting for it.
  exits.set(child, new Promise((res) => child.once('exit', res)))
  return child
}

function exited(child: ChildProcess): Promise<unknown> {
  return exits.get(child) ?? Promise.resolve()
}

function lines(child: ChildProcess): AsyncIterator<string> {
  if (!child.stdout) throw new Error('no stdout')
  return createInterface({ input: child.stdout })[Symbol.asyncIterator]()
}

async function signedInWithExpiredToken(): Promise<Sandbox> {
  const b = await sandbox()
  await login(
    { from: 'profile', profile: 'dev' },
    { env: b.env, onAuthorizeUrl: async (u) => void (await fetch(u)) },
  )
  // Expired a minute ago, but refreshable: every process must refresh or wait for the one that does.
  const file = join(b.home, '.aws', 'sso', 'cache', `${sha1Hex('my-sso')}.json`)
  const token = JSON.parse(await readFile(file, 'utf8'))
  token.expiresAt = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z')
  await writeFile(file, JSON.stringify(token))
  b.emu.controls.calls.reset()
  return b
}

describe('many processes at once', () => {
  it('16 processes with an expired token cause one CreateToken and one GetRoleCredentials per role', async () => {
    box = await signedInWithExpiredToken()
    const profiles = ['dev', 'dev-admin', 'staging-admin']
    const children = Array.from({ length: 18 }, (_, i) =>
      worker(['race', profiles[i % 3] ?? 'dev'], box!.env),
    )
    const readers = children.map(lines)
    // Wait until every process has loaded, then release them together.
    for (const r of readers) expect((await r.next()).value).toBe('ready')
    for (const c of children) c.stdin?.write('go\n')
    const results = await Promise.all(readers.map(async (r) => JSON.parse((await r.next()).value as string)))
    await Promise.all(children.map(exited))

    expect(results.filter((r) => !r.ok)).toEqual([])
    const calls = box.emu.controls.calls
    expect(calls.count('CreateToken', 'refresh_token')).toBe(1)
    expect(calls.count('CreateToken')).toBe(1)
    expect(calls.count('GetRoleCredentials', '111111111111/ReadOnly')).toBe(1)
    expect(calls.count('GetRoleCredentials', '111111111111/AdministratorAccess')).toBe(1)
    expect(calls.count('GetRoleCredentials', '222222222222/AdministratorAccess')).toBe(1)
    // Every process of one role got the same credentials, and every cache file is valid JSON.
    for (let i = 0; i < 3; i++) {
      expect(new Set(results.filter((_, j) => j % 3 === i).map((r) => r.accessKeyId)).size).toBe(1)
    }
    for (const dir of [join(box.home, '.aws', 'sso', 'cache'), join(box.home, '.aws', 'cli', 'cache')]) {
      for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json'))) {
        expect(() => JSON.parse(readFileSync(join(dir, name), 'utf8'))).not.toThrow()
      }
    }
  }, 60_000)

  it('a process killed while holding the lock does not block the others', async () => {
    box = await signedInWithExpiredToken()
    const tokenFile = join(box.home, '.aws', 'sso', 'cache', `${sha1Hex('my-sso')}.json`)
    const holder = worker(['hold', 'dev', tokenFile], box.env)
    expect((await lines(holder).next()).value).toBe('locked')
    holder.kill('SIGKILL')
    await exited(holder)
    // The dead holder's lock is still there: the next process has to recognise it as stale.
    expect((await stat(`${tokenFile}.lock`)).isDirectory()).toBe(true)
    const started = Date.now()
    const child = worker(['race', 'dev'], box.env)
    const r = lines(child)
    expect((await r.next()).value).toBe('ready')
    child.stdin?.write('go\n')
    const result = JSON.parse((await r.next()).value as string)
    expect(result).toMatchObject({ ok: true, source: 'portal' })
    // Recovered at once from the lock's owner file (the dead pid), well before the 30 s wait limit.
    expect(Date.now() - started).toBeLessThan(25_000)
  }, 60_000)

  it('the warm path (valid token, valid role cache) loads no @aws-sdk module', async () => {
    box = await sandbox()
    await login(
      { from: 'profile', profile: 'dev' },
      { env: box.env, onAuthorizeUrl: async (u) => void (await fetch(u)) },
    )
    const cold = worker(['warm', 'dev'], box.env, ['--import', HOOK])
    const coldResult = JSON.parse((await lines(cold).next()).value as string)
    // The cold path fetches, so it must load the SDK: proof the hook sees SDK imports at all.
    expect(coldResult).toMatchObject({ ok: true, source: 'portal' })
    expect(coldResult.sdkModules.length).toBeGreaterThan(0)
    const warm = worker(['warm', 'dev'], box.env, ['--import', HOOK])
    const warmResult = JSON.parse((await lines(warm).next()).value as string)
    expect(warmResult).toMatchObject({ ok: true, source: 'cache' })
    expect(warmResult.sdkModules).toEqual([])
  })

  it('the warm path of a chained-role profile (valid assume-role cache) loads no @aws-sdk module', async () => {
    box = await sandbox(
      {},
      `${SESSION_CONFIG}\n[profile chained]\nrole_arn = arn:aws:iam::222222222222:role/OrganizationAccountAccessRole\nsource_profile = dev\n`,
    )
    await login(
      { from: 'profile', profile: 'dev' },
      { env: box.env, onAuthorizeUrl: async (u) => void (await fetch(u)) },
    )
    const cold = worker(['warm', 'chained'], box.env, ['--import', HOOK])
    const coldResult = JSON.parse((await lines(cold).next()).value as string)
    expect(coldResult).toMatchObject({ ok: true, source: 'sts' })
    expect(coldResult.sdkModules).toContain('@aws-sdk/client-sts')
    const warm = worker(['warm', 'chained'], box.env, ['--import', HOOK])
    const warmResult = JSON.parse((await lines(warm).next()).value as string)
    expect(warmResult).toMatchObject({ ok: true, source: 'cache' })
    expect(warmResult.sdkModules).toEqual([])
  })
})

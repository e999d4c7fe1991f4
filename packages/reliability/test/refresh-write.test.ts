import { execFileSync } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { CallRecord } from '@idc/emulator'
import type { Sandbox } from '@idc/emulator/testing'
import { afterEach, describe, expect, it } from 'vitest'
import {
  cli,
  coreModule,
  expireTokens,
  fillDisk,
  login,
  readJson,
  sandbox,
  ssoCacheOnTmpfs,
  tokenFiles,
} from './helpers.js'

// The service invalidates a refresh token as soon as it rotates it (the emulator with
// rotateRefreshTokens, as a rotating service does): from then on the rotated token exists only in
// the process that received it, until it is on disk.

let box: Sandbox | undefined
const mounts: string[] = []
afterEach(async () => {
  for (const dir of mounts.splice(0).reverse()) execFileSync('umount', [dir])
  await box?.cleanup()
  box = undefined
})

/** Runs `fn` as the emulator answers `operation` (after its route ran, before the client has the answer). */
function onAnswer(box: Sandbox, operation: string, detail: string | undefined, fn: () => void): void {
  const log = box.emu.controls.calls
  const record = log.record.bind(log)
  let fired = false
  log.record = (call: CallRecord) => {
    record(call)
    if (!fired && call.operation === operation && (detail === undefined || call.detail === detail)) {
      fired = true
      fn()
    }
  }
}

describe('a rotated refresh token the service issued is never lost', () => {
  it('killed as its next call (GetRoleCredentials) is answered: the file already holds the rotated token, the session survives', async () => {
    box = await sandbox({ emulator: { rotateRefreshTokens: true } })
    await login(box)
    const [file] = await tokenFiles(box.home)
    const old = (await readJson(file!)).refreshToken
    await expireTokens(box.home)
    let killed = false
    let kill = () => {}
    onAnswer(box, 'GetRoleCredentials', undefined, () => {
      killed = true
      kill()
    })
    const r = await cli(['creds', '--profile', 'dev'], box.env, {
      onSpawn: (child) => {
        kill = () => child.kill('SIGKILL')
      },
    })
    expect(killed).toBe(true)
    expect(r.signal).toBe('SIGKILL')
    const now = (await readJson(file!)).refreshToken
    expect(now).not.toBe(old)
    // The next process refreshes with it: the session was not lost.
    await expireTokens(box.home)
    const next = await cli(['creds', '--profile', 'dev', '--format', 'json'], box.env)
    expect(next.code, next.stderr).toBe(0)
  })

  it('a full disk as it is saved (real 64 KB tmpfs): a disk error, the token kept in memory and written by the next refresh, no second CreateToken', async (ctx) => {
    const core = await coreModule()
    box = await sandbox({ emulator: { rotateRefreshTokens: true } })
    await login(box)
    await expireTokens(box.home)
    const cache = await ssoCacheOnTmpfs(box)
    if (cache) mounts.push(cache)
    if (!cache) return ctx.skip() // not root, or no tmpfs: noted in docs/reliability.md
    const [file] = await tokenFiles(box.home)
    const old = (await readJson(file!)).refreshToken
    // The lock is already taken when CreateToken answers: only the token's own write meets the full
    // disk. The token file is also made read-only (a read-only bind mount over it), so the in-place
    // fallback cannot save it either and the token has to be kept in memory.
    onAnswer(box, 'CreateToken', 'refresh_token', () => {
      fillDisk(cache)
      execFileSync('mount', ['--bind', '-o', 'ro', file!, file!])
      execFileSync('mount', ['-o', 'remount,bind,ro', file!])
      mounts.push(file!)
    })
    const request = { from: 'profile', profile: 'dev' } as const
    const options = { env: box.env, homedir: box.home }
    const first = await core.getCredentials(request, options).catch((e: unknown) => e)
    expect(first).toMatchObject({ code: 'write-failed' })
    expect(String((first as Error).message)).toContain('the disk is full')
    expect(String((first as Error).message)).not.toMatch(/sign in again/i)
    expect(box.emu.controls.calls.count('CreateToken', 'refresh_token')).toBe(1)
    expect((await readJson(file!)).refreshToken).toBe(old) // the old, now spent, token is still on disk

    execFileSync('umount', [mounts.pop()!])
    await rm(join(cache, 'filler'))
    const second = await core.getCredentials(request, options)
    expect(second.credentials.accessKeyId).toMatch(/^ASIA/)
    // The kept token was written, not a second refresh with the spent one.
    expect(box.emu.controls.calls.count('CreateToken', 'refresh_token')).toBe(1)
    const saved = await readJson(file!)
    expect(saved.refreshToken).not.toBe(old)
    // Another process (the CLI) refreshes with what was written.
    await expireTokens(box.home)
    const next = await cli(['creds', '--profile', 'dev', '--format', 'json'], box.env)
    expect(next.code, next.stderr).toBe(0)
  })

  it('a full disk as the CLI saves it (real 64 KB tmpfs): saved over the old token file, never "sign in again", the session survives the process', async (ctx) => {
    box = await sandbox({ emulator: { rotateRefreshTokens: true } })
    await login(box)
    await expireTokens(box.home)
    const cache = await ssoCacheOnTmpfs(box)
    if (cache) mounts.push(cache)
    if (!cache) return ctx.skip() // not root, or no tmpfs: noted in docs/reliability.md
    const [file] = await tokenFiles(box.home)
    const old = (await readJson(file!)).refreshToken
    onAnswer(box, 'CreateToken', 'refresh_token', () => fillDisk(cache))
    const r = await cli(['creds', '--profile', 'dev', '--debug'], box.env)
    expect(r.stderr).not.toMatch(/sign in again/i)
    expect(r.stderr).toContain('the disk is full: saved the refreshed token over the old one')
    expect(r.code, r.stderr).toBe(0) // the role cache is on another (not full) file system here
    // The process is gone and its memory with it: the rotated token is on disk, in a file the AWS
    // CLI's reader (json.load, as botocore's token loader) takes as well.
    expect((await readJson(file!)).refreshToken).not.toBe(old)
    const read = 'import json, sys; print(json.load(open(sys.argv[1]))["refreshToken"])'
    expect(execFileSync('python3', ['-c', read, file!], { encoding: 'utf8' }).trim()).not.toBe(old)
    await rm(join(cache, 'filler'))
    await expireTokens(box.home)
    const next = await cli(['creds', '--profile', 'dev', '--format', 'json'], box.env)
    expect(next.code, next.stderr).toBe(0)
  })
})

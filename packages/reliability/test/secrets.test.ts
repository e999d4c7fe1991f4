import type { Sandbox } from '@idc/emulator/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectSecrets, leakedSecrets } from '../src/secrets.js'
import { cli, login, sandbox } from './helpers.js'

let box: Sandbox
const outputs: Array<{ args: string[]; text: string }> = []

beforeAll(async () => {
  box = await sandbox()
})
afterAll(() => box.cleanup())

/** Runs with --debug and keeps what may not hold a secret: stderr always, stdout unless the command prints credentials by design. */
async function run(args: string[], stdoutMayHoldSecrets = false) {
  const r = await cli([...args, '--debug'], box.env)
  outputs.push({ args, text: r.stderr + (stdoutMayHoldSecrets ? '' : r.stdout) })
  return r
}

describe('no secret in any output with --debug (exact values of every token and key on disk)', () => {
  it('every command, with --debug', async () => {
    await run(['login', '--profile', 'dev', '--use-device-code', '--no-browser'])
    await login(box, 'admin') // a second session's tokens in the cache as well
    await run(['sessions'])
    await run(['sessions', '--json'])
    await run(['accounts', '--profile', 'dev'])
    await run(['roles', '--profile', 'dev', '--account-id', '111111111111'])
    await run(['creds', '--profile', 'dev'], true)
    await run(['creds', '--profile', 'admin', '--format', 'json'], true)
    await run(['credential-process', '--profile', 'other'], true)
    await run(['creds', '--profile', 'dev', '--write-profile', 'written'])
    await run(['exec', '--profile', 'dev', '--', process.execPath, '-e', '0'])
    await run(['whoami', '--profile', 'dev'])
    await run(['whoami', '--profile', 'dev', '--json'])
    await run(['populate', '--sso-session', 'my-sso'])
    await run(['doctor'])
    await run(['doctor', '--json'])
    // Failures print causes and stacks with --debug: they must be redacted too.
    const { rm } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const secrets = await collectSecrets(box.home) // before the role cache goes
    await rm(join(box.home, '.aws', 'cli', 'cache'), { recursive: true, force: true })
    box.emu.controls.faults.failNext(100, 'GetRoleCredentials', 500)
    expect((await run(['creds', '--profile', 'dev'])).code).toBe(5)
    box.emu.controls.faults.reset()
    for (const s of await collectSecrets(box.home)) secrets.add(s)
    expect(secrets.size).toBeGreaterThan(8) // tokens, client secrets, role keys, the written profile
    await run(['logout', '--all'])
    for (const { args, text } of outputs) expect(leakedSecrets(text, secrets), args.join(' ')).toEqual([])
  })
})

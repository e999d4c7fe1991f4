import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { RegisterClientCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { afterEach, describe, expect, it } from 'vitest'

const bin = join(dirname(dirname(fileURLToPath(import.meta.url))), 'dist', 'bin.js')
let child: ChildProcess | undefined

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL')
  child = undefined
})

function run(args: string[]) {
  child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  return child
}

async function outcome(proc: ChildProcess) {
  let stdout = ''
  let stderr = ''
  proc.stdout!.on('data', (d) => (stdout += d))
  proc.stderr!.on('data', (d) => (stderr += d))
  const [code] = await once(proc, 'exit')
  return { code: code as number | null, stdout, stderr }
}

describe('idc-emulator binary', () => {
  it('--port 0 --json prints one JSON line, serves SDK calls, and exits 0 on SIGTERM', async () => {
    const proc = run(['--port', '0', '--json', '--auto-approve'])
    const done = outcome(proc)
    const [line] = (await once(createInterface({ input: proc.stdout! }), 'line')) as [string]
    const info = JSON.parse(line)
    expect(info).toMatchObject({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      startUrl: 'https://d-1234567890.awsapps.com/start',
      region: 'us-east-1',
      autoApprove: true,
    })
    const oidc = new SSOOIDCClient({ region: info.region, endpoint: info.url })
    const r = await oidc.send(new RegisterClientCommand({ clientName: 'bin-test', clientType: 'public' }))
    expect(r.clientId).toBeTruthy()
    const calls = (await (await fetch(`${info.url}/_emulator/calls`)).json()) as { counts: unknown }
    expect(calls.counts).toEqual({ RegisterClient: 1 })
    oidc.destroy()
    proc.kill('SIGTERM')
    const result = await done
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
  })

  it('loads a fixture file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'idc-fixture-'))
    try {
      const file = join(dir, 'fixture.json')
      await writeFile(
        file,
        JSON.stringify({ region: 'eu-west-1', startUrl: 'https://d-9999999999.awsapps.com/start' }),
      )
      const proc = run(['--json', '--fixture', file])
      const [line] = (await once(createInterface({ input: proc.stdout! }), 'line')) as [string]
      expect(JSON.parse(line)).toMatchObject({
        region: 'eu-west-1',
        startUrl: 'https://d-9999999999.awsapps.com/start',
      })
      proc.kill('SIGINT')
      const [code] = await once(proc, 'exit')
      expect(code).toBe(0)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it.each([
    [['--bogus'], /^idc-emulator: Unknown option '--bogus'/],
    [['--port', 'abc'], /^idc-emulator: --port must be an integer/],
    [['--fixture', '/nonexistent/fixture.json'], /^idc-emulator: cannot read fixture file/],
  ])('%j exits non-zero with one line on stderr and no stack', async (args, message) => {
    const result = await outcome(run(args))
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(message)
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(result.stdout).toBe('')
  })

  it('--help prints usage and exits 0', async () => {
    const result = await outcome(run(['--help']))
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Usage: idc-emulator')
  })
})

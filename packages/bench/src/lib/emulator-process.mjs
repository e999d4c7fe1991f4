// The `idc-emulator` binary in its own process, for rows that load the emulator itself (so it does
// not share this process's event loop with the load generator). Controls over HTTP (/_emulator).
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const BIN = join(
  dirname(createRequire(import.meta.url).resolve('@idc/emulator/package.json')),
  'dist',
  'bin.js',
)

/**
 * @param {object} fixture  a fixture (FixtureInput) for --fixture
 * @param {Record<string, string>} env
 */
export async function startEmulatorProcess(fixture, env) {
  const dir = await mkdtemp(join(tmpdir(), 'idc-bench-emu-'))
  const fixtureFile = join(dir, 'fixture.json')
  await writeFile(fixtureFile, JSON.stringify(fixture))
  const child = spawn(process.execPath, [BIN, '--fixture', fixtureFile, '--auto-approve', '--json'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const info = await new Promise((resolve, reject) => {
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d
      const nl = out.indexOf('\n')
      if (nl !== -1) resolve(JSON.parse(out.slice(0, nl)))
    })
    child.once('exit', (code) => reject(new Error(`idc-emulator exited ${code}`)))
  }).catch(async (error) => {
    await rm(dir, { recursive: true, force: true })
    throw error
  })
  return {
    ...info,
    /** A control call (`/_emulator/<path>`), e.g. `control('GET', '/calls')`. */
    async control(method, path, body) {
      const res = await fetch(`${info.url}/_emulator${path}`, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      })
      if (!res.ok) throw new Error(`${method} /_emulator${path}: ${res.status} ${await res.text()}`)
      return res.json()
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}

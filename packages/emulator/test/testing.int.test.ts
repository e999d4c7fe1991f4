import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createSandbox,
  DEFAULT_CONFIG,
  DEFAULT_START_URL,
  DEV_ADMIN_PROFILE,
  installSandbox,
  type Sandbox,
  sandboxEnv,
  setProcessEnv,
} from '../src/testing.js'

const run = promisify(execFile)
const packageRoot = join(import.meta.dirname, '..')
const CONFIG = '[profile dev]\nregion = eu-west-1\n'

let box: Sandbox | undefined
afterEach(async () => {
  await box?.cleanup()
  box = undefined
})

describe('createSandbox', () => {
  it('starts an auto-approving emulator and a HOME with ~/.aws/config, and an env pointing at both', async () => {
    box = await createSandbox({ config: CONFIG })
    const { home, env, emu } = box
    expect(await readFile(box.configFile, 'utf8')).toBe(CONFIG)
    expect(box.configFile).toBe(join(home, '.aws', 'config'))
    expect(existsSync(box.credentialsFile)).toBe(false)
    expect(box.browser).toBeUndefined()
    expect(env).toEqual({
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: home,
      XDG_DATA_HOME: join(home, '.local', 'share'),
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_CACHE_HOME: join(home, '.cache'),
      AWS_CONFIG_FILE: box.configFile,
      AWS_SHARED_CREDENTIALS_FILE: box.credentialsFile,
      AWS_ENDPOINT_URL: emu.url,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    })
    expect(emu.state.autoApprove).toBe(true)
    expect(emu.state.autoApproveAfterPolls).toBe(0)
  })

  it('points a real AWS SDK client in a child process at the emulator through env alone', async () => {
    box = await createSandbox()
    const script = `
      import { RegisterClientCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
      const oidc = new SSOOIDCClient({ region: 'us-east-1' })
      const r = await oidc.send(new RegisterClientCommand({ clientName: 'sandbox', clientType: 'public' }))
      console.log(r.clientId ? 'registered' : 'no client id')
    `
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      env: box.env,
      cwd: packageRoot,
    })
    expect(stdout.trim()).toBe('registered')
    expect(box.emu.controls.calls.count('RegisterClient')).toBe(1)
  })

  it('passes emulator options over its defaults, writes credentials, applies env last', async () => {
    box = await createSandbox({
      emulator: { autoApprove: false },
      credentials: '[default]\n',
      env: {
        EXTRA: '1',
        XDG_CACHE_HOME: undefined,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined,
      },
      prefix: 'idc-testing-test-',
    })
    expect(box.emu.state.autoApprove).toBe(false)
    expect(box.home).toContain('idc-testing-test-')
    expect(existsSync(box.configFile)).toBe(false)
    expect(await readFile(box.credentialsFile, 'utf8')).toBe('[default]\n')
    expect((await stat(box.credentialsFile)).mode & 0o777).toBe(0o600)
    expect(box.env['EXTRA']).toBe('1')
    expect('XDG_CACHE_HOME' in box.env).toBe(false)
    expect('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED' in box.env).toBe(false)
  })

  it('snapshot() maps every file under HOME to its contents', async () => {
    box = await createSandbox({ config: CONFIG })
    const nested = join(box.home, '.aws', 'sso', 'cache')
    await mkdir(nested, { recursive: true })
    await writeFile(join(nested, 'token.json'), '{"a":1}')
    expect(await box.snapshot()).toEqual(
      new Map([
        [box.configFile, CONFIG],
        [join(nested, 'token.json'), '{"a":1}'],
      ]),
    )
  })

  it('browser: true writes a stand-in $BROWSER that follows redirects', async () => {
    box = await createSandbox({ browser: true })
    const seen: string[] = []
    const server = createServer((req, res) => {
      seen.push(req.url ?? '')
      if (req.url === '/start') res.writeHead(302, { location: '/done' }).end()
      else res.end('ok')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      expect(box.env['BROWSER']).toBe(box.browser)
      expect(box.browser).toBe(join(box.home, 'browser.mjs'))
      await run(box.browser!, [`http://127.0.0.1:${port}/start`], { env: box.env })
      expect(seen).toEqual(['/start', '/done'])
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('cleanup() stops the emulator and removes HOME', async () => {
    const b = await createSandbox({ config: CONFIG })
    await b.cleanup()
    expect(existsSync(b.home)).toBe(false)
    await expect(fetch(`${b.emu.url}/_emulator`)).rejects.toThrow()
  })
})

describe('sandboxEnv', () => {
  it('inherit: keeps the process environment without AWS_* and XDG_*', () => {
    const saved = { ...process.env }
    Object.assign(process.env, { IDC_TESTING_KEEP: 'yes', AWS_PROFILE: 'leak', XDG_DATA_HOME: '/elsewhere' })
    try {
      const env = sandboxEnv('/tmp/h', { inherit: true, env: { NODE_ENV: undefined } })
      expect(env['IDC_TESTING_KEEP']).toBe('yes')
      expect(env['AWS_PROFILE']).toBeUndefined()
      expect(env['XDG_DATA_HOME']).toBe(join('/tmp/h', '.local', 'share'))
      expect(env['AWS_ENDPOINT_URL']).toBeUndefined()
      expect('NODE_ENV' in env).toBe(false)
      expect(env['HOME']).toBe('/tmp/h')
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
      Object.assign(process.env, saved)
    }
  })
})

describe('setProcessEnv', () => {
  it('unsets what `unset` selects, sets env, and restores process.env exactly', () => {
    const before = { ...process.env }
    process.env['IDC_TESTING_DROP'] = 'x'
    const after = { ...process.env }
    const restore = setProcessEnv({ IDC_TESTING_NEW: '1' }, { unset: (k) => k === 'IDC_TESTING_DROP' })
    try {
      expect(process.env['IDC_TESTING_DROP']).toBeUndefined()
      expect(process.env['IDC_TESTING_NEW']).toBe('1')
      expect(process.env['PATH']).toBe(before['PATH'])
    } finally {
      restore()
    }
    expect({ ...process.env }).toEqual(after)
    delete process.env['IDC_TESTING_DROP']
    const restoreAll = setProcessEnv({ ONLY: 'me' }, { unset: true })
    expect({ ...process.env }).toEqual({ ONLY: 'me' })
    restoreAll()
    expect({ ...process.env }).toEqual(before)
  })
})

describe('@idc/emulator/testing', () => {
  it('imports neither a test framework nor @idc/core', async () => {
    const source = await readFile(join(packageRoot, 'src', 'testing.ts'), 'utf8')
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1])
    expect(imports.filter((s) => /vitest|jest|mocha|@idc\/core/.test(s ?? ''))).toEqual([])
  })

  it('is exported as a subpath with types', async () => {
    const pkg = JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8'))
    expect(pkg.exports['./testing']).toEqual({ types: './dist/testing.d.ts', default: './dist/testing.js' })
  })
})

describe('installSandbox and the shared config', () => {
  it('installs the sandbox env into process.env and puts it back on cleanup', async () => {
    const before = { ...process.env }
    process.env['AWS_PROFILE'] = 'from-the-developer-shell'
    const installed = await installSandbox({ config: DEFAULT_CONFIG + DEV_ADMIN_PROFILE, commands: true })
    try {
      expect(process.env['HOME']).toBe(installed.home)
      expect(process.env['AWS_ENDPOINT_URL']).toBe(installed.emu.url)
      expect(process.env['AWS_PROFILE']).toBeUndefined()
      expect(process.env['DISPLAY']).toBe(':99')
      expect(process.env['BROWSER']).toBe(installed.browser)
      expect(process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED']).toBeUndefined()
      expect(installed.cacheDir).toBe(join(installed.home, '.aws', 'sso', 'cache'))
      expect(await installed.files(installed.cacheDir)).toEqual([])
      const config = await readFile(installed.configFile, 'utf8')
      expect(config).toContain(`[sso-session my-sso]\nsso_start_url = ${DEFAULT_START_URL}\n`)
      expect(config).toContain('[profile dev-admin]\n')
      // The default config signs in to the default fixture.
      expect(installed.emu.startUrl).toBe(DEFAULT_START_URL)
    } finally {
      await installed.cleanup()
    }
    expect(process.env['AWS_PROFILE']).toBe('from-the-developer-shell')
    delete process.env['AWS_PROFILE']
    expect(process.env).toEqual(before)
  })
})

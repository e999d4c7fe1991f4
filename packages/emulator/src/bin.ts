#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { FixtureError } from './fixture.js'
import { startEmulator } from './server.js'

const HELP = `Usage: idc-emulator [options]

A local AWS IAM Identity Center (SSO OIDC, SSO portal, STS GetCallerIdentity) for tests and demos.

Options:
  --port N          port to listen on (default 0: a free port)
  --host H          interface to bind (default 127.0.0.1)
  --allowed-host N  a host name the pages and controls answer to besides loopback
                    names and IP addresses (repeatable; guards against DNS rebinding)
  --fixture FILE    fixture JSON file (users, accounts, roles, lifetimes)
  --auto-approve    approve device-code and browser sign-ins without a page visit
  --json            print one JSON line {"url","startUrl","region",...} instead of text
  -h, --help        show this help

Point AWS clients at it with AWS_ENDPOINT_URL=<url>. Test controls: <url>/_emulator
`

function fail(message: string): never {
  process.stderr.write(`idc-emulator: ${message}\n`)
  process.exit(2)
}

async function main(): Promise<void> {
  let values: {
    port?: string
    host?: string
    'allowed-host'?: string[]
    fixture?: string
    'auto-approve'?: boolean
    json?: boolean
    help?: boolean
  }
  try {
    ;({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
        fixture: { type: 'string' },
        'auto-approve': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (err) {
    fail(`${(err as Error).message.split('\n')[0]} (see --help)`)
  }
  if (values.help) {
    process.stdout.write(HELP)
    return
  }
  let port = 0
  if (values.port !== undefined) {
    port = /^\d+$/.test(values.port) ? Number(values.port) : Number.NaN
    if (!(port >= 0 && port <= 65535))
      fail(`--port must be an integer from 0 to 65535, got ${JSON.stringify(values.port)}`)
  }

  let emulator: Awaited<ReturnType<typeof startEmulator>>
  try {
    emulator = await startEmulator({
      port,
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(values['allowed-host'] ? { allowedHosts: values['allowed-host'] } : {}),
      ...(values.fixture !== undefined ? { fixture: values.fixture } : {}),
      autoApprove: values['auto-approve'] === true,
    })
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    if (err instanceof FixtureError) fail(e.message)
    if (e.code === 'EADDRINUSE') fail(`port ${port} is already in use`)
    if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') fail(`cannot bind to host ${values.host}`)
    if (e.code === 'EACCES') fail(`permission denied binding ${values.host ?? '127.0.0.1'}:${port}`)
    fail(e.message)
  }

  // Handlers go in before the URL is printed: a caller may signal us as soon as it reads it.
  let stopping = false
  const shutdown = () => {
    if (stopping) return
    stopping = true
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)

  const info = {
    url: emulator.url,
    startUrl: emulator.startUrl,
    region: emulator.region,
    autoApprove: values['auto-approve'] === true,
    users: emulator.fixture.users.map((u) => u.name),
  }
  if (values.json) process.stdout.write(`${JSON.stringify(info)}\n`)
  else {
    process.stdout.write(
      `IAM Identity Center emulator listening on ${emulator.url}\n` +
        `  start URL: ${emulator.startUrl}\n  region:    ${emulator.region}\n` +
        `  users:     ${info.users.join(', ')}${info.autoApprove ? ' (auto-approve on)' : ''}\n` +
        `  export AWS_ENDPOINT_URL=${emulator.url}\n` +
        `  controls:  ${emulator.url}/_emulator\n`,
    )
  }
}

main().catch((err: unknown) => fail((err as Error).message ?? String(err)))

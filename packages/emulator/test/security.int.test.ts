import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.js'
import { start } from './helpers.js'

let emu: RunningEmulator
beforeAll(async () => {
  emu = await start()
})
afterAll(() => emu.stop())

/** A raw request, so Host and Origin are exactly what a hostile page's browser would send. */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: emu.port, method, path, headers }, (res) => {
      let text = ''
      res.on('data', (d) => {
        text += d
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('pages and controls refuse other web sites', () => {
  it('a cross-origin text/plain POST to a control is refused and changes nothing', async () => {
    emu.controls.reset()
    const before = emu.state.clock.now()
    const r = await send(
      'POST',
      '/_emulator/clock',
      { 'content-type': 'text/plain', origin: 'http://evil.example', host: `127.0.0.1:${emu.port}` },
      JSON.stringify({ advanceSeconds: 86_400 }),
    )
    expect(r.status).toBe(403)
    expect(emu.state.clock.now() - before).toBeLessThan(60_000)
    // The same request from our own origin is what the control is for.
    const own = await send(
      'POST',
      '/_emulator/clock',
      { 'content-type': 'application/json', host: `127.0.0.1:${emu.port}` },
      JSON.stringify({ advanceSeconds: 86_400 }),
    )
    expect(own.status).toBe(200)
    emu.controls.reset()
  })

  it('a foreign Host (DNS rebinding) is refused on pages and controls', async () => {
    for (const path of ['/start', '/_emulator/calls', '/login']) {
      const r = await send('GET', path, { host: `rebind.evil.example:${emu.port}` })
      expect(r.status, path).toBe(403)
    }
  })

  it('loopback names, IP literals and the same origin still work', async () => {
    for (const host of [`127.0.0.1:${emu.port}`, `localhost:${emu.port}`, `[::1]:${emu.port}`]) {
      const r = await send('GET', '/_emulator/calls', { host })
      expect(r.status, host).toBe(200)
    }
    const same = await send('GET', '/_emulator/calls', {
      host: `127.0.0.1:${emu.port}`,
      origin: `http://127.0.0.1:${emu.port}`,
    })
    expect(same.status).toBe(200)
  })

  it('AWS API operations are not affected (SDKs may use any name for the endpoint)', async () => {
    const r = await send(
      'POST',
      '/client/register',
      { host: `emulator.internal:${emu.port}`, 'content-type': 'application/json' },
      JSON.stringify({ clientName: 'x', clientType: 'public' }),
    )
    expect(r.status).toBe(200)
  })

  it('an --allowed-host name is accepted', async () => {
    const other = await start({ allowedHosts: ['emulator.internal'] })
    try {
      const ok = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: other.port,
            path: '/_emulator/calls',
            headers: { host: 'emulator.internal' },
          },
          (res) => {
            res.resume()
            resolve(res.statusCode ?? 0)
          },
        )
        req.on('error', reject)
        req.end()
      })
      expect(ok).toBe(200)
    } finally {
      await other.stop()
    }
  })
})

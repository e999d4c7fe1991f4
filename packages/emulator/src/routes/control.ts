import type { Context } from 'hono'
import { Hono } from 'hono'
import type { AppEnv } from '../context.js'
import type { Controls } from '../controls.js'
import type { FaultTarget } from '../faults.js'
import { DecisionError } from '../state.js'
import type { EmulatorContext } from './context.js'

type Json = Record<string, unknown>

class BadRequest extends Error {}

async function body(c: Context<AppEnv>): Promise<Json> {
  const text = await c.req.text()
  if (text.trim() === '') return {}
  try {
    const value = JSON.parse(text)
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json
  } catch {}
  throw new BadRequest('body must be a JSON object')
}

function num(b: Json, key: string, fallback?: number): number {
  const v = b[key] ?? fallback
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new BadRequest(`${key} must be a number`)
  return v
}

function str(b: Json, key: string): string {
  const v = b[key]
  if (typeof v !== 'string' || v === '') throw new BadRequest(`${key} must be a non-empty string`)
  return v
}

function optStr(b: Json, key: string): string | undefined {
  return b[key] === undefined ? undefined : str(b, key)
}

function target(b: Json): FaultTarget {
  return (optStr(b, 'operation') ?? '*') as FaultTarget
}

type Handler = (c: Context<AppEnv>) => Promise<Response> | Response

/** Map control errors to JSON: bad input 400, unknown code 404, expired/already decided 409. */
function control(handler: Handler): Handler {
  return async (c) => {
    try {
      return await handler(c)
    } catch (err) {
      if (err instanceof DecisionError) {
        return c.json({ error: err.code, message: err.message }, err.code === 'not_found' ? 404 : 409)
      }
      if (err instanceof BadRequest || err instanceof RangeError) {
        return c.json({ error: 'bad_request', message: err.message }, 400)
      }
      throw err
    }
  }
}

/**
 * JSON control API under `/_emulator`, mirroring Controls for CLI child processes and pipelines.
 * Not part of any AWS protocol; never logged in the call log and never faulted.
 */
export function controlRoutes(ctx: EmulatorContext, controls: Controls): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const clockJson = () => ({ now: controls.clock.date().toISOString(), offsetMs: controls.clock.offsetMs })

  app.get(
    '/',
    control((c) =>
      c.json({
        startUrl: ctx.fixture.startUrl,
        region: ctx.fixture.region,
        users: ctx.fixture.users.map((u) => u.name),
        autoApprove: controls.autoApprove,
        rotateRefreshTokens: controls.rotateRefreshTokens,
        clock: clockJson(),
      }),
    ),
  )

  app.get(
    '/clock',
    control((c) => c.json(clockJson())),
  )
  app.post(
    '/clock',
    control(async (c) => {
      const b = await body(c)
      if (b['reset'] === true) controls.clock.reset()
      else if (b['set'] !== undefined) controls.clock.set(str(b, 'set'))
      else if (b['advanceMs'] !== undefined) controls.clock.advance(num(b, 'advanceMs'))
      else if (b['advanceSeconds'] !== undefined) controls.clock.advance(num(b, 'advanceSeconds') * 1000)
      else throw new BadRequest('expected one of advanceMs, advanceSeconds, set (ISO date) or reset: true')
      return c.json(clockJson())
    }),
  )

  app.post(
    '/auto-approve',
    control(async (c) => {
      const b = await body(c)
      const enabled = b['enabled']
      if (enabled !== true && enabled !== false && enabled !== 'deny') {
        throw new BadRequest('enabled must be true, false or "deny"')
      }
      const user = optStr(b, 'user')
      const afterPolls = b['afterPolls'] === undefined ? undefined : num(b, 'afterPolls')
      controls.setAutoApprove(enabled, {
        ...(user !== undefined ? { user } : {}),
        ...(afterPolls !== undefined ? { afterPolls } : {}),
      })
      return c.json({ autoApprove: controls.autoApprove })
    }),
  )

  app.post(
    '/refresh-token-rotation',
    control(async (c) => {
      const b = await body(c)
      if (typeof b['enabled'] !== 'boolean') throw new BadRequest('enabled must be true or false')
      controls.setRefreshTokenRotation(b['enabled'])
      return c.json({ rotateRefreshTokens: controls.rotateRefreshTokens })
    }),
  )

  app.get(
    '/devices',
    control((c) =>
      c.json({
        pending: controls
          .pendingDevices()
          .map((d) => ({ userCode: d.userCode, expiresAt: new Date(d.expiresAt).toISOString() })),
      }),
    ),
  )
  app.post(
    '/devices/approve',
    control(async (c) => {
      const b = await body(c)
      const d = controls.approveDevice(str(b, 'userCode'), optStr(b, 'userName'))
      return c.json({ userCode: d.userCode, status: d.status, userName: d.userName })
    }),
  )
  app.post(
    '/devices/deny',
    control(async (c) => {
      const d = controls.denyDevice(str(await body(c), 'userCode'))
      return c.json({ userCode: d.userCode, status: d.status })
    }),
  )

  app.get(
    '/authorizations',
    control((c) =>
      c.json({
        pending: controls.pendingAuthorizations().map((a) => ({
          id: a.id,
          clientId: a.clientId,
          redirectUri: a.redirectUri,
          scopes: a.scopes,
          expiresAt: new Date(a.expiresAt).toISOString(),
        })),
      }),
    ),
  )
  app.post(
    '/authorizations/approve',
    control(async (c) => {
      const b = await body(c)
      return c.json({ location: controls.approveAuthorization(str(b, 'id'), optStr(b, 'userName')) })
    }),
  )
  app.post(
    '/authorizations/deny',
    control(async (c) => c.json({ location: controls.denyAuthorization(str(await body(c), 'id')) })),
  )

  app.get(
    '/faults',
    control((c) => c.json(controls.faults.snapshot())),
  )
  app.post(
    '/faults/latency',
    control(async (c) => {
      const b = await body(c)
      controls.faults.setLatency(num(b, 'ms'), target(b))
      return c.json(controls.faults.snapshot())
    }),
  )
  app.post(
    '/faults/throttle',
    control(async (c) => {
      const b = await body(c)
      if (b['perSecond'] !== undefined) {
        controls.faults.rateLimit(
          b['perSecond'] === null ? null : num(b, 'perSecond'),
          target(b),
          b['burst'] === undefined ? {} : { burst: num(b, 'burst') },
        )
      } else controls.faults.throttleNext(num(b, 'count', 1), target(b))
      return c.json(controls.faults.snapshot())
    }),
  )
  app.post(
    '/faults/error',
    control(async (c) => {
      const b = await body(c)
      const status = num(b, 'status', 500)
      if (status !== 500 && status !== 503) throw new BadRequest('status must be 500 or 503')
      controls.faults.failNext(num(b, 'count', 1), target(b), status)
      return c.json(controls.faults.snapshot())
    }),
  )
  app.post(
    '/faults/drop',
    control(async (c) => {
      const b = await body(c)
      controls.faults.dropNext(num(b, 'count', 1), target(b))
      return c.json(controls.faults.snapshot())
    }),
  )
  app.delete(
    '/faults',
    control((c) => {
      controls.faults.reset()
      return c.json(controls.faults.snapshot())
    }),
  )

  app.get(
    '/calls',
    control((c) => c.json({ counts: controls.calls.counts(), calls: controls.calls.list() })),
  )
  app.delete(
    '/calls',
    control((c) => {
      controls.calls.reset()
      return c.json({ counts: {} })
    }),
  )

  app.post(
    '/reset',
    control((c) => {
      controls.reset()
      return c.json({ ok: true })
    }),
  )

  app.all('*', (c) =>
    c.json({ error: 'not_found', message: `no control route ${c.req.method} ${c.req.path}` }, 404),
  )
  return app
}

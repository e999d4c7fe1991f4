import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { CallLog } from './calls.js'
import { Clock } from './clock.js'
import type { AppEnv } from './context.js'
import { Controls } from './controls.js'
import { Faults, faultsMiddleware } from './faults.js'
import { type Fixture, type FixtureInput, loadFixtureFile, resolveFixture } from './fixture.js'
import { requestId } from './ids.js'
import { OPERATIONS, operationFor } from './operations.js'
import { pageRoutes } from './pages/index.js'
import { RoleSessions } from './role-sessions.js'
import type { EmulatorContext } from './routes/context.js'
import { controlRoutes } from './routes/control.js'
import { federationRoutes } from './routes/federation.js'
import { oidcRoutes } from './routes/oidc.js'
import { portalRoutes } from './routes/portal.js'
import { stsRoutes } from './routes/sts.js'
import { stsAssumeRoutes } from './routes/sts-assume.js'
import { hostAndOriginGuard } from './security.js'
import { type AutoApprove, EmulatorState } from './state.js'
import { oidcErrorResponse } from './wire/oidc-errors.js'
import { portalErrorResponse } from './wire/portal-errors.js'
import { stsErrorResponse } from './wire/sts-errors.js'

export interface EmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free port. */
  port?: number
  /** Interface to bind; default 127.0.0.1. */
  host?: string
  /** A fixture object (partial: missing fields take defaults) or the path of a fixture JSON file. */
  fixture?: FixtureInput | string
  /** Approve (`true`) or deny (`'deny'`) sign-ins without a page visit. Default false. */
  autoApprove?: AutoApprove
  /** User that auto-approval signs in as; default: the fixture's first user. */
  autoApproveUser?: string
  /** With auto-approve, device polls answered with authorization_pending first. Default 1. */
  autoApproveAfterPolls?: number
  /** Overrides the fixture's `rotateRefreshTokens`. */
  rotateRefreshTokens?: boolean
  /** Start the emulator clock at this time instead of real time. */
  now?: Date | number | string
  /** Host names (besides loopback names and IP addresses) the pages and controls answer to. */
  allowedHosts?: string[]
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`: use as AWS_ENDPOINT_URL (no path). */
  url: string
  port: number
  host: string
  startUrl: string
  region: string
  fixture: Fixture
  controls: Controls
  /** The in-memory state, for pages and white-box tests. */
  state: EmulatorState
  /** The Hono app (fetch handler), for mounting or in-process requests. */
  app: Hono<AppEnv>
  stop(): Promise<void>
}

/** Build the context (fixture, clock, state, faults, call log) without any network. */
export function createContext(options: EmulatorOptions = {}): EmulatorContext {
  const fixture =
    typeof options.fixture === 'string' ? loadFixtureFile(options.fixture) : resolveFixture(options.fixture)
  const clock = new Clock(options.now === undefined ? undefined : new Date(options.now))
  const state = new EmulatorState(fixture, clock, {
    ...(options.autoApprove !== undefined ? { autoApprove: options.autoApprove } : {}),
    ...(options.autoApproveUser !== undefined ? { autoApproveUser: options.autoApproveUser } : {}),
    ...(options.autoApproveAfterPolls !== undefined
      ? { autoApproveAfterPolls: options.autoApproveAfterPolls }
      : {}),
  })
  if (options.rotateRefreshTokens !== undefined) state.rotateRefreshTokens = options.rotateRefreshTokens
  return {
    fixture,
    clock,
    state,
    calls: new CallLog(),
    faults: new Faults(),
    roleSessions: new RoleSessions(state),
  }
}

/** An unexpected exception still answers in the envelope of the service that was called. */
function internalError(method: string, path: string): Response {
  const op = operationFor(method, path)
  const service = op ? OPERATIONS[op].service : undefined
  if (service === 'oidc') return oidcErrorResponse('InternalServerException', 'An internal error occurred')
  if (service === 'sts') return stsErrorResponse('InternalFailure')
  return portalErrorResponse('InternalServerException', 'An internal error occurred')
}

/** Assemble every route on one origin with no path prefix (§4.2, §12.1). */
export function createApp(
  ctx: EmulatorContext,
  controls: Controls,
  guard: Parameters<typeof hostAndOriginGuard>[0] = {},
): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', async (c, next) => {
    await next()
    const h = c.res.headers
    if (!c.req.path.startsWith('/_emulator') && !h.has('x-amzn-RequestId') && !h.has('x-hono-already-sent')) {
      h.set('x-amzn-RequestId', requestId())
    }
    // The service's clock as clients see it: follows the controllable clock, so clock-skew checks
    // (e.g. \`aws-idc doctor\`) can be tested against the emulator.
    if (!h.has('x-hono-already-sent')) h.set('date', ctx.clock.date().toUTCString())
  })
  app.use('*', hostAndOriginGuard(guard))
  app.use('*', faultsMiddleware(ctx.faults, ctx.calls))
  app.route('/_emulator', controlRoutes(ctx, controls))
  app.route('/', oidcRoutes(ctx))
  app.route('/', portalRoutes(ctx))
  app.route('/', stsAssumeRoutes(ctx))
  app.route('/', stsRoutes(ctx))
  app.route('/', federationRoutes(ctx))
  app.route('/', pageRoutes(ctx))
  app.notFound((c) => {
    const message = `No operation at ${c.req.method} ${c.req.path}`
    return new Response(JSON.stringify({ message, __type: 'UnknownOperationException' }), {
      status: 404,
      headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': 'UnknownOperationException' },
    })
  })
  app.onError((err, c) => {
    console.error(`idc-emulator: ${c.req.method} ${c.req.path} failed:`, err)
    return internalError(c.req.method, c.req.path)
  })
  return app
}

/** Start an emulator on 127.0.0.1 (or `host`), by default on a free port. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const ctx = createContext(options)
  const controls = new Controls(ctx)
  const host = options.host ?? '127.0.0.1'
  const app = createApp(ctx, controls, { host, allowedHosts: options.allowedHosts })
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`invalid port ${port}`)

  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: host }) as Server
    s.once('error', reject)
    s.once('listening', () => {
      s.off('error', reject)
      resolve(s)
    })
  })
  const actualPort = (server.address() as AddressInfo).port
  // A wildcard bind is reachable on loopback; hand out a URL clients can actually use.
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  let stopped: Promise<void> | undefined
  return {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    host,
    startUrl: ctx.fixture.startUrl,
    region: ctx.fixture.region,
    fixture: ctx.fixture,
    controls,
    state: ctx.state,
    app,
    stop() {
      stopped ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        // SDK clients keep connections alive; close them so stop() does not wait for their timeout.
        server.closeAllConnections()
      })
      return stopped
    },
  }
}

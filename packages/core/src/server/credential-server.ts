import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { isIP } from 'node:net'
import type { CredentialsTarget } from '../config/types.js'
import { IdcError } from '../errors.js'
import { type GetCredentialsOptions, getCredentialsForTarget } from '../session/credentials.js'
import type { Credentials } from '../types.js'

/** The path prefix of every credentials URL: `/role/<name>` (docs/credential-server.md). */
export const ROLE_PATH_PREFIX = '/role/'

export interface CredentialServerOptions extends GetCredentialsOptions {
  /** What the server hands out, by the name in its path (`/role/<name>`); the first is the default. */
  targets: ReadonlyMap<string, CredentialsTarget> | readonly (readonly [string, CredentialsTarget])[]
  /** Address to listen on. Default 127.0.0.1. Anything but a loopback address needs `allowNonLoopback`. */
  host?: string | undefined
  /** Port; default 0 (a free one the system picks). */
  port?: number | undefined
  /** Listen on a non-loopback address (every host that can reach it may then ask, with the token). */
  allowNonLoopback?: boolean | undefined
  /** The bearer token; default 32 random bytes, base64url. */
  token?: string | undefined
  /** One call per answered request, free of secrets (for `--debug`). */
  onRequest?: ((event: RequestEvent) => void) | undefined
}

export interface RequestEvent {
  method: string
  /** The path when the request was authorised, else undefined (an unauthorised caller learns nothing). */
  path: string | undefined
  status: number
  /** The IdcError code when credentials could not be fetched. */
  error?: IdcError | undefined
}

export interface CredentialServer {
  /** The host and port actually bound. */
  host: string
  port: number
  /** The bearer token callers send as the `Authorization` header (AWS_CONTAINER_AUTHORIZATION_TOKEN). */
  token: string
  /** The full URI of a served name (AWS_CONTAINER_CREDENTIALS_FULL_URI); default: the first target. */
  url(name?: string): string
  /** The variables a child process needs, for the default target unless named. */
  variables(name?: string): [name: ContainerVariableName, value: string][]
  /** Stops listening and drops open connections. */
  close(): Promise<void>
}

export type ContainerVariableName = 'AWS_CONTAINER_CREDENTIALS_FULL_URI' | 'AWS_CONTAINER_AUTHORIZATION_TOKEN'

/**
 * The JSON the SDKs' container (HTTP) credential providers parse: `@aws-sdk/credential-provider-http`
 * requires the four strings, botocore's ContainerProvider also reads `AccountId`.
 */
export interface ContainerCredentialsJson {
  AccessKeyId: string
  SecretAccessKey: string
  Token: string
  /** RFC 3339, whole seconds, `Z`. */
  Expiration: string
  AccountId?: string
}

export function containerCredentialsJson(credentials: Credentials): ContainerCredentialsJson {
  return {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    Token: credentials.sessionToken ?? '',
    Expiration: (credentials.expiration ?? new Date(0)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...(credentials.accountId ? { AccountId: credentials.accountId } : {}),
  }
}

/** True for 127.0.0.0/8, ::1 (also IPv4-mapped) and `localhost`: the hosts only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (h === 'localhost') return true
  if (isIP(h) === 4) return h.startsWith('127.')
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || h.startsWith('::ffff:127.')
  return false
}

/** Constant-time comparison: both sides hashed first, so neither the length nor a prefix leaks. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

/** HTTP status for a failed fetch: the SDKs retry either; 503 says "try again", 500 "look at the server". */
function statusFor(error: IdcError): number {
  return error.code === 'network-error' || error.code === 'throttled' ? 503 : 500
}

/**
 * A local container-credentials endpoint (what the AWS SDKs and CLI read through
 * AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN). Every request goes through
 * `getCredentialsForTarget`, the same single-flight path as `credential_process`: the role cache
 * while it has 15 minutes left, else one GetRoleCredentials per expiry however many callers ask,
 * refreshing the sign-in token when it can. A request without the token gets 401 and an empty body.
 */
export async function startCredentialServer(options: CredentialServerOptions): Promise<CredentialServer> {
  const targets = new Map(options.targets)
  const first = targets.keys().next().value
  if (first === undefined) throw new IdcError('invalid-argument', 'The credential server needs a target.')
  const host = options.host ?? '127.0.0.1'
  if (!isLoopbackHost(host) && !options.allowNonLoopback) {
    throw new IdcError(
      'invalid-argument',
      `Refusing to serve credentials on ${host}: it is not a loopback address.`,
      {
        hint: 'Leave out --host (127.0.0.1), or add --allow-non-loopback if every host that can reach this address may ask for the credentials.',
      },
    )
  }
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new IdcError('invalid-argument', `Invalid port ${port}.`, {
      hint: 'Use a port between 1 and 65535, or leave out --port for a free one.',
    })
  }
  const token = options.token ?? randomBytes(32).toString('base64url')
  const abort = new AbortController()
  const signal = options.signal ? AbortSignal.any([options.signal, abort.signal]) : abort.signal

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET'
    const answer = (status: number, body?: string, error?: IdcError, path?: string) => {
      res.writeHead(status, {
        'content-type': body === undefined ? 'text/plain' : 'application/json',
        'content-length': Buffer.byteLength(body ?? ''),
        'cache-control': 'no-store',
      })
      res.end(body)
      options.onRequest?.({ method, path, status, ...(error ? { error } : {}) })
    }
    const given = req.headers.authorization
    if (typeof given !== 'string' || !sameSecret(given, token)) return answer(401)
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (method !== 'GET' && method !== 'HEAD') return answer(405, undefined, undefined, path)
    let name: string | undefined
    try {
      name = path.startsWith(ROLE_PATH_PREFIX)
        ? decodeURIComponent(path.slice(ROLE_PATH_PREFIX.length))
        : undefined
    } catch {
      name = undefined
    }
    const target = name === undefined ? undefined : targets.get(name)
    if (!target) return answer(404, undefined, undefined, path)
    try {
      const result = await getCredentialsForTarget(target, { ...options, signal })
      const credentials = { ...result.credentials, accountId: target.accountId }
      answer(200, `${JSON.stringify(containerCredentialsJson(credentials))}\n`, undefined, path)
    } catch (cause) {
      const error = IdcError.is(cause)
        ? cause
        : new IdcError('service-error', 'Could not get the role credentials.', { cause })
      const message = error.hint ? `${error.message} ${error.hint}` : error.message
      answer(statusFor(error), `${JSON.stringify({ Code: error.code, Message: message })}\n`, error, path)
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  // Bounded: a caller that never finishes its request holds nothing for long.
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new IdcError(
          'invalid-argument',
          `Cannot listen on ${host}:${port} (${error.code ?? error.message}).`,
          {
            hint:
              error.code === 'EADDRINUSE'
                ? 'Another program uses that port: pick another --port, or leave it out for a free one.'
                : 'Check --host and --port.',
            cause: error,
          },
        ),
      ),
    )
    server.listen(port, host, () => resolve())
  })
  // Load the SDK clients now, not inside the first refresh: the SDKs give a credentials endpoint only
  // 1 s (JS) or 2 s (botocore) per attempt, and importing them can take most of that on a busy machine.
  void Promise.all([import('@aws-sdk/client-sso'), import('@aws-sdk/client-sso-oidc')]).catch(() => {})
  const address = server.address()
  const boundPort = typeof address === 'object' && address ? address.port : port
  const urlHost = isIP(host) === 6 ? `[${host}]` : host
  const url = (name: string = first) =>
    `http://${urlHost}:${boundPort}${ROLE_PATH_PREFIX}${encodeURIComponent(name)}`
  let closed: Promise<void> | undefined
  return {
    host,
    port: boundPort,
    token,
    url,
    variables: (name) => [
      ['AWS_CONTAINER_CREDENTIALS_FULL_URI', url(name)],
      ['AWS_CONTAINER_AUTHORIZATION_TOKEN', token],
    ],
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        abort.abort(new IdcError('aborted', 'The credential server stopped.'))
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closed
    },
  }
}

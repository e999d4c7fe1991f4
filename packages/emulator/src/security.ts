import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './context.js'
import { operationFor } from './operations.js'

/**
 * Guards the control API (`/_emulator/*`) and the web pages against other web sites: a page on any
 * origin can send a "simple" cross-origin POST (text/plain) to 127.0.0.1, and a site whose DNS name
 * is re-pointed at 127.0.0.1 (DNS rebinding) can even read the answers. So, for everything that is
 * not an AWS API operation (SDKs send neither Origin nor a foreign Host):
 *   - the Host header must be a loopback name or address, an IP literal, the bound host, or one of
 *     `allowedHosts` (names are what rebinding uses; an IP literal cannot be rebound);
 *   - on the controls, an Origin header, when present, must be this very origin (the pages check
 *     it on their form posts, with the CSRF token).
 */
export function hostAndOriginGuard(
  options: { host?: string | undefined; allowedHosts?: readonly string[] | undefined } = {},
): MiddlewareHandler<AppEnv> {
  const allowed = new Set(['localhost', ...(options.allowedHosts ?? []).map((h) => h.toLowerCase())])
  if (options.host && options.host !== '0.0.0.0' && options.host !== '::')
    allowed.add(options.host.toLowerCase())
  return async (c, next) => {
    if (operationFor(c.req.method, c.req.path)) return next()
    const host = c.req.header('host') ?? new URL(c.req.url).host
    if (!hostAllowed(host, allowed)) {
      return c.text(
        `Refused: Host "${host}" is not this emulator (start it with --allowed-host to add a name).\n`,
        403,
      )
    }
    // Pages check Origin on every form post themselves (and answer with their "Request blocked"
    // page); controls have no form, so a foreign Origin is refused here, whatever the method.
    const origin = c.req.header('origin')
    if (c.req.path.startsWith('/_emulator') && origin !== undefined && !sameOrigin(origin, host)) {
      return c.text(`Refused: a request from ${origin} may not use this emulator's pages or controls.\n`, 403)
    }
    return next()
  }
}

function hostName(host: string): string {
  const h = host.toLowerCase()
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']'))
  const colon = h.lastIndexOf(':')
  return colon >= 0 ? h.slice(0, colon) : h
}

function hostAllowed(host: string, allowed: Set<string>): boolean {
  const name = hostName(host)
  if (allowed.has(name) || name.endsWith('.localhost')) return true
  // IPv4 and IPv6 literals.
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || (name.includes(':') && /^[0-9a-f:.]+$/.test(name))
}

function sameOrigin(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host.toLowerCase()
  } catch {
    return false
  }
}

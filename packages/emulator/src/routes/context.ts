import type { Context } from 'hono'
import type { CallLog } from '../calls.js'
import type { Clock } from '../clock.js'
import type { AppEnv } from '../context.js'
import type { Faults } from '../faults.js'
import type { Fixture } from '../fixture.js'
import type { RoleSessions } from '../role-sessions.js'
import type { EmulatorState } from '../state.js'

/** Everything a route module needs; one per running emulator. */
export interface EmulatorContext {
  fixture: Fixture
  clock: Clock
  state: EmulatorState
  calls: CallLog
  faults: Faults
  /** Role sessions (permission-set and assumed) for STS and the federation endpoint. */
  roleSessions: RoleSessions
}

/** The origin the client used to reach us, so links work behind any host name or port. */
export function originOf(url: string): string {
  return new URL(url).origin
}

export type Handler = (c: Context<AppEnv>) => Response | Promise<Response>

/**
 * Wraps a route so that a service error of type `E` thrown anywhere below becomes that service's
 * error envelope (`respond`); anything else propagates to the server's 500 handler.
 */
export function envelope<E extends Error>(
  type: abstract new (...args: never[]) => E,
  respond: (error: E) => Response,
): (handler: Handler) => Handler {
  return (handler) => async (c) => {
    try {
      return await handler(c)
    } catch (err) {
      if (err instanceof type) return respond(err)
      throw err
    }
  }
}

import type { HttpBindings } from '@hono/node-server'

/** Hono environment shared by every route: Node bindings plus per-call details for the call log. */
export interface AppEnv {
  Bindings: HttpBindings
  Variables: {
    /** Overrides the operation name in the call log (STS: the Action actually asked for). */
    callOperation?: string
    /** Grant type, `accountId/roleName`, … (see CallRecord.detail). */
    callDetail?: string
  }
}

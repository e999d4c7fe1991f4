import type { CallLog } from './calls.js'
import type { Clock } from './clock.js'
import type { Faults } from './faults.js'
import type { EmulatorContext } from './routes/context.js'
import type { AutoApprove, DeviceAuthorization, PendingAuthorization } from './state.js'

export interface AutoApproveOptions {
  /** Sign in as this fixture user (default: unchanged; initially the first user). */
  user?: string
  /** Device polls answered with authorization_pending before auto-approval (default: unchanged; initially 1). */
  afterPolls?: number
}

/**
 * Test controls for a running emulator. The same operations are exposed over HTTP under
 * `/_emulator/…` for out-of-process callers (see routes/control.ts).
 */
export class Controls {
  readonly clock: Clock
  readonly faults: Faults
  readonly calls: CallLog
  readonly #ctx: EmulatorContext

  constructor(ctx: EmulatorContext) {
    this.#ctx = ctx
    this.clock = ctx.clock
    this.faults = ctx.faults
    this.calls = ctx.calls
  }

  get autoApprove(): AutoApprove {
    return this.#ctx.state.autoApprove
  }

  /** `true` approves device codes and /authorize requests automatically, `'deny'` denies them, `false` waits. */
  setAutoApprove(value: AutoApprove, options: AutoApproveOptions = {}): void {
    if (value !== true && value !== false && value !== 'deny') {
      throw new RangeError(`autoApprove must be true, false or "deny", got ${JSON.stringify(value)}`)
    }
    const { state } = this.#ctx
    if (options.user !== undefined) {
      if (!state.user(options.user)) throw new RangeError(`unknown user ${options.user}`)
      state.autoApproveUser = options.user
    }
    if (options.afterPolls !== undefined) {
      if (!Number.isInteger(options.afterPolls) || options.afterPolls < 0) {
        throw new RangeError(`afterPolls must be a non-negative integer, got ${options.afterPolls}`)
      }
      state.autoApproveAfterPolls = options.afterPolls
    }
    state.autoApprove = value
  }

  get rotateRefreshTokens(): boolean {
    return this.#ctx.state.rotateRefreshTokens
  }

  setRefreshTokenRotation(enabled: boolean): void {
    this.#ctx.state.rotateRefreshTokens = enabled
  }

  pendingDevices(): DeviceAuthorization[] {
    return this.#ctx.state.pendingDevices()
  }

  approveDevice(userCode: string, userName?: string): DeviceAuthorization {
    return this.#ctx.state.approveDevice(userCode, userName)
  }

  denyDevice(userCode: string): DeviceAuthorization {
    return this.#ctx.state.denyDevice(userCode)
  }

  pendingAuthorizations(): PendingAuthorization[] {
    return this.#ctx.state.pendingAuthorizations()
  }

  /** Returns the `redirect_uri?code=…&state=…` URL the browser would be sent to. */
  approveAuthorization(id: string, userName?: string): string {
    return this.#ctx.state.approveAuthorization(id, userName)
  }

  /** Returns the `redirect_uri?error=access_denied&…` URL the browser would be sent to. */
  denyAuthorization(id: string): string {
    return this.#ctx.state.denyAuthorization(id)
  }

  /** Clear faults and the call log and put the clock back to real time (registrations and tokens stay). */
  reset(): void {
    this.faults.reset()
    this.calls.reset()
    this.clock.reset()
  }
}

import type { CallLog } from '../calls.js'
import type { Clock } from '../clock.js'
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

export { CallLog, type CallRecord } from './calls.js'
export { Clock } from './clock.js'
export { type AutoApproveOptions, Controls } from './controls.js'
export { Faults, type FaultsSnapshot, type FaultTarget } from './faults.js'
export {
  DEFAULT_FIXTURE,
  DEFAULT_LIFETIMES,
  type Fixture,
  type FixtureAccount,
  FixtureError,
  type FixtureInput,
  type FixtureLifetimes,
  type FixtureUser,
  type GenerateFixtureOptions,
  generateFixture,
  loadFixtureFile,
  resolveFixture,
} from './fixture.js'
export { OPERATION_NAMES, type Operation } from './operations.js'
export type { EmulatorContext } from './routes/context.js'
export {
  createApp,
  createContext,
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from './server.js'
export {
  type AuthorizeOutcome,
  type AutoApprove,
  DEVICE_CODE_GRANT,
  DecisionError,
  type DeviceAuthorization,
  EmulatorState,
  type IssuedRoleCredentials,
  type PendingAuthorization,
  type RegisteredClient,
  type Session,
} from './state.js'

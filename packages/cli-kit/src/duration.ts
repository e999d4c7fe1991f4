// The duration wording lives in @idc/format (core's messages use it too); the kit re-exports it.
export { describeExpiry, formatDuration } from '@idc/format'

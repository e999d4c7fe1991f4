// The formatters live in @idc/format (pure, no dependencies, so the emulator can render with them
// too); @idc/core re-exports all of it, here for the `@idc/core/format` subpath and from the root.
export * from '@idc/format'

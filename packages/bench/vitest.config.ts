import { mergeConfig } from 'vitest/config'
import { engine } from '../../vitest.shared.js'

// The smoke tests start real processes and servers under load: generous bounds, never timed assertions.
export default mergeConfig(engine, {
  test: { testTimeout: 120_000, hookTimeout: 60_000 },
})

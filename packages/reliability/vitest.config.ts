import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    include: ['test/**/*.test.ts'],
    // Real processes on a shared 2-core machine: generous, bounded waits (no timed assertions).
    testTimeout: 240_000,
    hookTimeout: 60_000,
    // One file at a time: each one already runs many processes in parallel.
    fileParallelism: false,
  },
})

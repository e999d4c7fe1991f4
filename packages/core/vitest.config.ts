import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // The SDK warns on every client start that Node 20 support ends in 2027: noise in test logs.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})

import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The round-trips through real shells and python3 run thousands of generated values.
    testTimeout: 60_000,
  },
})

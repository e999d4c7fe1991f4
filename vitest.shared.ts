/**
 * The one vitest configuration every package extends (`mergeConfig(engine | commands, {...})` in
 * its vitest.config.ts). Where tests live is the placement rule in docs/contributing.md.
 */
import { defineConfig, mergeConfig } from 'vitest/config'

/** Unit tests next to the module (`src/**\/x.test.ts`), package-level tests in `test/`. */
export const base = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})

/** Library packages (core, emulator, node): the AWS SDK's Node < 22 warning is noise in test logs. */
export const engine = mergeConfig(base, {
  test: { env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
})

/**
 * Packages whose tests run oclif commands (cli-kit, the plugins, the CLI): commands load from dist,
 * oclif prints with console.log (captured by @oclif/test, not vitest), and the commands quiet the
 * SDK's warning themselves, so it is not set here. Real child processes: more time.
 */
export const commands = mergeConfig(base, {
  test: {
    setupFiles: ['test/setup.ts'],
    disableConsoleIntercept: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})

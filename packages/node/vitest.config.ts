import { mergeConfig } from 'vitest/config'
import { engine } from '../../vitest.shared.js'

export default mergeConfig(engine, {
  test: {
    // `*.test-d.ts`: type tests, checked by tsc when run with `vitest --typecheck`.
    typecheck: { include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
})

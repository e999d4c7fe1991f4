// Commands load from dist (compiled); never let oclif look for ts-node/tsx in tests.
;(globalThis as { oclif?: Record<string, unknown> }).oclif = { enableAutoTranspile: false }

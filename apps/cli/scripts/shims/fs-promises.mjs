// Overrides for `node:fs/promises` in both bundles: dist/fast.cjs (../bundle-fast.mjs forwards every
// other export to the real module, loaded on first use) and dist/cli.cjs (../lazy-builtins.mjs).
// node:fs is loaded by Node's CommonJS loader anyway; node:fs/promises costs ~1.5 ms more on Node 20
// (readline's interface and the file watchers come with it). aws-idc reads only small files through
// it (config, credentials, the token and role caches), so `readFile` of a path is readFileSync
// behind a promise: same results, same errors.
import { readFileSync } from 'node:fs'

export async function readFile(real, path, options) {
  // File handles and abort signals: the real thing.
  if (typeof path !== 'string' || (options && typeof options === 'object' && options.signal))
    return real().readFile(path, options)
  return readFileSync(path, options)
}

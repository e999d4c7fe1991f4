// Overrides for `node:fs/promises` in dist/fast.cjs (../bundle-fast.mjs forwards every other export
// to the real module, loaded on first use). node:fs is loaded by Node's CommonJS loader anyway;
// node:fs/promises costs ~1.5 ms more on Node 20. The warm path only reads two or three small files,
// so `readFile` is readFileSync behind a promise: same results, same errors.
import { readFileSync } from 'node:fs'

export async function readFile(real, path, options) {
  // File handles and abort signals: the real thing.
  if (typeof path !== 'string' || (options && typeof options === 'object' && options.signal))
    return real().readFile(path, options)
  return readFileSync(path, options)
}

/**
 * The node:crypto functions @idc/core uses, imported here once. Why: the CLI's bundle loads Node
 * built-ins on first use (apps/cli/scripts/lazy-builtins.mjs), and esbuild's ES module interop gives
 * every module that imports one its own copy of the module's keys (node:crypto has about 80): about
 * 1.5 M instructions per importing module on Node 20, paid by every command at start-up. One module
 * importing it instead of seven.
 */
export { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'

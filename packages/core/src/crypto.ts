/**
 * The node:crypto functions @idc/core uses, imported here once. Why: a bundler's ES module interop
 * (esbuild's, in the CLI's and the Action's bundles) gives every module that imports a CommonJS
 * module its own copy of that module's keys, about 80 for node:crypto, at load time. In the CLI's
 * bundle, where node:crypto is a lazy proxy (apps/cli/scripts/lazy-builtins.mjs), that was about
 * 1.5 M instructions per importing module on Node 20, paid by every command at start-up.
 */
export { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'

/**
 * node:crypto is imported by src/crypto.ts only. In the CLI's bundle a Node built-in loads on first
 * use, and esbuild's ES module interop gives each module importing it a copy of all its ~80 keys
 * (about 1.5 M instructions per module at every command's start-up): the others import from there.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src')

it('imports node:crypto in src/crypto.ts only', () => {
  const importers = (readdirSync(src, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !/\.test(\.helpers)?\.ts$/.test(f))
    .filter((f) =>
      /(?:from\s*|import\s*\(\s*)['"](node:)?crypto['"]/.test(readFileSync(join(src, f), 'utf8')),
    )
    .map((f) => relative(src, join(src, f)))
  expect(importers).toEqual(['crypto.ts'])
})

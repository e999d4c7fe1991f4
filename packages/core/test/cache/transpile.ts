import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import ts from 'typescript'

const CORE = join(import.meta.dirname, '..', '..')
const SRC = join(CORE, 'src')

/**
 * Makes the cache module runnable by plain `node` child processes (Node 20 cannot run .ts) without
 * a build step: a transpile-only pass (no type check, a few ms per file) of src/cache plus the two
 * files it imports, into a fresh directory. Children therefore run exactly the source under test,
 * never a stale dist/, and do not depend on the rest of the package compiling. The directory is
 * under packages/core/node_modules so that `proper-lockfile` resolves as it does for the package.
 * Returns the directory that plays the role of `src/`; remove it with `removeTranspiled`.
 */
export async function transpileCacheModule(): Promise<string> {
  const out = join(
    CORE,
    'node_modules',
    '.cache',
    `idc-cache-test-${process.pid}-${randomBytes(4).toString('hex')}`,
  )
  const cacheFiles = (await readdir(join(SRC, 'cache')))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(SRC, 'cache', f))
  for (const file of [...cacheFiles, join(SRC, 'errors.ts'), join(SRC, 'types.ts')]) {
    const { outputText } = ts.transpileModule(await readFile(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
    })
    const target = join(out, relative(SRC, file)).replace(/\.ts$/, '.js')
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, outputText)
  }
  // The transpiled files are ES modules; node_modules/.cache has no package.json saying so.
  await writeFile(join(out, 'package.json'), '{"type": "module"}')
  return out
}

export async function removeTranspiled(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}

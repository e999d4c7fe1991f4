import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import ts from 'typescript'

const CORE = join(import.meta.dirname, '..')
const SRC = join(CORE, 'src')

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await sourceFiles(path)))
    else if (entry.name.endsWith('.ts') && !entry.name.includes('.test.') && !entry.name.endsWith('.d.ts'))
      out.push(path)
  }
  return out
}

/**
 * Makes all of src/ runnable by plain `node` child processes (Node 20 cannot run .ts) without a
 * build: a transpile-only pass into a fresh directory under packages/core/node_modules/.cache, so
 * that the package's dependencies (@aws-sdk/*, proper-lockfile) resolve as they do for the package
 * and the children run exactly the source under test, never a stale dist/. Returns the directory
 * that plays the role of `src/`; remove it with `removeTranspiled`.
 */
export async function transpileSrc(): Promise<string> {
  const out = join(CORE, 'node_modules', '.cache', `idc-src-${process.pid}-${randomBytes(4).toString('hex')}`)
  for (const file of await sourceFiles(SRC)) {
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
  await writeFile(join(out, 'package.json'), '{"type":"module"}\n')
  return out
}

export async function removeTranspiled(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}

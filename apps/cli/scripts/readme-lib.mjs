// Shared by `pnpm readme` (write) and `pnpm check:readme` (fail on drift).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const readmePath = join(root, 'README.md')

/** The README as `oclif readme` generates it (commands section), without writing anything. */
export function generatedByOclif() {
  const oclif = join(root, 'node_modules', '.bin', 'oclif')
  const out = execFileSync(oclif, ['readme', '--dry-run', '--no-aliases', '--no-source-links'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, OCLIF_DISABLE_LINKED_ESM_WARNING: '1', NO_COLOR: '1', COLUMNS: '80' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // oclif logs "replacing <!-- commands --> in ..." on stdout before the document.
  return out.replace(/^(replacing <!-- [\w-]+ --> in .*\n)+/, '')
}

/** Replaces the exit-code table between its markers with the one @idc/cli-kit exports. */
export async function withExitCodes(text) {
  const { exitCodesMarkdown } = await import('@idc/cli-kit')
  return text.replace(
    /<!-- exit-codes -->[\s\S]*?<!-- exit-codesstop -->/,
    `<!-- exit-codes -->\n${exitCodesMarkdown()}\n<!-- exit-codesstop -->`,
  )
}

/** The repository formats Markdown with Biome (`pnpm format`), so the README is compared as Biome writes it. */
export function biomeFormat(text) {
  const biome = join(root, '..', '..', 'node_modules', '.bin', 'biome')
  return execFileSync(biome, ['format', '--stdin-file-path=README.md'], {
    cwd: root,
    input: text,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  })
}

export async function expectedReadme() {
  return biomeFormat(await withExitCodes(generatedByOclif()))
}

export function currentReadme() {
  return readFileSync(readmePath, 'utf8')
}

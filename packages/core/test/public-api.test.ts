/**
 * The boundary of @idc/core: other packages use only its public entry points (`@idc/core`,
 * `@idc/core/warm`, `@idc/core/format`) and only what those export; internals (parsers, hashes,
 * serialisers, SDK client factories) are not exported at all. Fails naming file, line and import.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const coreDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const repo = join(coreDir, '..', '..')

/** Entry point specifier -> the source file whose exports are public. */
const ENTRIES: Record<string, string> = {
  '@idc/core': 'src/index.ts',
  '@idc/core/warm': 'src/warm.ts',
  '@idc/core/format': 'src/format/index.ts',
}

/** Fields of a parsed file that belong to core's two parsers (use sectionsIn, getProfile, peek...). */
const PARSER_INTERNALS = /\.(pyProfiles|jsProfiles|pySessions|jsSessions|pyServices|jsServices)\b/

function publicNames(): Record<string, Set<string>> {
  const files = Object.values(ENTRIES).map((f) => join(coreDir, f))
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
  })
  const checker = program.getTypeChecker()
  const out: Record<string, Set<string>> = {}
  for (const [spec, file] of Object.entries(ENTRIES)) {
    const source = program.getSourceFile(join(coreDir, file))!
    const symbol = checker.getSymbolAtLocation(source)!
    out[spec] = new Set(checker.getExportsOfModule(symbol).map((s) => s.getName()))
  }
  return out
}

export interface Violation {
  file: string
  line: number
  what: string
}

/** What `text` (a file of another package) does wrong at the boundary. */
export function violations(file: string, text: string, names: Record<string, Set<string>>): Violation[] {
  const found: Violation[] = []
  const lineOf = (index: number) => text.slice(0, index).split('\n').length
  const specifiers = /(?:from\s*|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g
  for (const m of text.matchAll(specifiers)) {
    const spec = m[1]!
    const deep =
      /(^|\/)core\/(src|dist|test)\//.test(spec) || /^@idc\/core\/(?!warm$|format$|package\.json$)/.test(spec)
    if (deep) found.push({ file, line: lineOf(m.index!), what: `deep import ${spec}` })
  }
  const named =
    /import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"](@idc\/core(?:\/warm|\/format)?)['"]|export\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"](@idc\/core(?:\/warm|\/format)?)['"]/g
  for (const m of text.matchAll(named)) {
    const list = m[1] ?? m[3]!
    const spec = m[2] ?? m[4]!
    for (const part of list.split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]!
        .trim()
      if (name && !names[spec]!.has(name)) {
        found.push({ file, line: lineOf(m.index!), what: `${name} is not exported by ${spec}` })
      }
    }
  }
  for (const m of text.matchAll(new RegExp(PARSER_INTERNALS, 'g'))) {
    found.push({ file, line: lineOf(m.index!), what: `parser internal ${m[0]}` })
  }
  return found
}

function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path))
    else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path)
  }
  return out
}

function otherPackages(): string[] {
  const dirs: string[] = []
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(repo, group))) {
      const dir = join(repo, group, name)
      if (dir !== coreDir && statSync(dir).isDirectory()) dirs.push(dir)
    }
  }
  return dirs
}

describe('the public API of @idc/core', () => {
  const names = publicNames()

  it('keeps internal helpers internal', () => {
    const all = new Set(Object.values(names).flatMap((s) => [...s]))
    for (const internal of [
      'sha1Hex',
      'compareCodePoints',
      'pythonJsonDumps',
      'pythonJsonString',
      'parseIniFile',
      'readIniFile',
      'parsePython',
      'parseJs',
      'classifyLines',
      'createOidcClient',
      'createPortalClient',
      'formatTimestamp',
      'parseTimestamp',
      'singleFlight',
    ]) {
      expect(all.has(internal), internal).toBe(false)
    }
    // …while what adapters need is there.
    for (const needed of ['getCredentials', 'login', 'IdcError', 'format', 'sectionsIn', 'writeSection']) {
      expect(names['@idc/core']!.has(needed), needed).toBe(true)
    }
  })

  it('no other package imports a core internal (deep path, non-public name or parser field)', () => {
    const found: Violation[] = []
    for (const dir of otherPackages()) {
      for (const file of sourceFiles(dir)) {
        found.push(...violations(relative(repo, file), readFileSync(file, 'utf8'), names))
      }
    }
    expect(found.map((v) => `${v.file}:${v.line}: ${v.what}`)).toEqual([])
  })

  it('the check itself catches each kind of violation', () => {
    const bad = [
      "import { sha1Hex } from '@idc/core'",
      "import { parseIniFile } from '@idc/core/dist/config/ini-file.js'",
      "import { x } from '../../core/src/config/ini-python.js'",
      "export { pythonJsonString } from '@idc/core/format'",
      'const names = files.config.pySessions.keys()',
      "const m = await import('@idc/core/dist/index.js')",
    ].join('\n')
    expect(
      violations('x.ts', bad, names)
        .map((v) => v.line)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5, 6])
    expect(violations('ok.ts', "import { getCredentials, type FormatName } from '@idc/core'", names)).toEqual(
      [],
    )
  })
})

// scripts/debug-names.mjs: the bundle names its functions (esbuild's keepNames) for a `--debug`
// command line only, in a real esbuild bundle run by a child Node with and without the flag.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { argvHas } from '@idc/cli-kit'
import { type BuildOptions, build } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'
import { NODE_BUNDLE } from '../scripts/bundle-options.mjs'
import { DEBUG_ARGV, namesOnDebug } from '../scripts/debug-names.mjs'

const dir = mkdtempSync(join(tmpdir(), 'aws-idc-debug-names-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ENTRY = `export function profileNotFound() { return new Error('no profile') }
export class ProfileError extends Error {}
export function report() {
  const inner = () => 1
  return {
    fn: profileNotFound.name,
    cls: ProfileError.name,
    arrow: inner.name,
    frame: profileNotFound().stack.split('\\n')[1].trim().split(' ')[1],
  }
}`
const SOURCE_NAMES = { fn: 'profileNotFound', cls: 'ProfileError', arrow: 'inner', frame: 'profileNotFound' }

describe('namesOnDebug (scripts/debug-names.mjs)', () => {
  it('gives functions and classes their source names under --debug only, as @idc/cli-kit reads the flag', async () => {
    const result = await build({
      ...(NODE_BUNDLE as BuildOptions),
      stdin: { contents: ENTRY, resolveDir: dir, loader: 'js' },
      write: false,
      keepNames: true,
      logLevel: 'silent',
    })
    writeFileSync(join(dir, 'bundle.cjs'), namesOnDebug(result.outputFiles?.[0]?.text ?? ''))
    writeFileSync(
      join(dir, 'run.cjs'),
      "process.stdout.write(JSON.stringify(require('./bundle.cjs').report()))",
    )
    const names = (...args: string[]) => {
      const r = spawnSync(process.execPath, [join(dir, 'run.cjs'), ...args], { encoding: 'utf8' })
      expect(r.stderr).toBe('')
      return JSON.parse(r.stdout) as Record<string, string>
    }
    for (const args of [['--debug'], ['accounts', '--debug', '--json'], ['--debug=true']])
      expect({ args, names: names(...args) }).toEqual({ args, names: SOURCE_NAMES })
    // Without the flag (or with it after `--`, for a wrapped command): the minified names.
    for (const args of [[], ['accounts'], ['exec', '--', 'tool', '--debug']]) {
      const got = names(...args)
      for (const key of Object.keys(SOURCE_NAMES))
        expect({ args, key, name: got[key] }).not.toEqual({
          args,
          key,
          name: SOURCE_NAMES[key as keyof typeof SOURCE_NAMES],
        })
    }
  })

  it('reads --debug from the command line by the rule of argvHas', () => {
    const debugArgv = new Function('process', `return ${DEBUG_ARGV}`) as (p: { argv: string[] }) => boolean
    for (const args of [
      [],
      ['--debug'],
      ['creds', '--debug'],
      ['--debug=true'],
      ['--debugger'],
      ['-d'],
      ['exec', '--', '--debug'],
      ['exec', '--debug', '--', 'x'],
      ['--', '--debug'],
    ])
      expect({ args, debug: debugArgv({ argv: ['node', 'run.cjs', ...args] }) }).toEqual({
        args,
        debug: argvHas(args, '--debug'),
      })
  })

  it("fails the build when esbuild's helper is not among its runtime helpers", () => {
    expect(() => namesOnDebug('var x=1;')).toThrow(/__name not found/)
    const late = `${'x;'.repeat(3000)}var s=(t,e)=>q(t,"name",{value:e,configurable:!0});`
    expect(() => namesOnDebug(late)).toThrow(/__name not found/)
  })
})

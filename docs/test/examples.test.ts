// Every example on the site, checked: each fenced block is classified (fences.ts), every runnable
// shell block runs in bash against the emulator in a temporary HOME with the real CLI on PATH (one
// sandbox per page, blocks in page order, exported variables carried from block to block), its exit
// status must be 0 and its output must match the `output` block that follows it; every TypeScript
// block is type-checked against the workspace packages' published types, and the runnable ones are
// executed in the same sandbox. Pages write `http://127.0.0.1:4567` for the emulator a reader starts
// by hand; the test substitutes the URL of the one it started.
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { createSandbox, type Sandbox } from '@idc/emulator/testing'
import { transformSync } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docsRoot, type Fence, fences, matchesOutput, pages } from './fences.js'

const READER_EMULATOR = 'http://127.0.0.1:4567'
const require = createRequire(join(docsRoot, 'package.json'))
const cliBin = join(dirname(require.resolve('aws-idc/package.json')), 'bin', 'run.cjs')
const emulatorBin = join(dirname(require.resolve('@idc/emulator/package.json')), 'bin', 'idc-emulator.js')
const all = pages().map((p) => ({ page: relative(docsRoot, p), blocks: fences(p) }))

describe('every code block is classified', () => {
  for (const { page, blocks } of all) {
    it(page, () => {
      const problems: string[] = []
      blocks.forEach((b, i) => {
        if (!b.flag)
          problems.push(
            `${b.page}:${b.line}: \`${b.lang || '(no language)'}\` block is neither runnable, typecheck, output nor static`,
          )
        if (b.flag === 'output' && blocks[i - 1]?.flag !== 'runnable')
          problems.push(`${b.page}:${b.line}: an output block must follow a runnable one`)
        if (b.flag === 'runnable' && !['sh', 'bash', 'ts'].includes(b.lang))
          problems.push(`${b.page}:${b.line}: only sh and ts blocks can be runnable`)
        if (b.flag === 'typecheck' && b.lang !== 'ts')
          problems.push(`${b.page}:${b.line}: only ts blocks can be type-checked`)
      })
      expect(problems).toEqual([])
    })
  }
  it('the check sees an unclassified block', () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-fence-'))
    writeFileSync(join(dir, 'x.md'), '# x\n\n```sh\necho hi\n```\n')
    expect(fences(join(dir, 'x.md'))[0]?.flag).toBeUndefined()
    rmSync(dir, { recursive: true })
  })
})

describe('output matching', () => {
  it('matches lines in order with … as a wildcard, and fails otherwise', () => {
    expect(matchesOutput('a\nAccount 111111111111 dev\nz', 'Account … dev')).toBe(true)
    expect(matchesOutput('b\na', 'a\nb')).toBe(false)
    expect(matchesOutput('x', 'y')).toBe(false)
  })
})

// ---- TypeScript: one tsc run over every ts block ---------------------------------------------------
const tsBlocks = all.flatMap(({ blocks }) =>
  blocks.filter((b) => b.lang === 'ts' && (b.flag === 'runnable' || b.flag === 'typecheck')),
)
const tsDir = join(docsRoot, '.tmp', 'examples')
const tsFile = (b: Fence) => join(tsDir, `block${tsBlocks.indexOf(b)}.ts`)

describe('TypeScript examples type-check', () => {
  it.runIf(tsBlocks.length > 0)(`${tsBlocks.length} blocks, strict, against the packages' types`, () => {
    rmSync(tsDir, { recursive: true, force: true })
    mkdirSync(tsDir, { recursive: true })
    // Each block is its own module (top-level await allowed).
    for (const b of tsBlocks) writeFileSync(tsFile(b), `${b.code}\nexport {}\n`)
    writeFileSync(
      join(tsDir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../tsconfig.base.json',
        compilerOptions: {
          noEmit: true,
          declaration: false,
          declarationMap: false,
          sourceMap: false,
          types: ['node'],
          noUnusedLocals: false,
        },
        include: ['*.ts'],
      }),
    )
    const r = spawnSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', join(tsDir, 'tsconfig.json')],
      { encoding: 'utf8' },
    )
    // Errors name the page and line of the example, not the temporary file.
    const mapped = `${r.stdout}${r.stderr}`.replace(/block(\d+)\.ts\((\d+),\d+\)/g, (_m, i, line) => {
      const b = tsBlocks[Number(i)] as Fence
      return `${b.page}:${b.line + Number(line)}`
    })
    expect(r.status, mapped).toBe(0)
  })
})

/** Runs a child asynchronously (the emulator serves from this process's event loop), bounded to 60 s. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ stdout: string; stderr: string; status: number | null }>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d))
    child.once('error', reject)
    child.once('close', (status) => resolve({ stdout, stderr, status }))
  })
}

// ---- Runnable blocks, page by page ------------------------------------------------------------------
for (const { page, blocks } of all) {
  const runnable = blocks.filter((b) => b.flag === 'runnable')
  if (runnable.length === 0) continue
  describe(`runs: ${page}`, () => {
    let box: Sandbox
    let state: string
    let binDir: string
    beforeAll(async () => {
      box = await createSandbox({ emulator: { autoApprove: true }, prefix: 'docs-example-' })
      binDir = join(box.home, '.bin')
      mkdirSync(binDir)
      for (const [name, target] of [
        ['aws-idc', cliBin],
        ['idc-emulator', emulatorBin],
      ] as const) {
        writeFileSync(join(binDir, name), `#!/bin/sh\nexec "${process.execPath}" "${target}" "$@"\n`)
        chmodSync(join(binDir, name), 0o755)
      }
      state = join(box.home, '.example-env')
      writeFileSync(state, '')
    })
    afterAll(async () => {
      await box?.cleanup()
    })
    const env = () => ({
      ...box.env,
      PATH: `${binDir}:${process.env.PATH}`,
      NO_COLOR: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    })
    blocks.forEach((b, i) => {
      if (b.flag !== 'runnable') return
      const expected = blocks[i + 1]?.flag === 'output' ? blocks[i + 1]?.code : undefined
      it(`line ${b.line}${expected ? ' (output checked)' : ''}`, async () => {
        const code = b.code.replaceAll(READER_EMULATOR, box.emu.url)
        let stdout: string
        let stderr: string
        let status: number | null
        if (b.lang === 'ts') {
          const js = transformSync(code, { loader: 'ts', format: 'esm', target: 'node20' }).code
          const file = join(tsDir, `run_${b.page.replace(/[/.]/g, '_')}_${b.line}.mjs`)
          mkdirSync(tsDir, { recursive: true })
          writeFileSync(file, js)
          ;({ stdout, stderr, status } = await run(process.execPath, [file], docsRoot, env()))
        } else {
          const script = `set -euo pipefail\nset -a; . "${state}"; set +a\ncd "$HOME"\n${code}\nexport -p > "${state}.next"\n`
          ;({ stdout, stderr, status } = await run('bash', ['-c', script], box.home, env()))
          if (status === 0)
            writeFileSync(state, readFileSync(`${state}.next`, 'utf8').replace(/^declare -x /gm, 'export '))
        }
        expect(status, `${b.page}:${b.line} exited ${status}\n${stderr}`).toBe(0)
        if (expected !== undefined)
          expect(
            matchesOutput(stdout, expected),
            `${b.page}:${b.line} printed:\n${stdout}\nexpected:\n${expected}`,
          ).toBe(true)
      })
    })
  })
}

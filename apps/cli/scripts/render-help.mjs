// Part of `pnpm --filter aws-idc build` (after `oclif manifest`): renders, with the real oclif, the help
// that `aws-idc --help` and `aws-idc <command> --help` print for the root and every command of
// @idc/plugin-sso, @idc/plugin-creds and @idc/plugin-profiles, and writes it to dist/help/ so that
// bin/run.cjs (through bin/help.cjs) can print it without loading oclif. One file per variant:
// dist/help/<width>.json (no colours) and dist/help/<width>-color.json (bold headers, underlined
// flag values: what oclif prints on a colour terminal). Each holds the fingerprint of what the help
// was rendered from (bin/help.cjs `fingerprint()`: the versions of @oclif/core and every core plugin,
// and a hash of our plugins' manifests); bin/help.cjs serves a file only when it still matches.
//
// Every variant is one child process (oclif reads OCLIF_COLUMNS and the colour support once, when its
// modules load) that runs oclif's `execute` for each command line in turn, as bin/run.cjs does, with
// stdout captured, in an empty temporary HOME (no user plugins, no theme).
//
// `node scripts/render-help.mjs [outDir]` (default dist/help). test/fast-help.test.ts renders into a
// temporary directory and compares with dist/help, so stale prebuilt help fails the tests.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const help = require('../bin/help.cjs')

/** Terminal widths rendered: 80 is what oclif uses when stdout is not a terminal. */
export const WIDTHS = [80, 100, 120, 160]

/** Renders every variant into outDir (created; stale variant files removed). */
export async function renderHelp(outDir = join(root, 'dist', 'help')) {
  const fingerprint = help.fingerprint(root)
  if (!fingerprint) throw new Error('cannot fingerprint the installed oclif plugins')
  const variants = WIDTHS.flatMap((width) => [
    { width, color: false },
    { width, color: true },
  ])
  const texts = await Promise.all(variants.map(renderVariant))
  mkdirSync(outDir, { recursive: true })
  for (const name of readdirSync(outDir)) if (name.endsWith('.json')) rmSync(join(outDir, name))
  variants.forEach((v, i) => {
    writeFileSync(
      join(outDir, help.variantFile(v.width, v.color)),
      `${JSON.stringify({ fingerprint, width: v.width, color: v.color, ...texts[i] })}\n`,
    )
  })
  return { variants: variants.length, commands: Object.keys(texts[0].commands).length }
}

/** One child process: { root, commands: { id: text } } at this width and colour mode. */
function renderVariant({ width, color }) {
  const home = mkdtempSync(join(tmpdir(), 'aws-idc-render-help-'))
  const env = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(OCLIF_|AWS_|XDG_|FORCE_COLOR$|NO_COLOR$|DEBUG$|NODE_ENV$|NODE_OPTIONS$)/.test(k)) continue
    env[k] = v
  }
  Object.assign(env, {
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    OCLIF_COLUMNS: String(width),
    ...(color ? { FORCE_COLOR: '1' } : {}),
  })
  return new Promise((resolveVariant, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child'], {
      env,
      cwd: home,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d))
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d))
    child.on('error', reject)
    child.on('close', (status) => {
      rmSync(home, { recursive: true, force: true })
      if (status !== 0 || err) {
        reject(new Error(`rendering help at ${width} columns failed (${status}): ${err}`))
        return
      }
      const result = JSON.parse(out)
      const hasAnsi = out.includes('\\u001b[')
      if (hasAnsi !== color)
        reject(new Error(`help at ${width} columns: colours ${hasAnsi}, expected ${color}`))
      else resolveVariant(result)
    })
  })
}

/** In the child: oclif's execute for `--help` and `<command> --help`, stdout captured. */
async function child() {
  const bin = join(root, 'bin', 'run.cjs')
  const { Config, execute } = await import('@oclif/core')
  const config = await Config.load(bin)
  const ids = config.commands
    .filter((c) => help.OUR_PLUGINS.includes(c.pluginName) && !c.hidden)
    .map((c) => c.id)
    // bin/help.cjs serves `<id> --help` for one-word ids only; `sessions export --help` goes to oclif.
    .filter((id) => !id.includes(':'))
    .sort()
  const write = process.stdout.write
  // oclif's flush() leaves a 'drain' listener per run.
  process.stdout.setMaxListeners(0)
  const capture = async (args) => {
    let text = ''
    process.stdout.write = (chunk, encoding, cb) => {
      text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
      if (typeof encoding === 'function') encoding()
      else if (typeof cb === 'function') cb()
      return true
    }
    try {
      await execute({ args, dir: bin })
    } finally {
      process.stdout.write = write
    }
    if (process.exitCode) throw new Error(`aws-idc ${args.join(' ')} exited ${process.exitCode}`)
    return text
  }
  // The VERSION line is the only part of the root help that depends on the machine (platform, arch,
  // Node version, aws-idc version): bin/help.cjs fills it in.
  const rootText = await capture(['--help'])
  const line = `\n  ${config.userAgent}\n`
  if (rootText.split(line).length !== 2 || rootText.includes(help.USER_AGENT))
    throw new Error(`the root help does not show ${config.userAgent} once`)
  const commands = {}
  for (const id of ids) commands[id] = await capture([id, '--help'])
  process.stdout.write(JSON.stringify({ root: rootText.replace(line, `\n  ${help.USER_AGENT}\n`), commands }))
}

if (process.argv[2] === '--child') {
  await child()
} else if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2] ? resolve(process.argv[2]) : undefined
  const t0 = performance.now()
  const { variants, commands } = await renderHelp(outDir)
  console.log(
    `rendered the help of aws-idc and ${commands} commands at ${WIDTHS.join(', ')} columns (${variants} files) in ${((performance.now() - t0) / 1000).toFixed(1)}s`,
  )
}

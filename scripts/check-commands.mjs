// Part of every aws-idc plugin's `pnpm build` (after tsc, run in the plugin's directory): fails when a
// command file under src/commands has no entry in src/commands.ts, when an entry's id is not the one
// its file's path gives (what oclif's pattern discovery would have called it), or when an entry has no
// command file. oclif's explicit command discovery (and the aws-idc bundle) only know the commands
// listed in COMMANDS: a command file that is not listed would silently not exist.
//
// `node scripts/check-commands.mjs [pluginDir]` (default: the working directory).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const dir = resolve(process.argv[2] ?? process.cwd())
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
const discovery = pkg.oclif?.commands
const problems = []
let registered

if (discovery?.strategy !== 'explicit' || !discovery.target || !discovery.identifier)
  problems.push(
    'package.json `oclif.commands` must be { "strategy": "explicit", "target": "./dist/commands.js", "identifier": "COMMANDS" }',
  )

/** Command ids from src/commands/**: the path without extension, folders joined with `:` (index = the topic). */
function sourceCommands(root, sub = '') {
  const found = []
  const here = join(root, sub)
  if (!existsSync(here)) return found
  for (const entry of readdirSync(here, { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name
    if (entry.isDirectory()) found.push(...sourceCommands(root, rel))
    else if (/\.[cm]?tsx?$/.test(entry.name) && !/\.(d|test|spec|int\.test)\.[cm]?tsx?$/.test(entry.name)) {
      const parts = rel.replace(/\.[cm]?tsx?$/, '').split('/')
      if (parts.at(-1) === 'index') parts.pop()
      found.push({ id: parts.join(':'), source: rel, dist: rel.replace(/\.([cm]?)tsx?$/, '.$1js') })
    }
  }
  return found
}

if (problems.length === 0) {
  const target = join(dir, discovery.target)
  registered = (await import(pathToFileURL(target).href))[discovery.identifier]
  if (!registered || typeof registered !== 'object') {
    problems.push(`${relative(dir, target)} exports no \`${discovery.identifier}\` object`)
  } else {
    const files = sourceCommands(join(dir, 'src', 'commands'))
    for (const file of files) {
      const mod = await import(pathToFileURL(join(dir, 'dist', 'commands', ...file.dist.split('/'))).href)
      if (registered[file.id] === mod.default) continue
      const listedAs = Object.keys(registered).find((id) => registered[id] === mod.default)
      problems.push(
        listedAs === undefined
          ? `src/commands/${file.source} is not registered: add \`'${file.id}': <its class>,\` to COMMANDS in src/commands.ts (and its import)`
          : `src/commands/${file.source} is registered as '${listedAs}': its id is '${file.id}' (the file's path)`,
      )
    }
    for (const id of Object.keys(registered)) {
      if (!files.some((f) => f.id === id))
        problems.push(
          `COMMANDS['${id}'] in src/commands.ts has no file src/commands/${id.split(':').join('/')}.ts`,
        )
    }
  }
}

if (problems.length > 0) {
  console.error(`error: ${pkg.name}: the command registry (src/commands.ts) does not match src/commands:`)
  for (const p of problems) console.error(`  - ${p}`)
  console.error(`hint: Fix src/commands.ts, then run \`pnpm --filter ${pkg.name} build\` again.`)
  process.exit(1)
}
console.log(`${pkg.name}: every command file is registered in src/commands.ts`)

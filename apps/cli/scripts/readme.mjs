// pnpm --filter aws-idc readme: regenerate the command reference and the exit-code table in README.md.
import { writeFileSync } from 'node:fs'
import { currentReadme, expectedReadme, readmePath } from './readme-lib.mjs'

const next = await expectedReadme()
if (next !== currentReadme()) {
  writeFileSync(readmePath, next)
  console.log(`updated ${readmePath}`)
} else console.log('README.md is up to date')

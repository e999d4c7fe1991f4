// pnpm --filter aws-idc check:readme: fails when README.md is not what `pnpm readme` would write.
import { currentReadme, expectedReadme } from './readme-lib.mjs'

const expected = await expectedReadme()
const actual = currentReadme()
if (expected !== actual) {
  const a = actual.split('\n')
  const e = expected.split('\n')
  const i = e.findIndex((line, n) => line !== a[n])
  console.error(`README.md is out of date (first difference at line ${i + 1}):`)
  console.error(`  README.md: ${JSON.stringify(a[i])}`)
  console.error(`  expected:  ${JSON.stringify(e[i])}`)
  console.error('Run `pnpm --filter aws-idc readme` and commit the result.')
  process.exit(1)
}
console.log('README.md is up to date')

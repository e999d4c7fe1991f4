import { describe, expect, it } from 'vitest'
import * as startup from '../src/rows/startup.mjs'
import { byName, smoke } from './smoke.js'

describe('rows/startup', () => {
  it('times warm credential_process, chained, the other commands and the AWS CLI v2 against node -e 0', async () => {
    const rows = await smoke(startup)
    const base = byName(rows, 'node -e 0')
    expect(base).toMatchObject({ group: 'warm', unit: 'ms' })
    for (const name of [
      'credential-process --profile dev (warm)',
      'creds --profile dev --format env (warm)',
      'credential-process --profile dev-chained (warm, chained role)',
    ]) {
      const row = byName(rows, name)
      expect(row).toMatchObject({ group: 'warm', unit: 'ms', goal: { max: 1.5, of: 'ratio' } })
      expect(row.baseline).toEqual({ name: 'node -e 0', value: base.value })
      expect(row.ratio).toBeGreaterThan(0)
      // The warm runs served every call from the cache (no GetRoleCredentials while timing).
      expect(row.note).not.toMatch(/warning/)
    }
    for (const name of [
      'aws-idc --help',
      'accounts --profile dev (cold, warm token)',
      'console --profile dev --url',
    ])
      expect(byName(rows, name)).toMatchObject({ group: 'startup', unit: 'ms' })
    // Peak RSS when python3 can read the child's rusage (CI has it for botocore), with the 45 MB goal.
    const memory = rows.filter((r) => r.group === 'memory')
    for (const r of memory.filter((x) => x.name !== 'peak RSS: node -e 0'))
      expect(r).toMatchObject({ unit: 'MB', goal: { max: 45, of: 'value' } })
    // The AWS CLI v2 comparison: a timed row on the same cache, or one row saying why it was skipped.
    const aws = rows.filter((r) => r.group === 'aws-cli')
    expect(aws.length).toBeGreaterThan(0)
    for (const r of aws)
      if (r.skipped) expect(r.note).toMatch(/no AWS CLI v2/)
      else expect(r.name).toMatch(/^aws configure export-credentials --profile dev \(AWS CLI 2\./)
  })
})

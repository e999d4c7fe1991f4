// Finds an AWS CLI v2 for the comparison rows: `aws` on PATH first, then /usr/bin/aws (Debian's
// awscli package is v2; a pip-installed `aws` is often v1, which has no `export-credentials`).
import { existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { run } from './proc.mjs'

/** @returns {Promise<{ path: string, version: string } | { skipped: string }>} */
export async function findAwsCliV2(env) {
  const onPath = (env.PATH ?? '').split(delimiter).map((d) => join(d, 'aws'))
  const seen = []
  for (const path of [...onPath, '/usr/bin/aws', '/usr/local/bin/aws']) {
    if (!existsSync(path) || seen.some((s) => s.path === path)) continue
    const r = await run(path, ['--version'], { env, timeout: 30_000 }).catch(() => undefined)
    const version = /aws-cli\/(\S+)/.exec(`${r?.stdout ?? ''} ${r?.stderr ?? ''}`)?.[1]
    seen.push({ path, version })
    if (version?.startsWith('2.')) return { path, version }
  }
  const found = seen.map((s) => `${s.path} is ${s.version ? `v${s.version}` : 'not runnable'}`).join(', ')
  return { skipped: `no AWS CLI v2 found${found ? ` (${found})` : ' (no aws on PATH or in /usr/bin)'}` }
}

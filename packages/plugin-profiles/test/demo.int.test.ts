import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, runProcess } from './helpers.js'

const demo = join(repoRoot, 'scripts', 'demo.mjs')

/** The caller's environment without AWS settings and without a terminal, as in CI. */
function ciEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('AWS_')) env[k] = v
  return { ...env, CI: 'true', ...extra }
}

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/_emulator`, { signal: AbortSignal.timeout(2000) })
    return true
  } catch {
    return false
  }
}

describe('pnpm demo (scripts/demo.mjs, after the build)', () => {
  it('runs the real CLI against the emulator end to end, masks secrets and cleans up', async () => {
    const r = await runProcess(process.execPath, [demo], ciEnv())
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const out = r.stdout
    for (const step of [
      'configure --non-interactive',
      'login --profile demo --use-device-code',
      'accounts',
      'creds',
      'exec',
      'whoami',
    ]) {
      expect(out).toContain(`$ aws-idc ${step}`)
    }
    const code = /^ {2}signed in {9}device code ([A-Z0-9]{4}-[A-Z0-9]{4}), approved by the emulator$/m.exec(
      out,
    )?.[1]
    expect(code).toBeDefined()
    expect(out).toContain(`enter the code:\n  \n  ${code}`)
    expect(out).toMatch(/^ {2}accounts {10}3 \(dev, prod, staging\)$/m)
    expect(out).toMatch(
      /^ {2}credentials {7}ASIA\w+ for 111111111111\/ReadOnly, expire \S+ \(secrets masked\)$/m,
    )
    expect(out).toMatch(
      /^ {2}caller identity {3}arn:aws:sts::111111111111:assumed-role\/AWSReservedSSO_ReadOnly_\w+\/alice \(AWS SDK under aws-idc exec\)$/m,
    )
    expect(out).toMatch(/^ {2}whoami {12}arn:aws:sts::111111111111:\S+ \(the same\)$/m)
    expect(out).toMatch(/^ {2}demo OK in \d+\.\d s$/m)
    // Secrets only masked: 4 characters and the length.
    expect(out).toMatch(/AWS_SECRET_ACCESS_KEY=\S{4}…\(\d+ chars\)\n/)
    expect(out).toMatch(/AWS_SESSION_TOKEN=\S{4}…\(\d+ chars\)\n/)
    // The temporary HOME is gone and the emulator stopped.
    const home = /temporary HOME (\S+)/.exec(out)![1]!
    expect(existsSync(home)).toBe(false)
    expect(await reachable(/emulator on (\S+)/.exec(out)![1]!)).toBe(false)
  })

  it('a failing step: exit 1 with one line, and still cleans up', async () => {
    // Without PATH, `aws-idc exec -- node ...` cannot find node.
    const r = await runProcess(process.execPath, [demo], ciEnv({ PATH: '' }))
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/\ndemo failed: aws-idc exec exited with \d+\n$/)
    const home = /temporary HOME (\S+)/.exec(r.stdout)![1]!
    expect(existsSync(home)).toBe(false)
    expect(await reachable(/emulator on (\S+)/.exec(r.stdout)![1]!)).toBe(false)
  })
})

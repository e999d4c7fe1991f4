/**
 * The secret scan of the reliability suite, for every adapter's tests (the CLI here; the GitHub
 * Action's tests can import it as `@idc/reliability/secrets`): collect every secret value that
 * exists on disk after a run (SSO tokens, client secrets, role credentials, credentials-file keys)
 * and assert that none appears, exactly, in what a process printed.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

const SECRET_JSON_KEYS = ['accessToken', 'refreshToken', 'clientSecret', 'SecretAccessKey', 'SessionToken']
const SECRET_INI_KEYS = ['aws_secret_access_key', 'aws_session_token']

/** Every secret value found under `home` (.aws/sso/cache, .aws/cli/cache, .aws/credentials) plus `extra`. */
export async function collectSecrets(home: string, extra: Iterable<string> = []): Promise<Set<string>> {
  const out = new Set<string>([...extra].filter((s) => s.length >= 8))
  for (const dir of [join(home, '.aws', 'sso', 'cache'), join(home, '.aws', 'cli', 'cache')]) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (!name.endsWith('.json')) continue
      const text = await readFile(join(dir, name), 'utf8').catch(() => '')
      let data: unknown
      try {
        data = JSON.parse(text)
      } catch {
        continue
      }
      walk(data, (key, value) => {
        if (SECRET_JSON_KEYS.includes(key) && value.length >= 8) out.add(value)
      })
    }
  }
  const credentials = await readFile(join(home, '.aws', 'credentials'), 'utf8').catch(() => '')
  for (const line of credentials.split(/\r?\n/)) {
    const m = /^\s*([a-z_]+)\s*=\s*(.+?)\s*$/.exec(line)
    if (m && SECRET_INI_KEYS.includes(m[1]!) && m[2]!.length >= 8) out.add(m[2]!)
  }
  return out
}

function walk(value: unknown, visit: (key: string, value: string) => void): void {
  if (!value || typeof value !== 'object') return
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') visit(k, v)
    else walk(v, visit)
  }
}

/** The secrets (shortened for the message) that appear in `text`; empty when it is clean. */
export function leakedSecrets(text: string, secrets: Iterable<string>): string[] {
  return [...secrets].filter((s) => text.includes(s)).map((s) => `${s.slice(0, 6)}...(${s.length} chars)`)
}

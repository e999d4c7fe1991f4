/**
 * Secrets seen by this process (access tokens, role credentials). Everything the kit writes to a
 * terminal passes through `redact`, so a secret that leaked into an error message or a cause chain
 * is replaced before it reaches the screen.
 */
const secrets = new Set<string>()

/** Environment variables whose values are secrets. */
const SECRET_ENV = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'] as const

export function rememberSecrets(...values: (string | undefined | null)[]): void {
  for (const v of values) if (v && v.length >= 8) secrets.add(v)
}

/** The secrets known so far, including those in `env`. */
export function knownSecrets(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const out = [...secrets]
  for (const key of SECRET_ENV) {
    const v = env[key]
    if (v && v.length >= 8) out.push(v)
  }
  return out
}

/** For tests. */
export function forgetSecrets(): void {
  secrets.clear()
}

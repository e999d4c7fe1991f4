import { homedir } from 'node:os'
import { join, sep } from 'node:path'

/** The environment variables home resolution looks at; a plain object so tests pass their own. */
export type HomeEnv = Readonly<Record<string, string | undefined>>

/**
 * The home directory exactly as the JS SDK v3 resolves it (`@smithy/shared-ini-file-loader`
 * getHomeDir): `HOME`, then `USERPROFILE`, then `HOMEDRIVE` + `HOMEPATH` (drive defaulting to
 * `C:\`), then `os.homedir()`. Using the same order means we pick the same `~/.aws` as the SDK
 * when the variables disagree (e.g. Git Bash on Windows sets HOME but not USERPROFILE's value).
 * botocore only looks at HOME and then the password database, which agrees on POSIX.
 */
export function resolveHomeDir(env: HomeEnv = process.env, fallback: () => string = homedir): string {
  if (env.HOME) return env.HOME
  if (env.USERPROFILE) return env.USERPROFILE
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? `C:${sep}`}${env.HOMEPATH}`
  return fallback()
}

/** `<home>/.aws/sso/cache`: SSO access tokens and client registrations (no env override exists). */
export function ssoCacheDir(home: string): string {
  return join(home, '.aws', 'sso', 'cache')
}

/** `<home>/.aws/cli/cache`: the AWS CLI v2 role-credential cache. */
export function cliCacheDir(home: string): string {
  return join(home, '.aws', 'cli', 'cache')
}

import { IdcError } from '../errors.js'
import type { ConfigSection } from './config-section.js'
import type { Env } from './types.js'

/**
 * Network timeouts for every call to IAM Identity Center (OIDC, portal, STS). Each value is
 * undefined when not set at that level; `0` means "no timeout", as in the AWS CLI.
 */
export interface NetworkTimeouts {
  /** How long to wait for a TCP/TLS connection (AWS config `cli_connect_timeout`). */
  connectTimeoutMs?: number | undefined
  /** How long a request may wait for (the next bytes of) its response (`cli_read_timeout`). */
  readTimeoutMs?: number | undefined
}

/** Defaults where nothing is set: short next to the AWS CLI's 60 s, since the calls are small and
 * `credential_process` stands in front of every AWS call. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000
export const DEFAULT_READ_TIMEOUT_MS = 15_000

export const TIMEOUT_ENV = {
  connectTimeoutMs: 'AWS_IDC_CLI_CONNECT_TIMEOUT',
  readTimeoutMs: 'AWS_IDC_CLI_READ_TIMEOUT',
} as const

const CONFIG_KEY = {
  connectTimeoutMs: 'cli_connect_timeout',
  readTimeoutMs: 'cli_read_timeout',
} as const

/**
 * The timeouts from the environment (AWS_IDC_CLI_CONNECT_TIMEOUT / AWS_IDC_CLI_READ_TIMEOUT, in
 * seconds) over the active profile's `cli_connect_timeout` / `cli_read_timeout` (seconds, as the
 * AWS CLI reads them). A value that is not a non-negative number is an error naming where it is.
 */
export function resolveTimeouts(profile: ConfigSection | undefined, env: Env): NetworkTimeouts {
  const out: NetworkTimeouts = {}
  for (const field of ['connectTimeoutMs', 'readTimeoutMs'] as const) {
    const fromEnv = env[TIMEOUT_ENV[field]]
    if (fromEnv !== undefined && fromEnv !== '') {
      out[field] = parseSeconds(fromEnv, `the environment variable ${TIMEOUT_ENV[field]}`, 'invalid-argument')
      continue
    }
    // Where the two tools read the key differently, neither value is used.
    const setting = profile?.peekSetting(CONFIG_KEY[field])
    if (setting) {
      out[field] = parseSeconds(
        setting.value,
        `${CONFIG_KEY[field]} in ${setting.section} of ${setting.file} (line ${setting.line})`,
        'config-invalid',
      )
    }
  }
  return out
}

/** Seconds as text (`5`, `2.5`) to milliseconds. */
export function parseSeconds(
  text: string,
  where: string,
  code: 'invalid-argument' | 'config-invalid' = 'invalid-argument',
): number {
  const value = Number(text.trim())
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new IdcError(code, `${where} must be a number of seconds (0 or more), not "${text}".`, {
      hint: `Give a number of seconds, e.g. 10 (0 waits without limit), for ${where}.`,
      details: { value: text },
    })
  }
  return Math.round(value * 1000)
}

/** Each field from the first level that sets it, else the default. */
export function effectiveTimeouts(...levels: Array<NetworkTimeouts | undefined>): Required<NetworkTimeouts> {
  const pick = (field: keyof NetworkTimeouts, fallback: number) =>
    levels.find((l) => l?.[field] !== undefined)?.[field] ?? fallback
  return {
    connectTimeoutMs: pick('connectTimeoutMs', DEFAULT_CONNECT_TIMEOUT_MS),
    readTimeoutMs: pick('readTimeoutMs', DEFAULT_READ_TIMEOUT_MS),
  }
}

/**
 * The overall budget of one call across its retries: time to connect and read twice (a first
 * attempt that times out plus one retry that may succeed). Unbounded only when a timeout is 0.
 */
export function callBudgetMs(t: Required<NetworkTimeouts>): number | undefined {
  if (t.connectTimeoutMs === 0 || t.readTimeoutMs === 0) return undefined
  return 2 * (t.connectTimeoutMs + t.readTimeoutMs)
}

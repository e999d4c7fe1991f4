import { join } from 'node:path'
import { writeFileAtomic } from './atomic-write.js'
import { sha1Hex } from './hash.js'
import { readJsonObject } from './json-file.js'
import { ssoCacheDir } from './paths.js'
import { pythonJsonDumps } from './python-json.js'
import { formatTimestamp, tryParseTimestamp } from './timestamps.js'
import { msUntil, REFRESH_WINDOW_MS } from './windows.js'

/** How the user signs in; the AWS CLI keeps one registration for both and checks its grant types. */
export type SignInFlow = 'device' | 'auth-code'

/** What identifies a client registration in the AWS CLI's cache (docs/reference.md#registration-cache). */
export interface RegistrationKey {
  /** The start URL as configured (not a resolved vanity URL). */
  startUrl: string
  /** `sso_region`. */
  region: string
  /** The parsed `sso_registration_scopes`; null when the key is absent, `[]` when empty. */
  scopes: readonly string[] | null
  /** The sso-session name; null for a legacy profile. */
  sessionName: string | null
  /** `botocore` shares the registration with the AWS CLI; any other value keeps a private one. */
  tool?: string
}

/** A cached OIDC client registration. */
export interface ClientRegistration {
  clientId: string
  clientSecret: string
  /** From RegisterClient's `clientSecretExpiresAt`. */
  expiresAt: Date
  scopes?: string[] | undefined
  grantTypes?: string[] | undefined
}

/** The scope the AWS CLI registers with for the auth-code flow when none are configured. */
export const DEFAULT_AUTH_CODE_SCOPES: readonly string[] = ['sso:account:access']
export const AUTH_CODE_GRANT_TYPES: readonly string[] = ['authorization_code', 'refresh_token']

/**
 * The canonical text whose SHA-1 names the registration file: Python's
 * `json.dumps({...}, sort_keys=True)` of the five keys, byte for byte.
 */
export function registrationKeyText(key: RegistrationKey): string {
  return pythonJsonDumps(
    {
      tool: key.tool ?? 'botocore',
      startUrl: key.startUrl,
      region: key.region,
      scopes: key.scopes,
      session_name: key.sessionName,
    },
    { sortKeys: true },
  )
}

export function registrationFileName(key: RegistrationKey): string {
  return `${sha1Hex(registrationKeyText(key))}.json`
}

export function registrationFilePath(home: string, key: RegistrationKey): string {
  return join(ssoCacheDir(home), registrationFileName(key))
}

/**
 * The registration to cache after RegisterClient, shaped as the AWS CLI stores it for each flow:
 * device → scopes only when configured and non-empty; auth-code → scopes (defaulting to
 * `sso:account:access`, what it registered with) and `grantTypes`, which is how the CLI later tells
 * the two kinds apart.
 */
export function registrationForFlow(
  flow: SignInFlow,
  response: { clientId: string; clientSecret: string; expiresAt: Date },
  configuredScopes: readonly string[] | null,
): ClientRegistration {
  const base = {
    clientId: response.clientId,
    clientSecret: response.clientSecret,
    expiresAt: response.expiresAt,
  }
  if (flow === 'device') {
    return configuredScopes?.length ? { ...base, scopes: [...configuredScopes] } : base
  }
  const scopes = configuredScopes?.length ? configuredScopes : DEFAULT_AUTH_CODE_SCOPES
  return { ...base, scopes: [...scopes], grantTypes: [...AUTH_CODE_GRANT_TYPES] }
}

/** One line, Python default separators, keys in the CLI's order, optional keys only when set. */
export function registrationFileContents(registration: ClientRegistration): string {
  const out: Record<string, string | string[]> = {
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    expiresAt: formatTimestamp(registration.expiresAt),
  }
  if (registration.scopes) out.scopes = registration.scopes
  if (registration.grantTypes) out.grantTypes = registration.grantTypes
  return pythonJsonDumps(out)
}

/**
 * The cached registration, or undefined when there is none or it cannot be used. A damaged file
 * is never an error: registering again is always possible and the CLI does the same.
 */
export async function readRegistration(path: string): Promise<ClientRegistration | undefined> {
  const file = await readJsonObject(path)
  if (file.status !== 'ok') return undefined
  const { clientId, clientSecret, expiresAt, scopes, grantTypes } = file.data
  if (typeof clientId !== 'string' || !clientId || typeof clientSecret !== 'string' || !clientSecret) {
    return undefined
  }
  const expiry = tryParseTimestamp(expiresAt, { field: 'expiresAt', file: path })
  if (!expiry) return undefined
  return {
    clientId,
    clientSecret,
    expiresAt: expiry,
    scopes: stringList(scopes),
    grantTypes: stringList(grantTypes),
  }
}

export async function writeRegistration(path: string, registration: ClientRegistration): Promise<void> {
  await writeFileAtomic(path, registrationFileContents(registration))
}

/**
 * The AWS CLI (≥ 2.22) reuse rule: at least 15 minutes left, and a registration made for the other
 * flow is not reused (auth-code needs `authorization_code` in grantTypes; device needs it absent).
 */
export function isRegistrationReusable(
  registration: ClientRegistration,
  flow: SignInFlow,
  now: Date,
): boolean {
  if (msUntil(registration.expiresAt, now) < REFRESH_WINDOW_MS) return false
  const authCodeCapable = registration.grantTypes?.includes('authorization_code') ?? false
  return flow === 'auth-code' ? authCodeCapable : !authCodeCapable
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined
}

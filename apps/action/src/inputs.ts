import * as actions from '@actions/core'
import { IdcError } from '@idc/core'

/** How the step gets an SSO access token: exactly one per run. */
export type TokenSource =
  | { mode: 'refresh-token'; refreshToken: string; clientId: string; clientSecret: string }
  | { mode: 'access-token'; accessToken: string }
  | { mode: 'profile' }
  | { mode: 'device-code'; timeoutMs: number }

export interface Inputs {
  source: TokenSource
  /** The runner's AWS config profile that names the target (and, in profile mode, the token). */
  profile?: string | undefined
  startUrl?: string | undefined
  ssoRegion?: string | undefined
  accountId?: string | undefined
  roleName?: string | undefined
  awsRegion?: string | undefined
  exportEnv: boolean
  profileName?: string | undefined
  outputCredentials: boolean
  maskAccountId: boolean
}

/** Inputs that hold secrets: masked before anything else is printed. */
export const SECRET_INPUTS = ['refresh-token', 'client-id', 'client-secret', 'access-token'] as const

/** The device code itself lives 10 minutes; a longer wait could never succeed. */
const MAX_TIMEOUT_S = 600

function input(name: string): string | undefined {
  return actions.getInput(name) || undefined
}

function bool(name: string, fallback: boolean): boolean {
  const value = input(name)
  if (value === undefined) return fallback
  if (/^(true|True|TRUE)$/.test(value)) return true
  if (/^(false|False|FALSE)$/.test(value)) return false
  throw inputError(
    `Input ${name} must be true or false, not ${JSON.stringify(value)}.`,
    `Set \`${name}: true\` or \`${name}: false\`.`,
  )
}

function inputError(message: string, hint: string): IdcError {
  return new IdcError('invalid-argument', message, { hint })
}

/** Masks every secret input; runs first, before any other line is written to the log. */
export function maskSecretInputs(): void {
  for (const name of SECRET_INPUTS) {
    const value = input(name)
    if (value) actions.setSecret(value)
  }
}

/** Reads and checks the inputs; every mistake is one IdcError saying which inputs to set. */
export function readInputs(): Inputs {
  const refreshToken = input('refresh-token')
  const clientId = input('client-id')
  const clientSecret = input('client-secret')
  const accessToken = input('access-token')
  const deviceCode = bool('device-code', false)
  const profile = input('profile')
  const startUrl = input('start-url')
  const ssoRegion = input('sso-region')

  const refreshParts = { 'refresh-token': refreshToken, 'client-id': clientId, 'client-secret': clientSecret }
  const givenRefresh = Object.entries(refreshParts).filter(([, v]) => v !== undefined)
  if (givenRefresh.length > 0 && givenRefresh.length < 3) {
    const missing = Object.entries(refreshParts)
      .filter(([, v]) => v === undefined)
      .map(([k]) => k)
    throw inputError(
      `Input ${missing.join(' and ')} is missing: refresh-token, client-id and client-secret go together.`,
      'Set all three from the secrets `aws-idc sessions export --for github` printed.',
    )
  }
  const sources = [
    givenRefresh.length === 3 ? 'refresh-token' : undefined,
    accessToken !== undefined ? 'access-token' : undefined,
    deviceCode ? 'device-code' : undefined,
  ].filter((s): s is string => s !== undefined)
  if (sources.length > 1) {
    throw inputError(
      `Inputs ${sources.join(' and ')} conflict: give exactly one way to get a token.`,
      'Keep one of refresh-token (+ client-id, client-secret), access-token, device-code, or profile alone.',
    )
  }
  if (sources.length === 0 && profile === undefined) {
    throw inputError(
      'No way to get a token: set refresh-token + client-id + client-secret, access-token, device-code: true, or profile.',
      'See the "Modes" section of the action README for a workflow to copy.',
    )
  }
  if (profile !== undefined && (startUrl !== undefined || ssoRegion !== undefined)) {
    throw inputError(
      'Inputs profile and start-url/sso-region conflict: the profile already names the start URL and region.',
      'Remove start-url and sso-region, or remove profile.',
    )
  }
  if (profile === undefined) {
    const missing = ['start-url', 'sso-region', 'account-id', 'role-name'].filter(
      (n) => input(n) === undefined,
    )
    if (missing.length > 0) {
      throw inputError(
        `Input ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`,
        "Set start-url, sso-region, account-id and role-name (or profile to read them from the runner's AWS config).",
      )
    }
  }

  let source: TokenSource
  if (sources[0] === 'refresh-token') {
    source = {
      mode: 'refresh-token',
      refreshToken: refreshToken!,
      clientId: clientId!,
      clientSecret: clientSecret!,
    }
  } else if (sources[0] === 'access-token') {
    source = { mode: 'access-token', accessToken: accessToken! }
  } else if (sources[0] === 'device-code') {
    source = { mode: 'device-code', timeoutMs: timeoutSeconds() * 1000 }
  } else {
    source = { mode: 'profile' }
  }
  if (input('timeout') !== undefined && source.mode !== 'device-code') {
    throw inputError(
      'Input timeout applies to device-code only.',
      'Remove timeout, or set device-code: true.',
    )
  }
  return {
    source,
    profile,
    startUrl,
    ssoRegion,
    accountId: input('account-id'),
    roleName: input('role-name'),
    awsRegion: input('aws-region'),
    exportEnv: bool('export-env', true),
    profileName: input('profile-name'),
    outputCredentials: bool('output-credentials', false),
    maskAccountId: bool('mask-account-id', false),
  }
}

function timeoutSeconds(): number {
  const value = input('timeout') ?? '300'
  const seconds = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!(seconds >= 1 && seconds <= MAX_TIMEOUT_S)) {
    throw inputError(
      `Input timeout must be a whole number of seconds from 1 to ${MAX_TIMEOUT_S}, not ${JSON.stringify(value)}.`,
      'Set for example `timeout: 300`.',
    )
  }
  return seconds
}

import { createHash, randomBytes } from 'node:crypto'
import { SSOClient } from '@aws-sdk/client-sso'
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc'
import { DEVICE_CODE_GRANT, type EmulatorOptions, type RunningEmulator, startEmulator } from '../src/index.js'

export { DEVICE_CODE_GRANT }

/** Start an emulator for one test file; device sign-ins succeed on the first poll unless told otherwise. */
export async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ autoApprove: true, autoApproveAfterPolls: 0, ...options })
}

export function clients(emu: RunningEmulator, extra: { maxAttempts?: number } = {}) {
  const config = { region: emu.region, endpoint: emu.url, ...extra }
  return { oidc: new SSOOIDCClient(config), sso: new SSOClient(config) }
}

/** `scopes: null` registers like a legacy device-flow CLI (no scopes, so no refresh token). */
export async function register(oidc: SSOOIDCClient, scopes: string[] | null = ['sso:account:access']) {
  const r = await oidc.send(
    new RegisterClientCommand({ clientName: 'test', clientType: 'public', ...(scopes ? { scopes } : {}) }),
  )
  return { clientId: r.clientId!, clientSecret: r.clientSecret! }
}

export async function startDevice(
  emu: RunningEmulator,
  oidc: SSOOIDCClient,
  reg: { clientId: string; clientSecret: string },
) {
  return oidc.send(new StartDeviceAuthorizationCommand({ ...reg, startUrl: emu.startUrl }))
}

export function pollDevice(
  oidc: SSOOIDCClient,
  reg: { clientId: string; clientSecret: string },
  deviceCode: string,
) {
  return oidc.send(new CreateTokenCommand({ ...reg, grantType: DEVICE_CODE_GRANT, deviceCode }))
}

/** A full device-code sign-in (the emulator must be auto-approving on the first poll). */
export async function signIn(emu: RunningEmulator, oidc: SSOOIDCClient, scopes?: string[] | null) {
  const reg = await register(oidc, scopes)
  const device = await startDevice(emu, oidc, reg)
  const token = await pollDevice(oidc, reg, device.deviceCode!)
  return {
    reg,
    token: { accessToken: token.accessToken!, refreshToken: token.refreshToken, expiresIn: token.expiresIn! },
  }
}

/** What the AWS CLI does for PKCE (§2.4): a 64-char verifier and its S256 challenge. */
export function pkcePair() {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~'
  const bytes = randomBytes(64)
  const verifier = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')
  const challenge = createHash('sha256').update(verifier).digest('base64url')
  return { verifier, challenge }
}

/** Everything a thrown SDK error tells us, for compact assertions. */
export async function failure(promise: Promise<unknown>) {
  try {
    await promise
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number; attempts?: number }; error?: string }
    return {
      name: e.name,
      status: e.$metadata?.httpStatusCode,
      attempts: e.$metadata?.attempts,
      message: e.message,
      error: e.error,
      raw: e,
    }
  }
  throw new Error('expected the call to fail, but it succeeded')
}

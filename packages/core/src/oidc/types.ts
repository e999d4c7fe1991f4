import type { ClientRegistration, SignInFlow } from '../cache/registration-cache.js'

export type { ClientRegistration, SignInFlow }

/** A successful CreateToken response, stamped with the local time it arrived (expiresAt = receivedAt + expiresIn). */
export interface TokenGrant {
  accessToken: string
  expiresIn: number
  refreshToken?: string | undefined
  receivedAt: Date
}

/** What the user must see to approve a device-code sign-in. */
export interface DeviceVerification {
  verificationUri: string
  verificationUriComplete: string
  userCode: string
  expiresAt: Date
}

/** Emitted while waiting, so a UI can show time left. */
export interface WaitProgress {
  attempt: number
  remainingMs: number
  intervalMs: number
}

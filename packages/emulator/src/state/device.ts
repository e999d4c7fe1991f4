import * as ids from '../ids.js'
import { OidcError } from '../wire/oidc-errors.js'
import { type RegisteredClient, requireDeviceGrant } from './clients.js'
import { ApprovalArea, decidable, type Grant } from './shared.js'

export interface DeviceAuthorization {
  deviceCode: string
  userCode: string
  clientId: string
  scopes: string[]
  createdAt: number
  expiresAt: number
  intervalSeconds: number
  /** Emulator-clock time of the last CreateToken poll, for slow_down. */
  lastPollAt?: number
  /** Polls answered with authorization_pending so far. */
  pendingPolls: number
  status: 'pending' | 'approved' | 'denied' | 'redeemed'
  userName?: string
}

/** The device-code flow: StartDeviceAuthorization, the verification page's decisions, CreateToken polls. */
export class DeviceFlow extends ApprovalArea {
  readonly byDeviceCode = new Map<string, DeviceAuthorization>()
  readonly #byUserCode = new Map<string, DeviceAuthorization>()

  start(client: RegisteredClient, startUrl: string): DeviceAuthorization {
    requireDeviceGrant(client)
    if (stripSlash(startUrl) !== stripSlash(this.env.fixture.startUrl)) {
      throw new OidcError('InvalidRequestException', `Invalid start URL: ${startUrl}`)
    }
    const now = this.env.clock.now()
    let userCode = ids.userCode()
    while (this.#byUserCode.has(userCode)) userCode = ids.userCode()
    const device: DeviceAuthorization = {
      deviceCode: ids.opaque('dc-', 48),
      userCode,
      clientId: client.clientId,
      scopes: client.scopes,
      createdAt: now,
      expiresAt: now + this.env.fixture.lifetimes.deviceCodeSeconds * 1000,
      intervalSeconds: this.env.fixture.pollingIntervalSeconds,
      pendingPolls: 0,
      status: 'pending',
    }
    this.byDeviceCode.set(device.deviceCode, device)
    this.#byUserCode.set(userCode, device)
    return device
  }

  /** Device authorizations still waiting for a decision (for pages and controls). */
  pending(): DeviceAuthorization[] {
    const now = this.env.clock.now()
    return [...this.byDeviceCode.values()].filter((d) => d.status === 'pending' && now < d.expiresAt)
  }

  byUserCode(userCode: string): DeviceAuthorization | undefined {
    return this.#byUserCode.get(normalizeUserCode(userCode))
  }

  #decidable(userCode: string): DeviceAuthorization {
    return decidable(
      this.env.clock,
      this.byUserCode(userCode),
      `code ${userCode}`,
      `no device authorization with code ${userCode}`,
    )
  }

  /** The user approved the device code on the verification page (the user is checked by the caller). */
  approve(userCode: string, userName: string): DeviceAuthorization {
    const device = this.#decidable(userCode)
    device.status = 'approved'
    device.userName = userName
    return device
  }

  deny(userCode: string): DeviceAuthorization {
    const device = this.#decidable(userCode)
    device.status = 'denied'
    return device
  }

  /** CreateToken with the device-code grant: pending, slow_down, denied, expired, or the approved grant. */
  redeem(client: RegisteredClient, deviceCode: string | undefined): Grant {
    if (!deviceCode)
      throw new OidcError('InvalidRequestException', 'deviceCode is required for this grant type')
    const device = this.byDeviceCode.get(deviceCode)
    if (!device || device.clientId !== client.clientId || device.status === 'redeemed') {
      throw new OidcError('InvalidGrantException', 'Invalid device code provided')
    }
    const now = this.env.clock.now()
    if (now >= device.expiresAt) throw new OidcError('ExpiredTokenException', 'Device code has expired')
    const last = device.lastPollAt
    device.lastPollAt = now
    if (last !== undefined && now - last < device.intervalSeconds * 1000) {
      throw new OidcError('SlowDownException', 'Client is polling too quickly')
    }
    const { autoApprove, autoApproveUser, autoApproveAfterPolls } = this.approval
    if (device.status === 'pending' && autoApprove !== false) {
      if (device.pendingPolls >= autoApproveAfterPolls) {
        if (autoApprove === 'deny') device.status = 'denied'
        else {
          device.status = 'approved'
          device.userName = autoApproveUser
        }
      }
    }
    if (device.status === 'denied')
      throw new OidcError('AccessDeniedException', 'The user denied the authorization')
    if (device.status === 'pending') {
      device.pendingPolls++
      throw new OidcError('AuthorizationPendingException', 'Authorization is still pending')
    }
    device.status = 'redeemed'
    return { userName: device.userName!, scopes: device.scopes }
  }
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '')
}

function normalizeUserCode(code: string): string {
  const compact = code.toUpperCase().replace(/[^A-Z0-9]/g, '')
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : code.toUpperCase()
}

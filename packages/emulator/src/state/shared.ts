import { timingSafeEqual } from 'node:crypto'
import type { Clock } from '../clock.js'
import type { Fixture } from '../fixture.js'

/** What every area of the state reads: the fixture (lifetimes, users, accounts) and the emulator clock. */
export interface StateEnv {
  readonly fixture: Fixture
  readonly clock: Clock
}

/**
 * `true`: approve device codes and /authorize requests as `autoApproveUser`;
 * `'deny'`: deny them; `false`: leave them pending until someone decides (pages or controls).
 */
export type AutoApprove = boolean | 'deny'

/** The auto-approval switches, changed at run time by the controls. */
export interface ApprovalSettings {
  autoApprove: AutoApprove
  autoApproveUser: string
  autoApproveAfterPolls: number
}

/** An area that auto-approval acts on (device codes, /authorize requests). */
export abstract class ApprovalArea {
  constructor(
    readonly env: StateEnv,
    readonly approval: ApprovalSettings,
  ) {}
}

/** Thrown by the decision methods the pages call (unknown code, expired, already decided). */
export class DecisionError extends Error {
  override name = 'DecisionError'
  constructor(
    readonly code: 'not_found' | 'expired' | 'already_decided' | 'unknown_user',
    message: string,
  ) {
    super(message)
  }
}

/** Who signed in and with which scopes: what a redeemed device code or authorization code yields. */
export interface Grant {
  userName: string
  scopes: string[]
}

/** Constant-time string comparison for secrets. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The pending item a decision (approve/deny) applies to, or the DecisionError saying why not. */
export function decidable<T extends { status: string; expiresAt: number }>(
  clock: Clock,
  item: T | undefined,
  label: string,
  notFound: string,
): T {
  if (!item) throw new DecisionError('not_found', notFound)
  if (clock.now() >= item.expiresAt) throw new DecisionError('expired', `${label} has expired`)
  if (item.status !== 'pending') {
    throw new DecisionError('already_decided', `${label} is already ${item.status}`)
  }
  return item
}

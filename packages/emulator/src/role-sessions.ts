/**
 * Every role session the emulator issued, as STS sees it: the permission-set role credentials of
 * GetRoleCredentials and the sessions of AssumeRole (which may themselves assume further roles).
 * Kept apart from the sign-in state: STS and the federation endpoint are the only readers.
 */

import * as ids from './ids.js'
import { roleId, roleSuffix } from './ids.js'
import type { EmulatorState, IssuedRoleCredentials } from './state.js'

export interface RoleSession {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  /** Epoch ms. */
  expiration: number
  accountId: string
  userName: string
  /** 'sso': a permission-set role (GetRoleCredentials); 'assumed': an AssumeRole session. */
  kind: 'sso' | 'assumed'
  /** The permission-set name or the IAM role name. */
  roleName: string
  /** The IAM role: `arn:aws:iam::<account>:role/...`. */
  roleArn: string
  sessionName: string
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>`, as GetCallerIdentity reports it. */
  arn: string
  /** `AROA…:<session>`. */
  userId: string
}

/** A console sign-in token of the federation endpoint (single use, 15 minutes). */
export interface SigninToken {
  session: RoleSession
  expiresAt: number
  used: boolean
  /** The console session's end (epoch ms). */
  consoleExpiresAt: number
}

export const SIGNIN_TOKEN_SECONDS = 15 * 60

/** A console sign-in made with a sign-in token: what the emulator's console page shows. */
export interface ConsoleSession {
  session: RoleSession
  issuer: string
  expiresAt: number
}

export function partitionOf(accountRegionOrArn: string): string {
  return /^arn:([\w-]+):/.exec(accountRegionOrArn)?.[1] ?? 'aws'
}

export class RoleSessions {
  readonly assumed = new Map<string, RoleSession>()
  readonly signinTokens = new Map<string, SigninToken>()
  readonly consoleSessions = new Map<string, ConsoleSession>()

  constructor(private readonly state: EmulatorState) {}

  /** The session an access key id belongs to (either kind), or undefined. */
  find(accessKeyId: string): RoleSession | undefined {
    const assumed = this.assumed.get(accessKeyId)
    if (assumed) return assumed
    const sso = this.state.roleCredentials.get(accessKeyId)
    return sso ? fromPermissionSet(sso) : undefined
  }

  /** A single-use console sign-in token for a role session (getSigninToken, or the portal's shortcut). */
  issueSigninToken(session: RoleSession, now: number, sessionDurationSeconds?: number): string {
    const token = ids.opaque('signin-', 48)
    const consoleEnd =
      sessionDurationSeconds === undefined ? session.expiration : now + sessionDurationSeconds * 1000
    this.signinTokens.set(token, {
      session,
      expiresAt: now + SIGNIN_TOKEN_SECONDS * 1000,
      used: false,
      consoleExpiresAt: consoleEnd,
    })
    return token
  }

  issueAssumed(input: {
    source: RoleSession
    roleArn: string
    sessionName: string
    expiration: number
  }): RoleSession {
    const m = /^arn:[\w-]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(input.roleArn)!
    const accountId = m[1]!
    const roleName = m[2]!
    const partition = partitionOf(input.roleArn)
    const session: RoleSession = {
      accessKeyId: ids.accessKeyId(),
      secretAccessKey: ids.secretAccessKey(),
      sessionToken: ids.sessionToken(),
      expiration: input.expiration,
      accountId,
      userName: input.source.userName,
      kind: 'assumed',
      roleName,
      roleArn: input.roleArn,
      sessionName: input.sessionName,
      arn: `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${input.sessionName}`,
      userId: `${roleId(accountId, input.roleArn)}:${input.sessionName}`,
    }
    this.assumed.set(session.accessKeyId, session)
    return session
  }
}

function fromPermissionSet(c: IssuedRoleCredentials): RoleSession {
  const reserved = `AWSReservedSSO_${c.roleName}_${roleSuffix(c.accountId, c.roleName)}`
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: c.expiration,
    accountId: c.accountId,
    userName: c.userName,
    kind: 'sso',
    roleName: c.roleName,
    roleArn: `arn:aws:iam::${c.accountId}:role/aws-reserved/sso.amazonaws.com/${reserved}`,
    sessionName: c.userName,
    arn: `arn:aws:sts::${c.accountId}:assumed-role/${reserved}/${c.userName}`,
    userId: `${roleId(c.accountId, c.roleName)}:${c.userName}`,
  }
}

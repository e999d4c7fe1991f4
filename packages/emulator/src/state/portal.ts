import type { FixtureAccount } from '../fixture.js'
import * as ids from '../ids.js'
import { FORBIDDEN_MESSAGE, PortalError } from '../wire/portal-errors.js'
import type { StateEnv } from './shared.js'
import type { Users } from './users.js'

export interface IssuedRoleCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  /** Epoch ms, whole seconds. */
  expiration: number
  accountId: string
  roleName: string
  userName: string
}

/** The portal's view of the fixture (accounts and roles per user) and the role credentials it issued. */
export class Portal {
  /** Issued credentials by access key id, for STS to verify signatures against. */
  readonly roleCredentials = new Map<string, IssuedRoleCredentials>()
  readonly #accounts: Map<string, FixtureAccount>

  constructor(
    readonly env: StateEnv,
    readonly users: Users,
  ) {
    this.#accounts = new Map(env.fixture.accounts.map((a) => [a.id, a]))
  }

  /** Accounts where the user holds at least one role, in fixture order. */
  accountsFor(userName: string): FixtureAccount[] {
    const roles = this.users.require(userName).roles
    return this.env.fixture.accounts.filter((a) => (roles[a.id]?.length ?? 0) > 0)
  }

  rolesFor(userName: string, accountId: string): string[] {
    return this.users.require(userName).roles[accountId] ?? []
  }

  account(accountId: string): FixtureAccount | undefined {
    return this.#accounts.get(accountId)
  }

  /** Issue role credentials for a user (portal API, and the portal page's "Get credentials" dialog). */
  getRoleCredentials(userName: string, accountId: string, roleName: string): IssuedRoleCredentials {
    if (!this.rolesFor(userName, accountId).includes(roleName)) {
      throw new PortalError('ForbiddenException', FORBIDDEN_MESSAGE)
    }
    const expiration =
      Math.floor((this.env.clock.now() + this.env.fixture.lifetimes.roleCredentialsSeconds * 1000) / 1000) *
      1000
    const creds: IssuedRoleCredentials = {
      accessKeyId: ids.accessKeyId(),
      secretAccessKey: ids.secretAccessKey(),
      sessionToken: ids.sessionToken(),
      expiration,
      accountId,
      roleName,
      userName,
    }
    this.roleCredentials.set(creds.accessKeyId, creds)
    return creds
  }
}

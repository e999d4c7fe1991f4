import { createHash, timingSafeEqual } from 'node:crypto'
import type { FixtureUser } from '../fixture.js'
import { DecisionError, type StateEnv } from './shared.js'

/** The fixture's users, for the sign-in page and for whom a decision signs in. */
export class Users {
  readonly #byName: Map<string, FixtureUser>

  constructor(env: StateEnv) {
    this.#byName = new Map(env.fixture.users.map((u) => [u.name, u]))
  }

  get(name: string): FixtureUser | undefined {
    return this.#byName.get(name)
  }

  require(userName: string): FixtureUser {
    const user = this.#byName.get(userName)
    if (!user) throw new DecisionError('unknown_user', `unknown user ${userName}`)
    return user
  }

  /** Constant-time password check for the sign-in page. */
  checkPassword(userName: string, password: string): boolean {
    const user = this.#byName.get(userName)
    const a = createHash('sha256')
      .update(user?.password ?? '\0no-user')
      .digest()
    const b = createHash('sha256').update(password).digest()
    return user !== undefined && timingSafeEqual(a, b)
  }
}

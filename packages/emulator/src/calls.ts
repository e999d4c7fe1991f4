/** One API call as the emulator saw it. */
export interface CallRecord {
  /** Operation name, e.g. `CreateToken`, `GetRoleCredentials`, `GetCallerIdentity`, `Authorize`. */
  operation: string
  /**
   * What the call was about: the grant type for CreateToken (`device_code`, `authorization_code`,
   * `refresh_token`), `accountId/roleName` for GetRoleCredentials, the account id for ListAccountRoles.
   */
  detail?: string
  /** HTTP status returned; 0 when the connection was dropped. */
  status: number
  /** Real wall-clock time of the call (epoch ms). */
  at: number
}

/**
 * Counts of what clients asked for, so tests can assert "exactly one CreateToken" or
 * "GetRoleCredentials for 111111111111/ReadOnly was called twice". Every request to an API route is
 * recorded, including ones answered by an injected fault.
 */
export class CallLog {
  #records: CallRecord[] = []

  record(call: CallRecord): void {
    this.#records.push(call)
  }

  list(): CallRecord[] {
    return [...this.#records]
  }

  /** Calls of `operation`, optionally only those with the given `detail`. */
  count(operation: string, detail?: string): number {
    return this.#records.filter(
      (r) => r.operation === operation && (detail === undefined || r.detail === detail),
    ).length
  }

  /** `{ "CreateToken": 3, "CreateToken:device_code": 3, "GetRoleCredentials:111111111111/ReadOnly": 1, … }` */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {}
    for (const r of this.#records) {
      counts[r.operation] = (counts[r.operation] ?? 0) + 1
      if (r.detail !== undefined) {
        const key = `${r.operation}:${r.detail}`
        counts[key] = (counts[key] ?? 0) + 1
      }
    }
    return counts
  }

  reset(): void {
    this.#records = []
  }
}

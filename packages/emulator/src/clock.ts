/**
 * The emulator's notion of "now": real time plus an adjustable offset. Every expiry decision
 * (tokens, role credentials, device and authorization codes, registrations, STS ExpiredToken) reads
 * this clock, so tests can jump hours ahead without waiting. Real time keeps flowing underneath so
 * polling intervals still behave naturally.
 */
export class Clock {
  #offsetMs = 0

  constructor(initial?: Date | number) {
    if (initial !== undefined) this.set(initial)
  }

  /** Current emulator time in epoch milliseconds. */
  now(): number {
    return Date.now() + this.#offsetMs
  }

  date(): Date {
    return new Date(this.now())
  }

  /** How far the emulator clock is ahead of (positive) or behind real time. */
  get offsetMs(): number {
    return this.#offsetMs
  }

  /** Move the clock forward (or backward, with a negative value) by `ms`. */
  advance(ms: number): Date {
    if (!Number.isFinite(ms)) throw new RangeError(`clock.advance: expected a finite number of ms, got ${ms}`)
    this.#offsetMs += ms
    return this.date()
  }

  /** Make the emulator clock read `date` now; it keeps running from there. */
  set(date: Date | number | string): Date {
    const ms = new Date(date).getTime()
    if (Number.isNaN(ms)) throw new RangeError(`clock.set: invalid date ${String(date)}`)
    this.#offsetMs = ms - Date.now()
    return this.date()
  }

  /** Back to real time. */
  reset(): Date {
    this.#offsetMs = 0
    return this.date()
  }
}

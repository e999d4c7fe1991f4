/**
 * The shape of every aws-idc error: a stable `code`, a one-line `message` (what went wrong), a
 * `hint` (what to do next), `details` for `--json` / `--debug` (never secrets) and `cause` for
 * `--debug` only. @idc/core's IdcError is this class with core's codes; the formatters throw
 * FormatError. Both carry one global brand, so `IdcError.is(error)` (and `instanceof IdcError`)
 * hold for either, across package copies, without this package depending on core.
 */

const BRAND = Symbol.for('@idc/core/IdcError')

export interface CodedErrorOptions {
  /** The next step for the user, one sentence. */
  hint?: string | undefined
  cause?: unknown
  /** Structured facts for `--json` / `--debug` (never secrets). */
  details?: Record<string, unknown> | undefined
}

export class CodedError<Code extends string = string> extends Error {
  readonly code: Code
  readonly hint: string | undefined
  readonly details: Record<string, unknown> | undefined
  readonly [BRAND] = true

  constructor(code: Code, message: string, options: CodedErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'IdcError'
    this.code = code
    this.hint = options.hint
    this.details = options.details
  }

  /** `message` plus the hint, as one or two lines for a terminal. */
  toDisplayString(): string {
    return this.hint ? `${this.message}\n${this.hint}` : this.message
  }

  toJSON(): { code: Code; message: string; hint?: string; details?: Record<string, unknown> } {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.details ? { details: this.details } : {}),
    }
  }
}

/** True for any CodedError (so for every IdcError and FormatError), from any copy of either package. */
export function isCodedError(value: unknown): value is CodedError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true
}

/** A value no output form can carry unchanged, an unknown format, or an unusable profile name. */
export type FormatErrorCode = 'invalid-argument' | 'invalid-name'

/** What the formatters throw; @idc/core's `IdcError.is` and `instanceof IdcError` recognise it. */
export class FormatError extends CodedError<FormatErrorCode> {}

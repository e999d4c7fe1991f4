/**
 * The shape of every aws-idc error: a stable `code`, a one-line `message` (what went wrong), a
 * `hint` (what to do next), `details` for `--json` / `--debug` (never secrets) and `cause` for
 * `--debug` only. There is ONE class: @idc/core's IdcError and this package's FormatError are this
 * class under the code types of their packages, so `instanceof` and `IdcError.is` agree without
 * this package depending on core, and the warm-path bundle carries one error class, as it did before
 * the formatters left core. A global brand recognises an error from another copy of either package.
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

  /** True for any CodedError (so for every IdcError and FormatError), from any copy of either package. */
  static is(value: unknown): value is CodedError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true
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

/** `CodedError.is` as a function (for callers that take a predicate). */
export function isCodedError(value: unknown): value is CodedError {
  return CodedError.is(value)
}

/** A value no output form can carry unchanged, an unknown format, or an unusable profile name. */
export type FormatErrorCode = 'invalid-argument' | 'invalid-name'

/** CodedError with its code type fixed: what IdcError and FormatError are, as values. */
export interface CodedErrorClass<Code extends string> {
  new (code: Code, message: string, options?: CodedErrorOptions): CodedError<Code>
  readonly prototype: CodedError<Code>
  /** True for any CodedError from any copy of @idc/format or @idc/core (a brand check). */
  is(value: unknown): value is CodedError<Code>
}

/** What the formatters throw: CodedError itself, so `instanceof IdcError` holds for it in @idc/core. */
export type FormatError = CodedError<FormatErrorCode>
export const FormatError = CodedError as CodedErrorClass<FormatErrorCode>

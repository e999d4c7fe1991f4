import { describe, expect, it } from 'vitest'
import { IdcError, redactObject, redactText } from './errors.js'

describe('IdcError', () => {
  it('carries code, message, hint and cause', () => {
    const cause = new Error('boom')
    const err = new IdcError('token-expired', 'The token expired.', { hint: 'Run aws-idc login.', cause })
    expect(err.code).toBe('token-expired')
    expect(err.hint).toBe('Run aws-idc login.')
    expect(err.cause).toBe(cause)
    expect(err.toDisplayString()).toBe('The token expired.\nRun aws-idc login.')
    expect(err.toJSON()).toEqual({
      code: 'token-expired',
      message: 'The token expired.',
      hint: 'Run aws-idc login.',
    })
  })

  it('is recognised across package copies by its brand, not instanceof', () => {
    // A plain object branded like an IdcError from another copy of @idc/core.
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('@idc/core/IdcError')]: true,
      code: 'aborted',
    })
    expect(IdcError.is(foreign)).toBe(true)
    expect(IdcError.is(new Error('x'))).toBe(false)
    expect(IdcError.is(null)).toBe(false)
  })
})

describe('redaction', () => {
  it('replaces secrets in text', () => {
    expect(redactText('token=abcdefgh123 ok', ['abcdefgh123'])).toBe('token=[redacted] ok')
  })
  it('replaces secret keys in nested objects', () => {
    const out = redactObject({ a: { accessToken: 'tok', keep: 'v' }, list: [{ SessionToken: 's' }] })
    expect(out).toEqual({
      a: { accessToken: '[redacted]', keep: 'v' },
      list: [{ SessionToken: '[redacted]' }],
    })
  })
})

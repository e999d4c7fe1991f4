import * as formatPackage from '@idc/format'
import { FormatError } from '@idc/format'
import { describe, expect, it } from 'vitest'
import { IdcError, needsSignIn, redactObject, redactText } from './errors.js'
import * as coreFormat from './format/index.js'
import * as core from './index.js'
import { withSignInRetry } from './session/sign-in-retry.js'

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

  it('IdcError and FormatError are one class; subclasses keep the prototype check', () => {
    class Sub extends IdcError {}
    expect(IdcError).toBe(FormatError)
    expect(new IdcError('aborted', 'x')).toBeInstanceOf(IdcError)
    expect(new Sub('aborted', 'x')).toBeInstanceOf(IdcError)
    expect(new Sub('aborted', 'x').code).toBe('aborted')
    expect(new IdcError('aborted', 'x')).not.toBeInstanceOf(Sub)
    expect(new Error('x')).not.toBeInstanceOf(IdcError)
  })

  it("@idc/format's errors are IdcErrors: IdcError.is, instanceof, code, hint and display", () => {
    let thrown: unknown
    try {
      core.format('windows-cmd', { accessKeyId: 'AKID', secretAccessKey: 'a%b' })
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(FormatError)
    expect(IdcError.is(thrown)).toBe(true)
    expect(thrown).toBeInstanceOf(IdcError)
    const err = thrown as IdcError
    expect(err.code).toBe('invalid-argument')
    expect(err.name).toBe('IdcError')
    expect(err.toDisplayString()).toBe(`${err.message}\n${err.hint}`)
    expect(err.toJSON()).toMatchObject({ code: 'invalid-argument', hint: err.hint })
  })
})

describe('@idc/core re-exports @idc/format unchanged', () => {
  it('every export of @idc/format is the same value from @idc/core and @idc/core/format', () => {
    const fromFormat = Object.entries(formatPackage)
    const fromCoreFormat = new Map(Object.entries(coreFormat))
    const fromCore = new Map(Object.entries(core))
    expect(fromFormat.map(([name]) => name)).toEqual(expect.arrayContaining(['format', 'formatExpiration']))
    for (const [name, value] of fromFormat) {
      expect(fromCoreFormat.get(name), name).toBe(value)
      expect(fromCore.get(name), name).toBe(value)
    }
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

describe('needsSignIn and withSignInRetry (the CLI and @idc/node follow this one rule)', () => {
  it('is true for what a sign-in fixes, false for passing faults and everything else', () => {
    for (const code of [
      'token-missing',
      'token-invalid',
      'token-expired',
      'refresh-failed',
      'unauthorized',
    ] as const)
      expect(needsSignIn(new IdcError(code, 'x')), code).toBe(true)
    for (const code of [
      'network-error',
      'throttled',
      'service-error',
      'clock-skew',
      'write-failed',
      'forbidden',
    ] as const)
      expect(needsSignIn(new IdcError(code, 'x')), code).toBe(false)
    expect(needsSignIn(new Error('token-missing'))).toBe(false)
  })

  it('runs the operation once more only after signIn resolved true', async () => {
    const expired = new IdcError('token-expired', 'The session expired.')
    let runs = 0
    const failOnce = async () => {
      runs++
      if (runs === 1) throw expired
      return 'ok'
    }
    const seen: unknown[] = []
    await expect(
      withSignInRetry(failOnce, async (e) => {
        seen.push(e)
        return true
      }),
    ).resolves.toBe('ok')
    expect(runs).toBe(2)
    expect(seen).toEqual([expired])

    runs = 0
    await expect(withSignInRetry(failOnce, async () => false)).rejects.toBe(expired)
    expect(runs).toBe(1)

    const network = new IdcError('network-error', 'Could not reach IAM Identity Center.')
    let asked = false
    await expect(
      withSignInRetry(
        async () => {
          throw network
        },
        async () => (asked = true),
      ),
    ).rejects.toBe(network)
    expect(asked).toBe(false)
  })
})

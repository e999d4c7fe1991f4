import { describe, expect, it } from 'vitest'
import { assertAccountAllowed, parseAllowedAccountIds } from './allowed-accounts.js'

describe('allowed account IDs', () => {
  it('parses repeated and comma-separated values, trimming and de-duplicating', () => {
    expect(parseAllowedAccountIds(['111111111111, 222222222222', '111111111111'])).toEqual([
      '111111111111',
      '222222222222',
    ])
  })

  it.each([[['']], [['1111']], [['111111111111,abc']], [['1111111111111']]])('refuses %j', (values) => {
    expect(() => parseAllowedAccountIds(values)).toThrow(
      expect.objectContaining({ code: 'invalid-argument' }),
    )
  })

  it('forbids an account outside the list; no list allows all', () => {
    expect(() => assertAccountAllowed('333333333333', ['111111111111'])).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    )
    expect(() => assertAccountAllowed('111111111111', ['111111111111'])).not.toThrow()
    expect(() => assertAccountAllowed('333333333333', undefined)).not.toThrow()
  })
})

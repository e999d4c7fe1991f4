import { describe, expect, it } from 'vitest'
import {
  checkAccountIdArgument,
  checkRegionArgument,
  checkStartUrlArgument,
  closestNames,
  naturalCompare,
  profileNameFromTemplate,
  transliterate,
} from '../index.js'
import { plainCompare } from './suggest.js'

describe('closestNames', () => {
  it('puts a case-only match first and keeps only close names', () => {
    const names = ['Payments-Prod-ReadOnly', 'Payments-Prod-Admin', 'dev', 'staging']
    expect(closestNames('payments-prod-readonly', names)).toEqual(['Payments-Prod-ReadOnly'])
    expect(closestNames('logni', ['login', 'logout', 'sessions'])).toEqual(['login'])
    expect(closestNames('zzz', names)).toEqual([])
  })
  it('returns at most a few names out of hundreds', () => {
    const names = Array.from({ length: 200 }, (_, i) => `acct-${i}-Admin`)
    expect(closestNames('acct-1-admin', names).length).toBeLessThanOrEqual(3)
    expect(closestNames('acct-1-admin', names)[0]).toBe('acct-1-Admin')
  })
})

describe('regions (the SDK partitions)', () => {
  it('accepts regions of every partition and suggests the closest for a typo', async () => {
    for (const r of ['eu-west-1', 'cn-north-1', 'us-gov-west-1', 'eusc-de-east-1'])
      await expect(checkRegionArgument(r)).resolves.toBe(r)
    await expect(checkRegionArgument('eu-wset-1', '--sso-region')).rejects.toMatchObject({
      code: 'invalid-argument',
      message: 'The value of --sso-region is not a known AWS Region: "eu-wset-1".',
      hint: expect.stringMatching(/^Did you mean eu-west-1/),
    })
  })
})

describe('argument checks', () => {
  it('accepts an http start URL as the config resolver does', () => {
    expect(checkStartUrlArgument('http://127.0.0.1:9/start')).toBe('http://127.0.0.1:9/start')
    expect(() => checkStartUrlArgument('ftp://x')).toThrow(/not a start URL/)
  })
  it('wants 12 digits for an account id', () => {
    expect(() => checkAccountIdArgument('123')).toThrow(/--account-id is not an AWS account ID/)
    expect(checkAccountIdArgument('123456789012')).toBe('123456789012')
  })
})

describe('profile naming', () => {
  it('transliterates accented letters instead of dropping them', () => {
    expect(transliterate('Sandbox Ünïcode Straße')).toBe('Sandbox Unicode Strasse')
    expect(
      profileNameFromTemplate('{account_name}-{role_name}', {
        account_name: 'Sandbox Ünïcode',
        role_name: 'Admin',
      }),
    ).toBe('Sandbox-Unicode-Admin')
  })
  it('sorts numbers naturally', () => {
    const names = ['Shared Services 53', 'Shared Services 8', 'Shared Services 58']
    expect(names.sort(naturalCompare)).toEqual([
      'Shared Services 8',
      'Shared Services 53',
      'Shared Services 58',
    ])
  })
  // plainCompare answers for names of A-Z, a-z, 0-9, space, _, - and . without a collator: it must
  // give the collator's sign for every such pair (random pairs, leading zeros, case, prefixes).
  it("plainCompare orders plain names as the 'en' numeric base collator does", () => {
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' })
    let seed = 42
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    for (const chars of ['aAbBzZ09 1_-.00', '0000123456789aZ -', 'Shared Services 0123456789-_.']) {
      const name = () => Array.from({ length: random(14) }, () => chars[random(chars.length)]).join('')
      for (let i = 0; i < 20000; i++) {
        const [a, b] = [name(), name()]
        const plain = plainCompare(a, b)
        if (plain !== undefined && plain !== Math.sign(collator.compare(a, b)))
          expect([a, b, plain]).toEqual([a, b, Math.sign(collator.compare(a, b))])
      }
    }
    expect(plainCompare('Shared Services 8', 'shared services 08')).toBe(0)
    expect(plainCompare('Sandbox', 'Sandbox 2')).toBe(-1)
    // Anything else goes to the collator.
    expect(plainCompare('Équipe', 'Equipe')).toBeUndefined()
    expect(plainCompare('a1234567890123456', 'a2')).toBeUndefined()
    expect(naturalCompare('Équipe', 'Equipe')).toBe(1)
    expect(naturalCompare('prod', 'Prod')).toBe(1)
  })
})

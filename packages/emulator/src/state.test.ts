import { describe, expect, it } from 'vitest'
import { paginate, parseMaxResults } from './paging.js'
import { redirectUriMatches } from './state.js'

describe('redirectUriMatches (RFC 8252 loopback rule)', () => {
  const registered = 'http://127.0.0.1/oauth/callback'
  it.each([
    ['http://127.0.0.1:39149/oauth/callback', true],
    ['http://127.0.0.1/oauth/callback', true],
    ['http://127.0.0.1:39149/other', false],
    ['http://localhost:39149/oauth/callback', false],
    ['https://127.0.0.1:39149/oauth/callback', false],
    ['http://127.0.0.1:39149/oauth/callback?x=1', false],
  ])('%s → %s', (candidate, expected) => {
    expect(redirectUriMatches(registered, candidate)).toBe(expected)
  })

  it('requires an exact match when the registration has a port or is not loopback', () => {
    expect(redirectUriMatches('http://127.0.0.1:8080/cb', 'http://127.0.0.1:8081/cb')).toBe(false)
    expect(redirectUriMatches('https://app.example.com/cb', 'https://app.example.com:444/cb')).toBe(false)
  })
})

describe('paging', () => {
  it('validates max_result', () => {
    expect(parseMaxResults(undefined, 20)).toBe(20)
    expect(parseMaxResults('100', 20)).toBe(100)
    for (const bad of ['0', '101', 'x', '1.5', '-1']) expect(() => parseMaxResults(bad, 20)).toThrow()
  })

  it('walks pages with opaque tokens and none on the last page', () => {
    const items = [1, 2, 3, 4, 5]
    const p1 = paginate(items, 's', 2, undefined)
    const p2 = paginate(items, 's', 2, p1.nextToken)
    const p3 = paginate(items, 's', 2, p2.nextToken)
    expect([p1.items, p2.items, p3.items]).toEqual([[1, 2], [3, 4], [5]])
    expect(p3.nextToken).toBeUndefined()
    expect(paginate(items, 's', 5, undefined).nextToken).toBeUndefined()
    expect(() => paginate(items, 'other', 2, p1.nextToken)).toThrow('Invalid nextToken')
  })
})

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_FIXTURE, FixtureError, generateFixture, loadFixtureFile, resolveFixture } from './fixture.js'

describe('resolveFixture', () => {
  it('gives the built-in default with no input', () => {
    const f = resolveFixture()
    expect(f.startUrl).toBe('https://d-1234567890.awsapps.com/start')
    expect(f.region).toBe('us-east-1')
    expect(f.accounts.map((a) => `${a.id}:${a.name}`)).toEqual([
      '111111111111:dev',
      '222222222222:staging',
      '333333333333:prod',
    ])
    expect(f.users[0]?.name).toBe('alice')
    expect(f.lifetimes.registrationSeconds).toBe(90 * 86400)
  })

  it('merges partial lifetimes with the defaults', () => {
    const f = resolveFixture({ lifetimes: { accessTokenSeconds: 60 } })
    expect(f.lifetimes).toEqual({ ...DEFAULT_FIXTURE.lifetimes, accessTokenSeconds: 60 })
  })

  it.each([
    [{ region: 'nowhere' }, /fixture\.region: expected an AWS region/],
    [
      { accounts: [{ id: '12', name: 'x', email: 'a@b' }] },
      /fixture\.accounts\[0\]\.id: expected a 12-digit/,
    ],
    [
      { users: [{ name: 'u', password: 'p', roles: { '999999999999': ['R'] } }] },
      /fixture\.users\[0\]\.roles\["999999999999"\]: unknown account id/,
    ],
    [
      { users: [{ name: 'u', password: 'p', roles: { '111111111111': ['bad role'] } }] },
      /users\[0\]\.roles\["111111111111"\]\[0\]/,
    ],
    [{ pageSize: 0 }, /fixture\.pageSize/],
    [{ lifetimes: { accessTokenSeconds: -1 } }, /fixture\.lifetimes\.accessTokenSeconds/],
    [{ users: [] }, /fixture\.users: expected a non-empty array/],
  ])('rejects %j with a message naming the field', (input, message) => {
    expect(() => resolveFixture(input as never)).toThrow(message)
    expect(() => resolveFixture(input as never)).toThrow(FixtureError)
  })
})

describe('loadFixtureFile', () => {
  it('names the file in errors and loads valid files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fixture-'))
    try {
      const bad = join(dir, 'bad.json')
      await writeFile(bad, '{not json')
      expect(() => loadFixtureFile(bad)).toThrow(`fixture file ${bad} is not valid JSON`)
      const invalid = join(dir, 'invalid.json')
      await writeFile(invalid, JSON.stringify({ pageSize: 500 }))
      expect(() => loadFixtureFile(invalid)).toThrow(`${invalid}: fixture.pageSize`)
      const good = join(dir, 'good.json')
      await writeFile(good, JSON.stringify({ region: 'eu-central-1' }))
      expect(loadFixtureFile(good).region).toBe('eu-central-1')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('generateFixture', () => {
  it('builds 1,000 accounts x 3 roles', () => {
    const f = generateFixture({ accounts: 1000, rolesPerAccount: 3 })
    expect(f.accounts).toHaveLength(1000)
    expect(new Set(f.accounts.map((a) => a.id)).size).toBe(1000)
    expect(f.accounts[0]).toEqual({ id: '100000000000', name: 'account-0001', email: 'aws-0001@example.com' })
    expect(Object.keys(f.users[0]!.roles)).toHaveLength(1000)
    expect(f.users[0]!.roles['100000000999']).toEqual([
      'AdministratorAccess',
      'ReadOnlyAccess',
      'PowerUserAccess',
    ])
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Sandbox, sandbox } from '../../test/session/harness.js'
import { IdcError } from '../errors.js'
import { lookupWarm } from '../warm.js'
import { getCredentials } from './credentials.js'
import { login } from './login.js'
import { resolveAccountId, withAccountId } from './portal-ops.js'

/**
 * An account given by name wherever an account ID is accepted (issue 10, "expected by users"):
 * one ListAccounts for a name, none for an ID; ambiguous and unknown names are one error with the
 * way out.
 */

const FIXTURE = {
  accounts: [
    { id: '111111111111', name: 'dev', email: 'dev@example.com' },
    { id: '222222222222', name: 'Staging', email: 'staging@example.com' },
    { id: '444444444444', name: 'shared', email: 'shared-a@example.com' },
    { id: '555555555555', name: 'Shared', email: 'shared-b@example.com' },
  ],
  users: [
    {
      name: 'alice',
      password: 'alice-password',
      roles: {
        '111111111111': ['ReadOnly'],
        '222222222222': ['ReadOnly'],
        '444444444444': ['ReadOnly'],
        '555555555555': ['ReadOnly'],
      },
    },
  ],
}

let box: Sandbox
beforeAll(async () => {
  box = await sandbox({ fixture: FIXTURE })
  await login(
    { from: 'profile', profile: 'dev' },
    { env: box.env, onAuthorizeUrl: async (u) => void (await fetch(u)) },
  )
})
afterAll(async () => {
  await box.cleanup()
})

const dev = { from: 'profile', profile: 'dev' } as const

describe('account names', () => {
  it('an ID is used as it is, without a call', async () => {
    box.emu.controls.calls.reset()
    const request = { ...dev, accountId: '222222222222' }
    expect(await withAccountId(request, { env: box.env })).toBe(request)
    expect(await resolveAccountId(dev, '222222222222', { env: box.env })).toBe('222222222222')
    expect(box.emu.controls.calls.count('ListAccounts')).toBe(0)
  })

  it('a name is looked up case-insensitively with one ListAccounts', async () => {
    box.emu.controls.calls.reset()
    expect(
      await withAccountId({ ...dev, accountId: 'staging', roleName: 'ReadOnly' }, { env: box.env }),
    ).toEqual({
      ...dev,
      accountId: '222222222222',
      roleName: 'ReadOnly',
    })
    expect(box.emu.controls.calls.count('ListAccounts')).toBe(1)
  })

  it('getCredentials takes a name; the warm lookup leaves it to the cold path', async () => {
    const request = { ...dev, accountId: 'Staging', roleName: 'ReadOnly' }
    expect(await lookupWarm(request, { env: box.env })).toEqual({ target: undefined, result: undefined })
    const { credentials, target } = await getCredentials(request, { env: box.env })
    expect(credentials.accountId).toBe('222222222222')
    expect(target.accountId).toBe('222222222222')
  })

  it('two accounts of that name, or none: invalid-argument with the IDs or the closest names', async () => {
    const twice = await withAccountId({ ...dev, accountId: 'SHARED' }, { env: box.env }).catch(
      (e: unknown) => e,
    )
    expect(IdcError.is(twice) && twice.code).toBe('invalid-argument')
    expect((twice as IdcError).hint).toBe(
      'Give the account ID instead: --account-id 444444444444 or 555555555555.',
    )
    const typo = await withAccountId({ ...dev, accountId: 'stagign' }, { env: box.env }).catch(
      (e: unknown) => e,
    )
    expect((typo as IdcError).message).toBe('No account named "stagign" is assigned to you.')
    // The listing it points to is for the same profile (a hint that works when run as written).
    expect((typo as IdcError).hint).toBe(
      'Did you mean --account-id "Staging"? `aws-idc accounts --profile dev` lists them.',
    )
  })

  it('digits that are not 12 are refused before any call', async () => {
    box.emu.controls.calls.reset()
    const short = await withAccountId({ ...dev, accountId: '123' }, { env: box.env })
    // withAccountId leaves digits to the ID check of the pipeline, which refuses them.
    await expect(getCredentials({ ...short, roleName: 'ReadOnly' }, { env: box.env })).rejects.toMatchObject({
      code: 'invalid-argument',
    })
    expect(box.emu.controls.calls.count('ListAccounts')).toBe(0)
    expect(box.emu.controls.calls.count('GetRoleCredentials')).toBe(0)
  })
})

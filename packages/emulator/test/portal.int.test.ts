import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  paginateListAccountRoles,
  paginateListAccounts,
  type SSOClient,
} from '@aws-sdk/client-sso'
import type { SSOOIDCClient } from '@aws-sdk/client-sso-oidc'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningEmulator } from '../src/index.js'
import { clients, failure, signIn, start } from './helpers.js'

let emu: RunningEmulator
let oidc: SSOOIDCClient
let sso: SSOClient
let accessToken: string

beforeAll(async () => {
  emu = await start()
  ;({ oidc, sso } = clients(emu))
})
afterAll(() => emu.stop())
beforeEach(async () => {
  emu.controls.reset()
  accessToken = (await signIn(emu, oidc)).token.accessToken
  emu.controls.calls.reset()
})

const bearer = (token: string) => ({ 'x-amz-sso_bearer_token': token })

describe('ListAccounts / ListAccountRoles paging', () => {
  it('returns everything on one page without nextToken by default', async () => {
    const r = await sso.send(new ListAccountsCommand({ accessToken }))
    expect(r.nextToken).toBeUndefined()
    expect(r.accountList).toEqual([
      { accountId: '111111111111', accountName: 'dev', emailAddress: 'aws-dev@example.com' },
      { accountId: '222222222222', accountName: 'staging', emailAddress: 'aws-staging@example.com' },
      { accountId: '333333333333', accountName: 'prod', emailAddress: 'aws-prod@example.com' },
    ])
  })

  it.each([
    [1, [['111111111111'], ['222222222222'], ['333333333333']]],
    [2, [['111111111111', '222222222222'], ['333333333333']]],
  ])('max_result=%i walks every page and omits nextToken on the last', async (maxResults, expected) => {
    const pages: string[][] = []
    let nextToken: string | undefined
    do {
      const r = await sso.send(
        new ListAccountsCommand({ accessToken, maxResults, ...(nextToken ? { nextToken } : {}) }),
      )
      pages.push(r.accountList!.map((a) => a.accountId!))
      nextToken = r.nextToken
      if (pages.length < expected.length) expect(nextToken).toBeTruthy()
    } while (nextToken)
    expect(pages).toEqual(expected)
    // the wire body of the last page has no nextToken member at all
    const raw = await fetch(`${emu.url}/assignment/accounts?max_result=100`, { headers: bearer(accessToken) })
    expect(Object.keys((await raw.json()) as object)).toEqual(['accountList'])
  })

  it('works with the SDK paginators', async () => {
    const accounts: string[] = []
    for await (const page of paginateListAccounts({ client: sso, pageSize: 1 }, { accessToken })) {
      accounts.push(...page.accountList!.map((a) => a.accountId!))
    }
    expect(accounts).toEqual(['111111111111', '222222222222', '333333333333'])
    expect(emu.controls.calls.count('ListAccounts')).toBe(3)

    const roles: string[] = []
    for await (const page of paginateListAccountRoles(
      { client: sso, pageSize: 1 },
      { accessToken, accountId: '111111111111' },
    )) {
      roles.push(...page.roleList!.map((r) => `${r.accountId}/${r.roleName}`))
    }
    expect(roles).toEqual(['111111111111/AdministratorAccess', '111111111111/ReadOnly'])
    expect(emu.controls.calls.count('ListAccountRoles', '111111111111')).toBe(2)
  })

  it('uses the fixture page size when max_result is absent', async () => {
    const small = await start({ fixture: { pageSize: 2 } })
    try {
      const c = clients(small)
      const { token } = await signIn(small, c.oidc)
      const r = await c.sso.send(new ListAccountsCommand({ accessToken: token.accessToken }))
      expect(r.accountList).toHaveLength(2)
      expect(r.nextToken).toBeTruthy()
    } finally {
      await small.stop()
    }
  })

  it.each([0, 101])('rejects max_result=%i with 400 InvalidRequestException', async (maxResults) => {
    expect(await failure(sso.send(new ListAccountsCommand({ accessToken, maxResults })))).toMatchObject({
      name: 'InvalidRequestException',
      status: 400,
    })
  })

  it('rejects a forged next_token, and a ListAccounts token given to ListAccountRoles', async () => {
    expect(
      await failure(sso.send(new ListAccountsCommand({ accessToken, nextToken: 'garbage' }))),
    ).toMatchObject({
      name: 'InvalidRequestException',
    })
    const first = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 1 }))
    const f = await failure(
      sso.send(
        new ListAccountRolesCommand({ accessToken, accountId: '111111111111', nextToken: first.nextToken! }),
      ),
    )
    expect(f).toMatchObject({ name: 'InvalidRequestException', status: 400 })
  })

  it('answers ListAccountRoles for an account that does not exist with ResourceNotFoundException', async () => {
    expect(
      await failure(sso.send(new ListAccountRolesCommand({ accessToken, accountId: '999999999999' }))),
    ).toMatchObject({ name: 'ResourceNotFoundException', status: 404 })
  })

  it('requires account_id (InvalidRequestException)', async () => {
    const res = await fetch(`${emu.url}/assignment/roles`, { headers: bearer(accessToken) })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      message: 'account_id is required',
      __type: 'com.amazonaws.switchboard.portal#InvalidRequestException',
    })
  })
})

describe('GetRoleCredentials', () => {
  it('returns ASIA credentials with expiration in epoch milliseconds one hour ahead', async () => {
    const r = await sso.send(
      new GetRoleCredentialsCommand({ accessToken, accountId: '111111111111', roleName: 'ReadOnly' }),
    )
    const c = r.roleCredentials!
    expect(c.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
    expect(c.secretAccessKey).toHaveLength(40)
    expect(c.sessionToken).toBeTruthy()
    expect(c.expiration! % 1000).toBe(0)
    expect(Math.abs(c.expiration! - (Date.now() + 3600_000))).toBeLessThan(5000)
    expect(emu.controls.calls.counts()).toMatchObject({
      GetRoleCredentials: 1,
      'GetRoleCredentials:111111111111/ReadOnly': 1,
    })
  })

  it('honours the fixture role-credential lifetime and the emulator clock', async () => {
    emu.controls.clock.advance(600_000)
    const r = await sso.send(
      new GetRoleCredentialsCommand({ accessToken, accountId: '111111111111', roleName: 'ReadOnly' }),
    )
    expect(Math.abs(r.roleCredentials!.expiration! - (Date.now() + 600_000 + 3600_000))).toBeLessThan(5000)
  })

  it('answers an unassigned role with 403 ForbiddenException "No access" in the real wire form', async () => {
    const f = await failure(
      sso.send(
        new GetRoleCredentialsCommand({
          accessToken,
          accountId: '333333333333',
          roleName: 'AdministratorAccess',
        }),
      ),
    )
    expect(f).toMatchObject({ name: 'ForbiddenException', status: 403, message: 'No access' })
    const res = await fetch(`${emu.url}/federation/credentials?account_id=111111111111&role_name=Nope`, {
      headers: bearer(accessToken),
    })
    expect(res.status).toBe(403)
    expect(await res.text()).toBe(
      '{"message":"No access","__type":"com.amazonaws.switchboard.portal#ForbiddenException"}',
    )
  })
})

describe('UnauthorizedException and Logout', () => {
  const unauthorized = {
    name: 'UnauthorizedException',
    status: 401,
    message: 'Session token not found or invalid',
  }

  it('rejects unknown and missing bearer tokens with 401', async () => {
    expect(await failure(sso.send(new ListAccountsCommand({ accessToken: 'no-such-token' })))).toMatchObject(
      unauthorized,
    )
    const res = await fetch(`${emu.url}/assignment/accounts`)
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({
      message: 'Session token not found or invalid',
      __type: 'com.amazonaws.switchboard.portal#UnauthorizedException',
    })
  })

  it('reads the bearer header case-insensitively', async () => {
    const res = await fetch(`${emu.url}/assignment/accounts`, {
      headers: { 'X-AMZ-SSO_BEARER_TOKEN': accessToken },
    })
    expect(res.status).toBe(200)
  })

  it('expires access tokens on the emulator clock', async () => {
    emu.controls.clock.advance(3599_000)
    await sso.send(new ListAccountsCommand({ accessToken }))
    emu.controls.clock.advance(2_000)
    expect(
      await failure(
        sso.send(
          new GetRoleCredentialsCommand({ accessToken, accountId: '111111111111', roleName: 'ReadOnly' }),
        ),
      ),
    ).toMatchObject(unauthorized)
  })

  it('Logout answers 200 with an empty body and invalidates the token', async () => {
    const res = await fetch(`${emu.url}/logout`, { method: 'POST', headers: bearer(accessToken) })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    expect(await failure(sso.send(new ListAccountsCommand({ accessToken })))).toMatchObject(unauthorized)
    expect(await failure(sso.send(new LogoutCommand({ accessToken })))).toMatchObject(unauthorized)
  })

  it('Logout through the SDK succeeds', async () => {
    await sso.send(new LogoutCommand({ accessToken }))
    expect(emu.controls.calls.count('Logout')).toBe(1)
  })
})

import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { openInBrowser, type Sandbox, sandbox } from '../test/harness.js'
import {
  getCredentials,
  IdcError,
  listAccounts,
  listAccountsAndRoles,
  listRoles,
  login,
  logout,
} from './index.js'

let box: Sandbox | undefined
afterEach(async () => {
  await box?.cleanup()
  box = undefined
})

describe('login', () => {
  it('device flow: onVerification gets the code, the token lands in the AWS CLI cache, and is reused', async () => {
    box = await sandbox({ autoApproveAfterPolls: 1 })
    const codes: string[] = []
    const res = await login({
      profile: 'dev',
      env: box.env,
      onVerification: (v) => void codes.push(v.userCode),
    })
    expect(res).toMatchObject({ reused: false, flow: 'device' })
    expect(codes).toHaveLength(1)
    expect(existsSync(res.tokenFile)).toBe(true)
    expect(res.expiresAt.getTime()).toBeGreaterThan(Date.now())
    const again = await login({ profile: 'dev', env: box.env, onVerification: () => undefined })
    expect(again).toMatchObject({ reused: true, tokenFile: res.tokenFile })
    expect(again.flow).toBeUndefined()
  })

  it("browser flow is the default when onAuthorizeUrl is given; 'browser' without it is refused", async () => {
    box = await sandbox()
    const res = await login({ profile: 'dev', env: box.env, onAuthorizeUrl: openInBrowser })
    expect(res.flow).toBe('browser')
    const err = await login({ profile: 'dev', env: box.env, flow: 'browser' }).catch((e: unknown) => e)
    expect(IdcError.is(err) && err.code).toBe('invalid-argument')
  })
})

describe('listing and logout', () => {
  it('lists accounts and roles, then logout removes the token and the role cache', async () => {
    box = await sandbox()
    await login({ profile: 'dev', env: box.env, onAuthorizeUrl: openInBrowser })
    const accounts = await listAccounts({ profile: 'dev', env: box.env })
    expect(accounts.map((a) => a.accountId).sort()).toEqual(['111111111111', '222222222222', '333333333333'])
    const roles = await listRoles({ profile: 'dev', env: box.env, accountId: '111111111111' })
    expect(roles.map((r) => r.roleName).sort()).toEqual(['AdministratorAccess', 'ReadOnly'])
    const both = await listAccountsAndRoles({ ssoSession: 'my-sso', env: box.env })
    expect(both).toHaveLength(3)

    await getCredentials({ profile: 'dev', env: box.env })
    const out = await logout({ profile: 'dev', env: box.env })
    expect(out.tokens).toHaveLength(1)
    expect(out.roleCaches).toHaveLength(1)
    expect(out.warnings).toEqual([])
    expect(box.emu.controls.calls.count('Logout')).toBe(1)

    const err = await listAccounts({ profile: 'dev', env: box.env }).catch((e: unknown) => e)
    expect(IdcError.is(err) && err.code).toBe('token-missing')
  })

  it("listings sign in by themselves with login: 'device'", async () => {
    box = await sandbox()
    const accounts = await listAccounts({
      profile: 'dev',
      env: box.env,
      login: 'device',
      onVerification: () => undefined,
    })
    expect(accounts.length).toBeGreaterThan(0)
  })

  it('logout({ all: true }) signs out of everything', async () => {
    box = await sandbox()
    await login({ profile: 'dev', env: box.env, onAuthorizeUrl: openInBrowser })
    const out = await logout({ all: true, env: box.env })
    expect(out.tokens).toHaveLength(1)
  })
})

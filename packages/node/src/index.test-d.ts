// Type tests (`vitest --typecheck`, and `tsc -p tsconfig.json`): the provider fits the AWS SDK.
import { STSClient, type STSClientConfig } from '@aws-sdk/client-sts'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type FromIdentityCenterOptions,
  fromIdentityCenter,
  getCredentials,
  IdcError,
  type IdentityCenterCredentials,
  listRoles,
} from './index.js'

describe('fromIdentityCenter', () => {
  it("is assignable to the SDK's `credentials` option", () => {
    const provider = fromIdentityCenter({ profile: 'dev' })
    expectTypeOf(provider).toExtend<NonNullable<STSClientConfig['credentials']>>()
    expectTypeOf(provider).toExtend<STSClientConfig['credentials']>()
    expectTypeOf(provider).toExtend<AwsCredentialIdentityProvider>()
    // As an application writes it:
    const client = new STSClient({ region: 'eu-west-1', credentials: provider })
    expectTypeOf(client).toEqualTypeOf<STSClient>()
  })

  it('resolves to the SDK identity shape, with what Identity Center always returns made required', () => {
    const provider = fromIdentityCenter()
    expectTypeOf(provider()).resolves.toExtend<AwsCredentialIdentity>()
    expectTypeOf(provider({ forceRefresh: true })).resolves.toEqualTypeOf<IdentityCenterCredentials>()
    expectTypeOf<IdentityCenterCredentials['expiration']>().toEqualTypeOf<Date>()
    expectTypeOf<IdentityCenterCredentials['sessionToken']>().toEqualTypeOf<string>()
    expectTypeOf(getCredentials({ profile: 'dev' })).resolves.toEqualTypeOf<IdentityCenterCredentials>()
  })

  it('accepts one kind of target at a time', () => {
    expectTypeOf({ profile: 'dev' }).toExtend<FromIdentityCenterOptions>()
    expectTypeOf({ ssoSession: 's', accountId: '1', roleName: 'r' }).toExtend<FromIdentityCenterOptions>()
    expectTypeOf({ startUrl: 'u', ssoRegion: 'us-east-1' }).toExtend<FromIdentityCenterOptions>()
    expectTypeOf({ profile: 'dev', ssoSession: 's' }).not.toExtend<FromIdentityCenterOptions>()
    expectTypeOf({ profile: 'dev', startUrl: 'u', ssoRegion: 'r' }).not.toExtend<FromIdentityCenterOptions>()
    expectTypeOf({ startUrl: 'u' }).not.toExtend<FromIdentityCenterOptions>()
    expectTypeOf({ login: 'always' }).not.toExtend<FromIdentityCenterOptions>()
    // listRoles needs the account.
    expectTypeOf(listRoles).parameter(0).toHaveProperty('accountId').toEqualTypeOf<string>()
  })

  it('IdcError.is narrows unknown errors', () => {
    const err: unknown = new Error('x')
    if (IdcError.is(err)) expectTypeOf(err.hint).toEqualTypeOf<string | undefined>()
  })
})

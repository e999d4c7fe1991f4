import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { createSandbox, type Sandbox } from '@idc/emulator/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG, openInBrowser } from '../test/harness.js'
import { fromIdentityCenter, getCredentials, login } from './index.js'

// dev (IAM Identity Center) -> org -> prod: two AssumeRole links.
const CHAINED = `${CONFIG}
[profile org]
role_arn = arn:aws:iam::222222222222:role/OrganizationAccountAccessRole
source_profile = dev

[profile prod]
role_arn = arn:aws:iam::333333333333:role/OrganizationAccountAccessRole
source_profile = org
role_session_name = alice
`

let box: Sandbox
beforeAll(async () => {
  box = await createSandbox({ config: CHAINED, prefix: 'idc-node-chain-' })
  await login({ profile: 'dev', env: box.env, onAuthorizeUrl: openInBrowser })
})
afterAll(() => box.cleanup())

describe('fromIdentityCenter with a chained-role profile', () => {
  it('signs STS calls as the role two links up the chain', async () => {
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: box.emu.url,
      credentials: fromIdentityCenter({ profile: 'prod', env: box.env }),
    })
    const who = await sts.send(new GetCallerIdentityCommand({}))
    expect(who.Arn).toBe('arn:aws:sts::333333333333:assumed-role/OrganizationAccountAccessRole/alice')
    expect(box.emu.controls.calls.count('AssumeRole')).toBe(2)
    const creds = await getCredentials({ profile: 'prod', env: box.env })
    expect(creds.accountId).toBe('333333333333')
    // Served from the AWS CLI-compatible assume-role cache.
    expect(box.emu.controls.calls.count('AssumeRole')).toBe(2)
  })
})

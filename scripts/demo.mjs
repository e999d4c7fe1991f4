#!/usr/bin/env node
// End-to-end demo against the embedded IAM Identity Center emulator: a real device-code sign-in with
// the AWS SDK for JavaScript v3, then accounts, roles, role credentials and STS GetCallerIdentity.
// Runs with a temporary HOME and never reads or writes the user's ~/.aws.
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// Isolate from the caller's AWS setup before any SDK code runs.
const home = await mkdtemp(join(tmpdir(), 'idc-demo-'))
process.env.HOME = home
process.env.USERPROFILE = home
for (const key of Object.keys(process.env)) {
  if (key.startsWith('AWS_')) delete process.env[key]
}
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'

// The root package has no SDK dependencies: load them from the emulator package, which has them
// as dev dependencies for its own tests.
const emulatorPkg = new URL('../packages/emulator/package.json', import.meta.url)
const require = createRequire(emulatorPkg)
const oidc = require('@aws-sdk/client-sso-oidc')
const sso = require('@aws-sdk/client-sso')
const sts = require('@aws-sdk/client-sts')
const { startEmulator } = await import(new URL('../packages/emulator/dist/index.js', import.meta.url).href)

const mask = (s) => (s.length <= 8 ? '****' : `${s.slice(0, 4)}…${s.slice(-4)} (${s.length} chars)`)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const step = (text) => console.log(`\n▸ ${text}`)

const emulator = await startEmulator({ port: 0, autoApprove: true })
try {
  console.log(`IAM Identity Center emulator on ${emulator.url} (temporary HOME ${home})`)
  console.log(`start URL ${emulator.startUrl}, region ${emulator.region}`)
  const config = { region: emulator.region, endpoint: emulator.url }
  const oidcClient = new oidc.SSOOIDCClient(config)
  const ssoClient = new sso.SSOClient(config)

  step('RegisterClient')
  const registration = await oidcClient.send(
    new oidc.RegisterClientCommand({
      clientName: 'idc-demo',
      clientType: 'public',
      scopes: ['sso:account:access'],
    }),
  )
  const regExpires = new Date(registration.clientSecretExpiresAt * 1000).toISOString()
  console.log(`  clientId ${mask(registration.clientId)}, registration valid until ${regExpires}`)

  step('StartDeviceAuthorization')
  const device = await oidcClient.send(
    new oidc.StartDeviceAuthorizationCommand({
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      startUrl: emulator.startUrl,
    }),
  )
  console.log(`  Open ${device.verificationUri} and enter the code ${device.userCode}`)
  console.log(`  (or ${device.verificationUriComplete})`)
  console.log('  The emulator runs with auto-approve: it answers the first poll with authorization_pending.')

  step('CreateToken (device_code), polling')
  let interval = device.interval ?? 5
  const deadline = Date.now() + device.expiresIn * 1000
  let token
  let polls = 0
  while (!token) {
    if (Date.now() > deadline) throw new Error('device authorization expired')
    polls++
    try {
      token = await oidcClient.send(
        new oidc.CreateTokenCommand({
          grantType: 'urn:ietf:params:oauth:grant-type:device_code',
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          deviceCode: device.deviceCode,
        }),
      )
    } catch (err) {
      if (err.name === 'AuthorizationPendingException') {
        console.log(`  poll ${polls}: authorization pending, waiting ${interval}s`)
      } else if (err.name === 'SlowDownException') {
        interval += 5
        console.log(`  poll ${polls}: slow down, interval now ${interval}s`)
      } else throw err
      await sleep(interval * 1000)
    }
  }
  console.log(
    `  poll ${polls}: approved — access token ${mask(token.accessToken)}, expires in ${token.expiresIn}s`,
  )
  console.log(`  refresh token ${token.refreshToken ? mask(token.refreshToken) : '(none)'}`)

  step('ListAccounts (paginated, 2 per page)')
  const accounts = []
  for await (const page of sso.paginateListAccounts(
    { client: ssoClient, pageSize: 2 },
    { accessToken: token.accessToken },
  )) {
    accounts.push(...(page.accountList ?? []))
  }
  for (const a of accounts) console.log(`  ${a.accountId}  ${a.accountName.padEnd(8)}  ${a.emailAddress}`)

  const account = accounts[0]
  step(`ListAccountRoles ${account.accountId}`)
  const roles = await ssoClient.send(
    new sso.ListAccountRolesCommand({ accessToken: token.accessToken, accountId: account.accountId }),
  )
  for (const r of roles.roleList ?? []) console.log(`  ${r.roleName}`)

  const roleName = roles.roleList[0].roleName
  step(`GetRoleCredentials ${account.accountId}/${roleName}`)
  const { roleCredentials: creds } = await ssoClient.send(
    new sso.GetRoleCredentialsCommand({
      accessToken: token.accessToken,
      accountId: account.accountId,
      roleName,
    }),
  )
  console.log(`  AWS_ACCESS_KEY_ID=${creds.accessKeyId}`)
  console.log(`  AWS_SECRET_ACCESS_KEY=${mask(creds.secretAccessKey)}`)
  console.log(`  AWS_SESSION_TOKEN=${mask(creds.sessionToken)}`)
  console.log(`  expires ${new Date(creds.expiration).toISOString()}`)

  step('STS GetCallerIdentity, SigV4-signed with those credentials (verified by the emulator)')
  const stsClient = new sts.STSClient({
    ...config,
    credentials: {
      accessKeyId: creds.accessKeyId,
      secretAccessKey: creds.secretAccessKey,
      sessionToken: creds.sessionToken,
    },
  })
  const identity = await stsClient.send(new sts.GetCallerIdentityCommand({}))
  console.log(`  Account ${identity.Account}`)
  console.log(`  Arn     ${identity.Arn}`)

  const counts = emulator.controls.calls.counts()
  console.log('\nSummary')
  console.log(`  signed in as ${identity.Arn.split('/').pop()} after ${polls} polls`)
  console.log(`  ${accounts.length} accounts, ${roles.roleList.length} roles in ${account.accountName}`)
  console.log(
    `  emulator saw: ${Object.entries(counts)
      .filter(([k]) => !k.includes(':'))
      .map(([k, v]) => `${k}×${v}`)
      .join(', ')}`,
  )
  for (const c of [oidcClient, ssoClient, stsClient]) c.destroy()
} finally {
  await emulator.stop()
  await rm(home, { recursive: true, force: true })
}

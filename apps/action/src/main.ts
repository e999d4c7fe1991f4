import * as actions from '@actions/core'
import {
  type BearerToken,
  type Credentials,
  type CredentialsTarget,
  credentialsWithAccessToken,
  credentialVariables,
  getCredentials,
  IdcError,
  resolveCredentials,
  type SessionContext,
  signInWithDeviceCode,
  tokenFromCiSecrets,
} from '@idc/core'
import { type Inputs, maskSecretInputs, readInputs } from './inputs.js'
import { writeProfile } from './profile.js'
import { STATE } from './state.js'

/** The main step: inputs -> token -> role credentials -> env, outputs and (optionally) a profile. */
export async function runMain(): Promise<void> {
  // Mark the run for the post step first: it removes what this step wrote even if it failed half-way.
  actions.saveState(STATE.isPost, 'true')
  maskSecretInputs()
  const inputs = readInputs()
  const ctx: SessionContext = { env: process.env, debug: (line) => actions.debug(line) }
  const target = await resolveTarget(inputs, ctx)
  const credentials = await credentialsFor(inputs, target, ctx)

  actions.setSecret(credentials.accessKeyId)
  actions.setSecret(credentials.secretAccessKey)
  if (credentials.sessionToken) actions.setSecret(credentials.sessionToken)
  const accountId = credentials.accountId ?? target.accountId
  if (inputs.maskAccountId) actions.setSecret(accountId)

  if (inputs.profileName) {
    const file = await writeProfile(inputs.profileName, credentials, inputs.awsRegion)
    actions.info(`Wrote profile ${inputs.profileName} to ${file} (removed again after the job).`)
  }
  // core's variable list (the AWS CLI's names and order, expiration as export-credentials writes it).
  for (const [name, value] of credentialVariables(credentials, { region: inputs.awsRegion })) {
    const isRegion = name === 'AWS_REGION' || name === 'AWS_DEFAULT_REGION'
    if (isRegion || inputs.exportEnv) actions.exportVariable(name, value)
  }
  actions.setOutput('aws-account-id', accountId)
  if (inputs.outputCredentials) {
    actions.setOutput('aws-access-key-id', credentials.accessKeyId)
    actions.setOutput('aws-secret-access-key', credentials.secretAccessKey)
    if (credentials.sessionToken) actions.setOutput('aws-session-token', credentials.sessionToken)
    if (credentials.expiration) actions.setOutput('aws-expiration', credentials.expiration.toISOString())
  }
  const shown = inputs.maskAccountId ? 'the account' : `account ${accountId}`
  const until = credentials.expiration ? `, valid until ${credentials.expiration.toISOString()}` : ''
  actions.info(`Got credentials for role ${target.roleName} in ${shown}${until}.`)
}

async function resolveTarget(inputs: Inputs, ctx: SessionContext): Promise<CredentialsTarget> {
  if (inputs.profile !== undefined) {
    return resolveCredentials(
      { from: 'profile', profile: inputs.profile, accountId: inputs.accountId, roleName: inputs.roleName },
      ctx,
    )
  }
  return resolveCredentials(
    {
      from: 'values',
      startUrl: inputs.startUrl ?? '',
      ssoRegion: inputs.ssoRegion ?? '',
      accountId: inputs.accountId,
      roleName: inputs.roleName,
    },
    ctx,
  )
}

async function credentialsFor(
  inputs: Inputs,
  target: CredentialsTarget,
  ctx: SessionContext,
): Promise<Credentials> {
  const source = inputs.source
  switch (source.mode) {
    case 'profile':
      // The runner user's own sign-in: the same cache, lock and refresh as `aws-idc creds`.
      return (await getCredentials(target, ctx)).credentials
    case 'access-token':
      return credentialsWithAccessToken(target, source.accessToken, ctx)
    case 'refresh-token': {
      const token = await tokenFromCiSecrets(target, source, ctx)
      actions.setSecret(token.accessToken)
      reportRotation(token)
      return credentialsWithAccessToken(target, token.accessToken, ctx)
    }
    case 'device-code': {
      const token = await deviceSignIn(target, source.timeoutMs, ctx)
      actions.setSecret(token.accessToken)
      return credentialsWithAccessToken(target, token.accessToken, ctx)
    }
  }
}

function reportRotation(token: BearerToken): void {
  if (!token.rotatedRefreshToken) return
  actions.setSecret(token.rotatedRefreshToken)
  actions.setOutput('refresh-token', token.rotatedRefreshToken)
  actions.warning(
    'IAM Identity Center rotated the refresh token: the stored refresh-token secret no longer works. ' +
      'Store the `refresh-token` output of this step as the new secret (e.g. `gh secret set AWS_IDC_REFRESH_TOKEN`) before the next run.',
  )
}

async function deviceSignIn(
  target: CredentialsTarget,
  timeoutMs: number,
  ctx: SessionContext,
): Promise<BearerToken> {
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    return await signInWithDeviceCode(target, {
      ...ctx,
      signal,
      onVerification: async (v) => {
        const wait = Math.round(timeoutMs / 1000)
        actions.info(`To sign in, open ${v.verificationUriComplete}`)
        actions.info(`(or ${v.verificationUri} and enter the code ${v.userCode}); waiting up to ${wait} s.`)
        await actions.summary
          .addHeading('Sign in to AWS IAM Identity Center', 3)
          .addRaw(
            `Open <a href="${v.verificationUriComplete}">${v.verificationUri}</a> and confirm the code `,
          )
          .addCodeBlock(v.userCode)
          .addRaw(`This run waits up to ${wait} seconds.`, true)
          .write()
      },
    })
  } catch (error) {
    if (signal.aborted && IdcError.is(error) && error.code === 'aborted') {
      throw new IdcError('aborted', `Nobody approved the sign-in within ${Math.round(timeoutMs / 1000)} s.`, {
        hint: 'Run the workflow again and approve the code shown in the log or the job summary in time (or raise `timeout`).',
      })
    }
    throw error
  }
}

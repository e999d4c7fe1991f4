/**
 * `aws-idc console`'s engine: a sign-in URL for the AWS Management Console as a profile's role.
 * 'federation' (default): role credentials (chained ones too) → getSigninToken → login URL.
 * 'portal': the access portal's console shortcut, which needs no credentials (the browser's portal
 * session signs in, and the console's multi-session support keeps other sessions open).
 */

import { resolveRoleChain } from '../config/chain.js'
import { loadConfigFiles } from '../config/config-files.js'
import type { TargetRequest } from '../config/types.js'
import { IdcError } from '../errors.js'
import { envOf } from '../session/context.js'
import { type GetCredentialsOptions, getCredentials } from '../session/credentials.js'
import { withAccountId } from '../session/portal-ops.js'
import { resolveCredentials } from '../session/resolve.js'
import {
  consoleDestination,
  consoleEndpoints,
  federationLoginUrl,
  type Partition,
  partitionOfArn,
  partitionOfRegion,
  portalConsoleUrl,
} from './console-url.js'
import { getSigninToken } from './federation.js'

export type ConsoleVia = 'federation' | 'portal'

export interface ConsoleOptions extends GetCredentialsOptions {
  via?: ConsoleVia | undefined
  /** A service shortcut (s3, ec2, …), a console path or a console URL; default the console home. */
  destination?: string | undefined
  /** The console region; default the profile's `region`, else the IAM Identity Center region. */
  region?: string | undefined
  fetch?: typeof fetch | undefined
}

export interface ConsoleSignIn {
  /** Holds a sign-in token with 'federation': a secret, never log it unredacted. */
  url: string
  via: ConsoleVia
  accountId: string
  roleName: string
  /** The assumed role, for a chained profile. */
  roleArn?: string | undefined
  profileName?: string | undefined
  partition: Partition
  region: string
  destination: string
  /** 'federation': when the console session ends (the credentials' expiry). */
  sessionEndsAt?: Date | undefined
  chained: boolean
  /** The sign-in token inside `url` ('federation'), so callers can redact it. */
  signinToken?: string | undefined
}

export async function consoleSignIn(
  request: TargetRequest,
  options: ConsoleOptions = {},
): Promise<ConsoleSignIn> {
  const env = envOf(options)
  if ((options.via ?? 'federation') === 'portal') {
    if (request.from === 'profile') {
      const files = await loadConfigFiles({ env, homedir: options.homedir })
      const chain = resolveRoleChain(files, { profile: request.profile }, env)
      if (chain) {
        throw new IdcError(
          'invalid-argument',
          `The access portal signs in only as IAM Identity Center roles, and profile ${chain.profileName} assumes ${chain.links[0]!.roleArn}.`,
          {
            hint: `Leave out --via portal (the default federation sign-in works with chained roles), or use --profile ${chain.source.profileName}.`,
          },
        )
      }
    }
    const target = await resolveCredentials(await withAccountId(request, options), options)
    const partition = partitionOfRegion(target.ssoRegion)
    const region = options.region ?? target.region ?? target.ssoRegion
    const endpoints = consoleEndpoints(partition, env)
    const destination = consoleDestination(options.destination, endpoints.console, region)
    return {
      url: portalConsoleUrl({
        startUrl: target.startUrl,
        accountId: target.accountId,
        roleName: target.roleName,
        destination,
        override: endpoints.override,
      }),
      via: 'portal',
      accountId: target.accountId,
      roleName: target.roleName,
      profileName: target.profileName,
      partition,
      region,
      destination,
      chained: false,
    }
  }

  const result = await getCredentials(request, options)
  const { target } = result
  const partition = result.chain ? partitionOfArn(result.chain.roleArn) : partitionOfRegion(target.ssoRegion)
  const region = options.region ?? target.region ?? target.ssoRegion
  const endpoints = consoleEndpoints(partition, env)
  const destination = consoleDestination(options.destination, endpoints.console, region)
  const signinToken = await getSigninToken(result.credentials, {
    federation: endpoints.federation,
    signal: options.signal,
    fetch: options.fetch,
  })
  options.debug?.(`console sign-in token fetched from ${endpoints.federation}`)
  return {
    url: federationLoginUrl({
      federation: endpoints.federation,
      issuer: endpoints.override ? `${endpoints.override}/start` : target.startUrl,
      destination,
      signinToken,
    }),
    via: 'federation',
    accountId: target.accountId,
    roleName: target.roleName,
    roleArn: result.chain?.roleArn,
    profileName: target.profileName,
    partition,
    region,
    destination,
    sessionEndsAt: result.credentials.expiration,
    chained: result.chain !== undefined,
    signinToken,
  }
}

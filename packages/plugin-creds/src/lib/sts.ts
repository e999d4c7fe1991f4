import {
  applyNetworkPolicy,
  type Credentials,
  IdcError,
  networkClientConfig,
  type ServiceTarget,
} from '@idc/core'

export interface CallerIdentity {
  account: string
  arn: string
  userId: string
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
])

/**
 * STS GetCallerIdentity signed with `credentials` (SigV4). The SDK is imported here, lazily, so no
 * other command pays for it; AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS are honoured by the SDK.
 */
export async function getCallerIdentity(
  credentials: Credentials,
  options: {
    region: string
    signal?: AbortSignal | undefined
    /** Timeouts, retries and debug lines: core's network policy, as for the SSO clients. */
    network?: Omit<ServiceTarget, 'region'> | undefined
  },
): Promise<CallerIdentity> {
  const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts')
  const network = options.network ?? {}
  const client = applyNetworkPolicy(
    new STSClient({
      ...networkClientConfig(network),
      region: options.region,
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken,
      },
    }),
    network,
  )
  try {
    const out = await client.send(new GetCallerIdentityCommand({}), { abortSignal: options.signal })
    return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' }
  } catch (error) {
    throw stsError(error, options.region)
  } finally {
    client.destroy()
  }
}

/** An STS failure as an IdcError (core's mapping speaks of IAM Identity Center, not STS). */
export function stsError(error: unknown, region: string): IdcError {
  if (IdcError.is(error)) return error
  const e = (error ?? {}) as { name?: string; code?: string; message?: string }
  const name = e.name ?? 'Error'
  if (name === 'AbortError') return new IdcError('aborted', 'Interrupted.', { cause: error })
  if ((e.code && NETWORK_CODES.has(e.code)) || name === 'TimeoutError') {
    const host = (error as { $host?: string }).$host
    return new IdcError(
      'network-error',
      `Could not reach ${host ? `STS at ${host}` : `STS in ${region}`} (${e.code ?? name}).`,
      {
        hint: 'Check your network connection, proxy and any endpoint override (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_STS).',
        cause: error,
      },
    )
  }
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException') {
    return new IdcError('service-error', 'STS says the role credentials have expired.', {
      hint: 'Run the command again: expired role credentials are fetched anew while the sign-in lasts.',
      cause: error,
    })
  }
  return new IdcError('service-error', `STS GetCallerIdentity failed in ${region}: ${name}.`, {
    hint: 'Check the region (--region) and any STS endpoint override; run again with --debug for details.',
    cause: error,
  })
}

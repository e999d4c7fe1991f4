/*
 * "Who am I": STS GetCallerIdentity with role credentials, and STS failures told as what they are
 * (network, clock skew, expired credentials). Used by `aws-idc whoami`.
 */
import { isNetworkError } from '../aws-errors.js'
import type { SdkSettings } from '../config/sdk-settings.js'
import type { NetworkTimeouts } from '../config/timeouts.js'
import { IdcError } from '../errors.js'
import { createStsClient } from '../sdk/clients.js'
import { clockSkewError, MAX_CLOCK_SKEW_MS, skewFromDate } from '../sdk/server-clock.js'
import type { Credentials } from '../types.js'

/** Local clock minus the service's (its `Date` response header), when the error carries the response. */
export function clockSkewOf(error: unknown, now = Date.now()): number | undefined {
  const headers = (error as { $response?: { headers?: Record<string, string | undefined> } } | undefined)
    ?.$response?.headers
  return skewFromDate(headers?.['date'] ?? headers?.['Date'], now)
}

export interface CallerIdentity {
  account: string
  arn: string
  userId: string
}

/**
 * STS GetCallerIdentity signed with `credentials` (SigV4), through core's STS client (the network
 * policy: timeouts, retries, the call budget, a --debug line per attempt). The SDK is imported
 * lazily. Given the target's endpoint and settings, the SDK reads no shared config; without them
 * it applies AWS_ENDPOINT_URL(_STS) and its active profile's settings itself.
 */
export async function getCallerIdentity(
  credentials: Credentials,
  options: {
    region: string
    /** The target's STS endpoint override and SDK settings (ResolvedTarget.stsEndpoint / .sdk). */
    endpoint?: string | undefined
    settings?: SdkSettings | undefined
    signal?: AbortSignal | undefined
    /** Timeouts by precedence (e.g. flags, then the target's), then the defaults. */
    timeouts?: Array<NetworkTimeouts | undefined> | undefined
    debug?: ((line: string) => void) | undefined
  },
): Promise<CallerIdentity> {
  const [{ GetCallerIdentityCommand }, client] = await Promise.all([
    import('@aws-sdk/client-sts'),
    createStsClient({
      region: options.region,
      endpoint: options.endpoint,
      settings: options.settings,
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken,
      },
      timeouts: options.timeouts,
      debug: options.debug,
    }),
  ])
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
  if (isNetworkError(error)) {
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
  const skew = clockSkewOf(error)
  // SigV4 and credential expiry are judged by the service's clock: running again cannot help.
  if (skew !== undefined && Math.abs(skew) > MAX_CLOCK_SKEW_MS)
    return clockSkewError(skew, 'STS', `STS rejected the request (${name})`, { cause: error })
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

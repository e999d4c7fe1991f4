/**
 * One STS AssumeRole through the real `@aws-sdk/client-sts` (created by core's client factory, so
 * it shares its timeouts and retries), with every failure turned into one line and a hint.
 */
import { isNetworkError } from '../aws-errors.js'
import type { AssumeRoleLink } from '../config/chain.js'
import type { SdkSettings } from '../config/sdk-settings.js'
import { IdcError } from '../errors.js'
import { createStsClient } from '../sdk/clients.js'
import type { Credentials } from '../types.js'
import type { AssumedRole } from './assume-role-cache.js'

export interface AssumeRoleOptions {
  region: string
  endpoint?: string | undefined
  /** The chained profile's SDK settings; with them `endpoint` is final (sdk/clients.ts). */
  settings?: SdkSettings | undefined
  clientConfig?: Record<string, unknown> | undefined
  signal?: AbortSignal | undefined
  /** Who asks, for messages: the source profile and what its credentials are. */
  sourceDescription: string
  /** Session name when the profile configures none (botocore: `botocore-session-<epoch s>`). */
  defaultSessionName: string
}

export async function assumeRole(
  link: AssumeRoleLink,
  source: Credentials,
  options: AssumeRoleOptions,
): Promise<AssumedRole> {
  const { AssumeRoleCommand } = await import('@aws-sdk/client-sts')
  const client = await createStsClient({
    region: options.region,
    endpoint: options.endpoint,
    settings: options.settings,
    clientConfig: options.clientConfig,
    credentials: {
      accessKeyId: source.accessKeyId,
      secretAccessKey: source.secretAccessKey,
      sessionToken: source.sessionToken,
    },
  })
  try {
    const out = await client.send(
      new AssumeRoleCommand({
        RoleArn: link.roleArn,
        RoleSessionName: link.roleSessionName ?? options.defaultSessionName,
        ...(link.externalId !== undefined ? { ExternalId: link.externalId } : {}),
        ...(link.durationSeconds !== undefined ? { DurationSeconds: link.durationSeconds } : {}),
      }),
      { abortSignal: options.signal },
    )
    const c = out.Credentials
    const arn = out.AssumedRoleUser?.Arn ?? ''
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw new IdcError('service-error', `STS AssumeRole of ${link.roleArn} returned no credentials.`, {
        hint: 'Try again; run with --debug for details.',
      })
    }
    return {
      credentials: {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
        accountId: /^arn:[^:]+:sts::(\d{12}):/.exec(arn)?.[1],
      },
      arn,
      assumedRoleId: out.AssumedRoleUser?.AssumedRoleId ?? '',
    }
  } catch (error) {
    throw assumeRoleError(error, link, options)
  } finally {
    client.destroy()
  }
}

/** An AssumeRole failure as one line that names the role, the profile asking and its source. */
export function assumeRoleError(error: unknown, link: AssumeRoleLink, options: AssumeRoleOptions): IdcError {
  if (IdcError.is(error)) return error
  const e = (error ?? {}) as {
    name?: string
    code?: string
    message?: string
    $metadata?: { httpStatusCode?: number }
  }
  const name = e.name ?? 'Error'
  const message = e.message && e.message !== 'UnknownError' ? e.message : name
  const what = `AssumeRole of ${link.roleArn} (profile ${link.profileName}) with ${options.sourceDescription}`
  const details = {
    operation: 'AssumeRole',
    awsError: name,
    roleArn: link.roleArn,
    profile: link.profileName,
  }
  const make = (code: ConstructorParameters<typeof IdcError>[0], text: string, hint: string) =>
    new IdcError(code, text, { hint, cause: error, details })
  if (name === 'AbortError') return new IdcError('aborted', 'Interrupted.', { cause: error })
  if (name === 'AccessDenied' || name === 'AccessDeniedException') {
    return make(
      'forbidden',
      `STS denied ${what}: ${message}`,
      `Check role_arn in ${link.section} of ${link.file} and that the role's trust policy lets the source role assume it${link.externalId === undefined ? '' : ' with this external_id'}.`,
    )
  }
  if (name === 'ValidationError' && /1 hour|role chaining/i.test(message)) {
    return make(
      'config-invalid',
      `STS refused ${what}: ${message}`,
      `Role chaining limits a session to 1 hour: set duration_seconds in ${link.section} of ${link.file} to 3600 or less.`,
    )
  }
  if (name === 'ExpiredToken' || name === 'InvalidClientTokenId' || name === 'ExpiredTokenException') {
    return make(
      'service-error',
      `STS rejected the source credentials for ${what} (${name}).`,
      'Run the command again: expired source credentials are fetched anew while the sign-in lasts.',
    )
  }
  if (isNetworkError(error)) {
    return make(
      'network-error',
      `Could not reach STS in ${options.region}${options.endpoint ? ` at ${options.endpoint}` : ''} (${e.code ?? name}).`,
      'Check your network connection, proxy and any endpoint override (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_STS), then try again.',
    )
  }
  if (name === 'Throttling' || name === 'ThrottlingException') {
    return make('throttled', `STS throttled ${what} and retries ran out.`, 'Wait a moment and try again.')
  }
  const status = e.$metadata?.httpStatusCode
  return make(
    'service-error',
    `STS ${what} failed: ${name}${status ? ` (HTTP ${status})` : ''}: ${message}`,
    'Check role_arn, external_id and the region; run again with --debug for details.',
  )
}

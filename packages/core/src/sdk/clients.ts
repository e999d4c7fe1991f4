/**
 * Lazy factories for the real AWS SDK clients. The SDK costs ~100 ms to import, and the warm
 * credential path (valid token + valid role cache) must not pay it, so nothing here is imported at
 * module load: the `import type` lines are erased at compile time.
 */
import type { SSOClient, SSOClientConfig } from '@aws-sdk/client-sso'
import type { SSOOIDCClient, SSOOIDCClientConfig } from '@aws-sdk/client-sso-oidc'
import type { STSClient, STSClientConfig } from '@aws-sdk/client-sts'

export interface ServiceTarget {
  /** The IAM Identity Center region (`sso_region`), not the profile's ordinary region. */
  region: string
  /** An endpoint override (AWS_ENDPOINT_URL_SSO[_OIDC], services section, endpoint_url); undefined = AWS default. */
  endpoint?: string | undefined
  /** Passed through to the client constructor (e.g. a custom requestHandler or maxAttempts). */
  clientConfig?: Record<string, unknown> | undefined
}

export async function createOidcClient(target: ServiceTarget): Promise<SSOOIDCClient> {
  const { SSOOIDCClient } = await import('@aws-sdk/client-sso-oidc')
  const config: SSOOIDCClientConfig = {
    ...(target.clientConfig as SSOOIDCClientConfig | undefined),
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  }
  return new SSOOIDCClient(config)
}

export async function createPortalClient(target: ServiceTarget): Promise<SSOClient> {
  const { SSOClient } = await import('@aws-sdk/client-sso')
  const config: SSOClientConfig = {
    ...(target.clientConfig as SSOClientConfig | undefined),
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  }
  return new SSOClient(config)
}

/** An STS client signing with `credentials` (AssumeRole for chained profiles). */
export async function createStsClient(
  target: ServiceTarget & {
    credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }
  },
): Promise<STSClient> {
  const { STSClient } = await import('@aws-sdk/client-sts')
  const config: STSClientConfig = {
    ...(target.clientConfig as STSClientConfig | undefined),
    region: target.region,
    credentials: target.credentials,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  }
  return new STSClient(config)
}

/**
 * The OIDC origin the browser is sent to for `/authorize` (PROTOCOL.md §2.4): scheme and host of the
 * resolved OIDC endpoint; any path of an override is dropped, as the AWS CLI does.
 */
export function oidcOrigin(region: string, endpoint?: string): string {
  if (endpoint) {
    const url = new URL(endpoint)
    return `${url.protocol}//${url.host}`
  }
  const suffix = region.startsWith('cn-')
    ? 'amazonaws.com.cn'
    : region.startsWith('eusc-')
      ? 'amazonaws.eu'
      : 'amazonaws.com'
  return `https://oidc.${region}.${suffix}`
}

import type { ResolvedTarget } from '@idc/core'
import type { CheckJson, Env } from './types.js'

/**
 * endpoints: the overrides in effect, as core resolved them for each target (core owns the order
 * of AWS_ENDPOINT_URL_*, the services section and endpoint_url); the variables set are listed so
 * a person sees where they came from.
 */
export function endpointsCheck(env: Env, targets: readonly ResolvedTarget[]): CheckJson {
  const variables = Object.keys(env)
    .filter(
      (k) => (k.startsWith('AWS_ENDPOINT_URL') || k === 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS') && env[k],
    )
    .sort()
    .map((k) => `${k}=${env[k]}`)
  const resolved = new Set<string>()
  for (const t of targets) {
    if (t.endpoints.ssoOidc) resolved.add(`sso-oidc ${t.endpoints.ssoOidc}`)
    if (t.endpoints.sso) resolved.add(`sso ${t.endpoints.sso}`)
  }
  if (variables.length === 0 && resolved.size === 0) {
    return { name: 'endpoints', status: 'info', message: 'none: the AWS endpoints of each sso_region' }
  }
  const set = variables.length > 0 ? `set: ${variables.join(', ')}` : ''
  return {
    name: 'endpoints',
    status: 'info',
    message:
      resolved.size > 0
        ? `overrides in effect: ${[...resolved].join(', ')}${set ? ` (${set})` : ''}`
        : `no override in effect (${set})`,
  }
}

import { IdcError } from '../errors.js'
import { type ConfigFiles, getServicesSection } from './config-files.js'
import type { ConfigSection, Setting } from './config-section.js'
import { booleanSetting } from './sdk-settings.js'
import type { Env, SsoEndpoints } from './types.js'

const SERVICES = [
  { field: 'sso', envSuffix: 'SSO', configKey: 'sso' },
  { field: 'ssoOidc', envSuffix: 'SSO_OIDC', configKey: 'sso_oidc' },
] as const

/**
 * Endpoint overrides for the SSO and SSO OIDC clients (docs/reference.md#endpoints), in the order both tools use:
 * AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's `[services X]` section, the profile's
 * `endpoint_url`; all ignored when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configured_endpoint_urls
 * is true. `profile` is the active profile (undefined when there is none). Undefined means no override.
 */
export function resolveEndpoints(
  files: ConfigFiles,
  profile: ConfigSection | undefined,
  env: Env,
): SsoEndpoints {
  if (ignoreConfiguredEndpoints(profile, env)) return {}
  const out: SsoEndpoints = {}
  for (const service of SERVICES) {
    out[service.field] = endpointFor(service, files, profile, env)
  }
  return out
}

/** STS (AssumeRole of chained profiles, GetCallerIdentity): AWS_ENDPOINT_URL_STS, services `sts`. */
export const STS = { envSuffix: 'STS', configKey: 'sts' } as const

/**
 * The endpoint override of any other AWS service by the same rules (used for STS: AssumeRole of
 * chained profiles). `envSuffix` e.g. `STS`, `configKey` the services-section key, e.g. `sts`.
 */
export function resolveServiceEndpoint(
  service: { envSuffix: string; configKey: string },
  files: ConfigFiles,
  profile: ConfigSection | undefined,
  env: Env,
): string | undefined {
  if (ignoreConfiguredEndpoints(profile, env)) return undefined
  return endpointFor(service, files, profile, env)
}

function endpointFor(
  service: { envSuffix: string; configKey: string },
  files: ConfigFiles,
  profile: ConfigSection | undefined,
  env: Env,
): string | undefined {
  const serviceVar = `AWS_ENDPOINT_URL_${service.envSuffix}`
  if (env[serviceVar])
    return checkUrl(env[serviceVar], `the environment variable ${serviceVar}`, `Set ${serviceVar}`)
  if (env.AWS_ENDPOINT_URL) {
    return checkUrl(env.AWS_ENDPOINT_URL, 'the environment variable AWS_ENDPOINT_URL', 'Set AWS_ENDPOINT_URL')
  }
  if (!profile) return undefined
  // Read only when the environment gave nothing: both tools fail on a missing services section only then.
  const servicesName = profile.get('services')
  if (servicesName) {
    const section = getServicesSection(files, servicesName.value)
    if (!section) {
      throw new IdcError(
        'config-invalid',
        `The profile is configured to use the services section but the "${servicesName.value}" services configuration does not exist (services in ${servicesName.section} of ${servicesName.file}, line ${servicesName.line}).`,
        {
          hint: `Add a [services ${servicesName.value}] section to ${files.config.path}, or remove services from ${servicesName.section}.`,
          details: { file: servicesName.file, section: servicesName.section, key: 'services' },
        },
      )
    }
    const nested = section.getNested(service.configKey, 'endpoint_url')
    if (nested) return checkSetting(nested, `${service.configKey}.endpoint_url`)
  }
  const own = profile.get('endpoint_url')
  return own ? checkSetting(own, 'endpoint_url') : undefined
}

function ignoreConfiguredEndpoints(profile: ConfigSection | undefined, env: Env): boolean {
  return booleanSetting(
    profile,
    env,
    'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
    'ignore_configured_endpoint_urls',
  )
}

function checkSetting(setting: Setting, key: string): string {
  return checkUrl(
    setting.value,
    `${key} in ${setting.section} of ${setting.file} (line ${setting.line})`,
    `Fix ${key} on line ${setting.line} of ${setting.file}`,
    { file: setting.file, section: setting.section, key },
  )
}

/** An endpoint override must be an http(s) URL; `what` names where it came from, `fix` starts the hint. */
export function checkUrl(
  value: string,
  what: string,
  fix: string,
  details?: Record<string, unknown>,
): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new IdcError(
      'config-invalid',
      `The endpoint URL from ${what} is not an http(s) URL: ${JSON.stringify(value)}.`,
      {
        hint: `${fix} to a URL such as http://127.0.0.1:8080 or https://example.com.`,
        details,
      },
    )
  }
  return value
}

import { IdcError } from '../errors.js'
import type { ConfigSection } from './config-section.js'
import type { Env } from './types.js'

/**
 * The shared-config settings the AWS SDK's SSO, SSO OIDC and STS clients would otherwise look up
 * themselves (docs/reference.md#sdk-settings). Resolved from the environment and the profile being
 * resolved, as botocore does; the JS SDK reads them from the profile AWS_PROFILE (or `default`)
 * selects whatever profile is in use, and parses the shared files a second time to do so.
 */
export interface SdkSettings {
  /** `AWS_USE_FIPS_ENDPOINT`, else `use_fips_endpoint`; default false. */
  useFipsEndpoint: boolean
  /** `AWS_USE_DUALSTACK_ENDPOINT`, else `use_dualstack_endpoint`; default false. */
  useDualstackEndpoint: boolean
  /** `AWS_SDK_UA_APP_ID`, else `sdk_ua_app_id`: added to the User-Agent header as `app/<id>`. */
  userAgentAppId?: string | undefined
}

/** `profile`: the profile whose settings apply (undefined: none; the environment still counts). */
export function resolveSdkSettings(profile: ConfigSection | undefined, env: Env): SdkSettings {
  const appId = env.AWS_SDK_UA_APP_ID || profile?.get('sdk_ua_app_id')?.value
  return {
    useFipsEndpoint: booleanSetting(profile, env, 'AWS_USE_FIPS_ENDPOINT', 'use_fips_endpoint'),
    useDualstackEndpoint: booleanSetting(
      profile,
      env,
      'AWS_USE_DUALSTACK_ENDPOINT',
      'use_dualstack_endpoint',
    ),
    ...(appId ? { userAgentAppId: appId } : {}),
  }
}

/**
 * A true/false setting: the environment variable when set (an empty one is unset), else the
 * profile's key, else false. Only `true` and `false`: the JS SDK throws on anything else (botocore
 * reads other spellings as false), so aws-idc says which line to fix.
 */
export function booleanSetting(
  profile: ConfigSection | undefined,
  env: Env,
  variable: string,
  key: string,
): boolean {
  const fromEnv = env[variable]
  if (fromEnv) {
    return parseBoolean(fromEnv, `the environment variable ${variable}`, {
      hint: `Set ${variable} to true or false.`,
    })
  }
  const setting = profile?.get(key)
  if (!setting) return false
  return parseBoolean(setting.value, `${key} in ${setting.section} of ${setting.file}`, {
    hint: `Set ${key} to true or false (lower case) on line ${setting.line} of ${setting.file}.`,
    details: { file: setting.file, section: setting.section, key },
  })
}

function parseBoolean(
  value: string,
  what: string,
  options: { hint: string; details?: Record<string, unknown> },
): boolean {
  if (value === 'true') return true
  if (value === 'false') return false
  throw new IdcError(
    'config-invalid',
    `Expected "true" or "false" for ${what}, got ${JSON.stringify(value)}.`,
    options,
  )
}

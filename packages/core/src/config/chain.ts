/**
 * Chained-role profiles (docs/role-chaining.md): `role_arn` + `source_profile`, as the AWS CLI and
 * SDKs read them. A chain ends at an IAM Identity Center profile; every link above it is an STS
 * AssumeRole. Resolving reads configuration only (no SDK, no network) so the warm path can use it.
 */
import { IdcError } from '../errors.js'
import { type ConfigFiles, getProfile, listProfiles } from './config-files.js'
import type { ConfigSection, Setting } from './config-section.js'
import { resolveServiceEndpoint, STS } from './endpoints.js'
import { selectProfileName } from './paths.js'
import { resolveCredentialsTarget } from './resolve.js'
import { resolveSdkSettings, type SdkSettings } from './sdk-settings.js'
import { hasSsoConfiguration } from './sso-profile.js'
import type { CredentialsTarget, Env, RoleChoice } from './types.js'

/** One AssumeRole: the profile that asks for it and the parameters botocore sends. */
export interface AssumeRoleLink {
  profileName: string
  roleArn: string
  /** As configured; undefined means a generated name, which botocore leaves out of the cache key. */
  roleSessionName?: string | undefined
  externalId?: string | undefined
  durationSeconds?: number | undefined
  /** Where the link is configured, for messages: `[profile x]` and the file. */
  section: string
  file: string
}

export interface RoleChain {
  /** The profile asked for. */
  profileName: string
  /** From the profile asked for down to the one whose source_profile is the IAM Identity Center profile. */
  links: AssumeRoleLink[]
  /** The IAM Identity Center profile at the bottom of the chain, resolved as for `creds`. */
  source: CredentialsTarget
  /** The region for STS and the console: the first `region` found walking down the chain. */
  region: string | undefined
  /** An STS endpoint override (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, services `sts`, endpoint_url). */
  stsEndpoint: string | undefined
  /** The SDK settings of the profile asked for (FIPS, dual-stack, app id), for its STS client. */
  stsSettings: SdkSettings
}

/** AWS's limit for a role session assumed with another role's credentials (role chaining). */
export const CHAINED_SESSION_MAX_SECONDS = 3600
/** AssumeRole's minimum DurationSeconds. */
export const MIN_SESSION_SECONDS = 900

const ROLE_ARN = /^arn:(aws|aws-us-gov|aws-cn):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/

/** True when botocore's AssumeRoleProvider would handle the profile (role_arn, no web identity). */
export function isChainedProfile(profile: ConfigSection): boolean {
  return profile.has('role_arn') && !profile.has('web_identity_token_file')
}

/** The account id, role name and partition of a role ARN (validated by `resolveRoleChain`). */
export function parseRoleArn(arn: string): { partition: string; accountId: string; roleName: string } {
  const m = ROLE_ARN.exec(arn)
  if (!m) throw new IdcError('invalid-argument', `Not an IAM role ARN: ${arn}.`)
  return { partition: m[1]!, accountId: m[2]!, roleName: m[3]! }
}

/**
 * The role chain of a profile, or undefined when the profile is not a chained one (then it is
 * resolved as an IAM Identity Center profile as before). Errors are one line with a hint: a
 * loop, a missing source profile, a source that is neither chained nor IAM Identity Center, a
 * duration beyond the one-hour limit of chained sessions.
 */
export function resolveRoleChain(
  files: ConfigFiles,
  request: RoleChoice & { profile?: string | undefined },
  env: Env,
): RoleChain | undefined {
  const name = selectProfileName(request.profile, env)
  const top = getProfile(files, name)
  if (!top || !isChainedProfile(top)) return undefined
  if (request.accountId || request.roleName) {
    throw new IdcError(
      'invalid-argument',
      `Profile ${name} assumes ${top.get('role_arn')!.value}: --account-id and --role-name do not apply to a chained-role profile.`,
      { hint: `Leave out --account-id and --role-name, or use the IAM Identity Center profile directly.` },
    )
  }
  const links: AssumeRoleLink[] = []
  const visited: string[] = []
  let region: string | undefined
  let current: { name: string; profile: ConfigSection } = { name, profile: top }
  for (;;) {
    visited.push(current.name)
    const { profile } = current
    region ??= profile.get('region')?.value
    links.push(linkOf(current.name, profile))
    if (profile.has('credential_source')) {
      const setting = profile.get('credential_source')!
      throw new IdcError(
        'config-invalid',
        `Profile ${current.name} uses credential_source, which aws-idc does not support (${where(setting)}).`,
        {
          hint: `Use source_profile = <an IAM Identity Center profile> in ${profile.label} of ${profile.file} instead of credential_source.`,
          details: { file: setting.file, section: setting.section, key: 'credential_source' },
        },
      )
    }
    const sourceRef = profile.get('source_profile')
    if (!sourceRef) {
      throw new IdcError(
        'config-invalid',
        `Profile ${current.name} has role_arn but no source_profile (${profile.label} in ${profile.file}).`,
        {
          hint: `Add source_profile = <an IAM Identity Center profile> to ${profile.label} in ${profile.file}.`,
          details: { file: profile.file, section: profile.label, key: 'source_profile' },
        },
      )
    }
    const sourceName = sourceRef.value
    if (visited.includes(sourceName)) {
      throw new IdcError(
        'config-invalid',
        `Infinite loop in credential configuration detected: ${[...visited, sourceName].join(' -> ')} (source_profile in ${where(sourceRef)}).`,
        {
          hint: `Change source_profile on line ${sourceRef.line} of ${sourceRef.file} so the chain ends at an IAM Identity Center profile.`,
          details: { file: sourceRef.file, section: sourceRef.section, key: 'source_profile', visited },
        },
      )
    }
    const source = getProfile(files, sourceName)
    if (!source) {
      const known = listProfiles(files).filter((p) => p !== current.name)
      throw new IdcError(
        'profile-not-found',
        `The source_profile "${sourceName}" referenced in the profile "${current.name}" does not exist (${where(sourceRef)}).`,
        {
          hint:
            `Run \`aws-idc configure --profile ${sourceName}\`, or set source_profile on line ${sourceRef.line} of ${sourceRef.file}` +
            (known.length > 0 ? ` to one of: ${known.join(', ')}.` : ' to an IAM Identity Center profile.'),
          details: {
            file: sourceRef.file,
            section: sourceRef.section,
            key: 'source_profile',
            profile: sourceName,
          },
        },
      )
    }
    if (isChainedProfile(source)) {
      current = { name: sourceName, profile: source }
      continue
    }
    if (!hasSsoConfiguration(source)) {
      throw new IdcError(
        'config-invalid',
        `The source_profile "${sourceName}" of profile "${current.name}" is not an IAM Identity Center profile: aws-idc chains roles from IAM Identity Center sign-ins (${where(sourceRef)}).`,
        {
          hint: `Point source_profile on line ${sourceRef.line} of ${sourceRef.file} at a profile with sso_session (or sso_start_url), sso_account_id and sso_role_name.`,
          details: {
            file: sourceRef.file,
            section: sourceRef.section,
            key: 'source_profile',
            profile: sourceName,
          },
        },
      )
    }
    const target = resolveCredentialsTarget(files, { from: 'profile', profile: sourceName }, { env })
    region ??= target.region
    return {
      profileName: name,
      links,
      source: target,
      region,
      stsEndpoint: resolveServiceEndpoint(STS, files, top, env),
      stsSettings: resolveSdkSettings(top, env),
    }
  }
}

function linkOf(profileName: string, profile: ConfigSection): AssumeRoleLink {
  const arnSetting = profile.get('role_arn')!
  const roleArn = arnSetting.value.trim()
  if (!ROLE_ARN.test(roleArn)) {
    throw new IdcError(
      'config-invalid',
      `role_arn in ${where(arnSetting)} is not an IAM role ARN: ${JSON.stringify(arnSetting.value)}.`,
      {
        hint: `Set role_arn on line ${arnSetting.line} of ${arnSetting.file} to a role ARN such as arn:aws:iam::123456789012:role/Admin.`,
        details: { file: arnSetting.file, section: arnSetting.section, key: 'role_arn' },
      },
    )
  }
  if (profile.has('mfa_serial')) {
    const setting = profile.get('mfa_serial')!
    throw new IdcError(
      'config-invalid',
      `Profile ${profileName} sets mfa_serial: aws-idc does not prompt for MFA codes (${where(setting)}).`,
      {
        hint: `Remove mfa_serial from ${profile.label} in ${profile.file}: IAM Identity Center already asked for MFA at sign-in.`,
        details: { file: setting.file, section: setting.section, key: 'mfa_serial' },
      },
    )
  }
  const sessionName = profile.get('role_session_name')
  if (sessionName && !SESSION_NAME.test(sessionName.value)) {
    throw new IdcError(
      'config-invalid',
      `role_session_name in ${where(sessionName)} must be 2 to 64 letters, digits or +=,.@_- characters, got ${JSON.stringify(sessionName.value)}.`,
      {
        hint: `Fix role_session_name on line ${sessionName.line} of ${sessionName.file}.`,
        details: { file: sessionName.file, section: sessionName.section, key: 'role_session_name' },
      },
    )
  }
  const duration = profile.get('duration_seconds')
  return {
    profileName,
    roleArn,
    roleSessionName: sessionName?.value,
    externalId: profile.get('external_id')?.value,
    durationSeconds: duration ? checkDuration(duration) : undefined,
    section: profile.label,
    file: profile.file,
  }
}

function checkDuration(setting: Setting): number {
  const text = setting.value.trim()
  const seconds = /^\d+$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(seconds) || seconds < MIN_SESSION_SECONDS) {
    throw new IdcError(
      'config-invalid',
      `duration_seconds in ${where(setting)} must be a whole number of seconds from ${MIN_SESSION_SECONDS} to ${CHAINED_SESSION_MAX_SECONDS}, got ${JSON.stringify(setting.value)}.`,
      {
        hint: `Set duration_seconds on line ${setting.line} of ${setting.file} to a number from ${MIN_SESSION_SECONDS} to ${CHAINED_SESSION_MAX_SECONDS}, or remove it (default 3600).`,
        details: { file: setting.file, section: setting.section, key: 'duration_seconds' },
      },
    )
  }
  if (seconds > CHAINED_SESSION_MAX_SECONDS) {
    throw new IdcError(
      'config-invalid',
      `duration_seconds = ${seconds} in ${where(setting)} asks for more than 1 hour: AWS caps sessions assumed with another role's credentials (role chaining, as every IAM Identity Center role is) at 1 hour.`,
      {
        hint: `Set duration_seconds on line ${setting.line} of ${setting.file} to ${CHAINED_SESSION_MAX_SECONDS} or less, or remove it (default 3600).`,
        details: {
          file: setting.file,
          section: setting.section,
          key: 'duration_seconds',
          max: CHAINED_SESSION_MAX_SECONDS,
        },
      },
    )
  }
  return seconds
}

function where(setting: Setting): string {
  return `${setting.section} of ${setting.file}, line ${setting.line}`
}

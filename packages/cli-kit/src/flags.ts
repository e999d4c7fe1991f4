import { Args, Flags } from '@oclif/core'

/** Flags every aws-idc command has (besides `--json`, which `enableJsonFlag` adds). */
export const globalFlags = {
  profile: Flags.string({
    char: 'p',
    description: 'Profile in the AWS config file (default: $AWS_PROFILE, else "default").',
    env: 'AWS_PROFILE',
    helpGroup: 'GLOBAL',
    helpValue: '<name>',
  }),
  region: Flags.string({
    description: 'AWS region for the client (AWS_REGION); not the IAM Identity Center region.',
    helpGroup: 'GLOBAL',
    helpValue: '<region>',
  }),
  debug: Flags.boolean({
    description: 'Print debug lines and full error details (secrets redacted).',
    helpGroup: 'GLOBAL',
    default: false,
  }),
  'cli-connect-timeout': Flags.string({
    description:
      'Seconds to wait for a connection to AWS (0: no limit). Default: $AWS_IDC_CLI_CONNECT_TIMEOUT, else cli_connect_timeout of the profile, else 5.',
    helpGroup: 'GLOBAL',
    helpValue: '<seconds>',
  }),
  'cli-read-timeout': Flags.string({
    description:
      'Seconds to wait for an answer from AWS (0: no limit). Default: $AWS_IDC_CLI_READ_TIMEOUT, else cli_read_timeout of the profile, else 15.',
    helpGroup: 'GLOBAL',
    helpValue: '<seconds>',
  }),
}

/** Flags that name a sign-in target without a profile. */
export const sessionFlags = {
  'sso-session': Flags.string({
    description: 'An [sso-session] section of the AWS config file (instead of a profile).',
    helpGroup: 'TARGET',
    helpValue: '<name>',
  }),
  'start-url': Flags.string({
    description: 'The AWS access portal URL, e.g. https://my-org.awsapps.com/start (no config needed).',
    helpGroup: 'TARGET',
    helpValue: '<url>',
  }),
  'sso-region': Flags.string({
    description: 'The region of IAM Identity Center (with --start-url).',
    helpGroup: 'TARGET',
    helpValue: '<region>',
  }),
}

/** Flags that pick an account and role (override the profile's sso_account_id / sso_role_name). */
export const roleFlags = {
  'account-id': Flags.string({
    description: 'The AWS account: its 12-digit ID, or its name as `aws-idc accounts` lists it.',
    helpGroup: 'TARGET',
    helpValue: '<id|name>',
  }),
  'role-name': Flags.string({
    description: 'The permission set (role) name.',
    helpGroup: 'TARGET',
    helpValue: '<name>',
  }),
}

/** Everything that selects a target for role credentials. */
export const targetFlags = { ...sessionFlags, ...roleFlags }

/**
 * `creds dev`, `login dev` (aws-vault's shape): the profile as the first argument, same as --profile.
 * Never read from stdin (oclif's default for a missing argument): `echo x | aws-idc whoami` or a call
 * inside `while read` would take the piped line as the profile and swallow the loop's input.
 */
export const profileArg = {
  profile: Args.string({
    description: 'The profile (same as --profile).',
    required: false,
    ignoreStdin: true,
  }),
}

/** Sign in when the session expired or is missing, without asking (for scripts that may open a browser). */
export const autoLoginFlag = {
  'auto-login': Flags.boolean({
    description:
      'When the sign-in expired or is missing, sign in right away (on a terminal aws-idc asks first).',
    helpGroup: 'GLOBAL',
    default: false,
  }),
}

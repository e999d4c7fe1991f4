/**
 * URLs of the AWS Management Console sign-in (docs/console.md): the federation endpoint and console
 * host of each partition, console destinations (paths and service shortcuts) and the access
 * portal's console shortcut. Pure functions: no network, no SDK.
 */
import { checkUrl } from '../config/endpoints.js'
import type { Env } from '../config/types.js'
import { IdcError } from '../errors.js'

export type Partition = 'aws' | 'aws-us-gov' | 'aws-cn'

const HOSTS: Record<Partition, { federation: string; console: string; defaultRegion: string }> = {
  aws: {
    federation: 'https://signin.aws.amazon.com/federation',
    console: 'https://console.aws.amazon.com',
    defaultRegion: 'us-east-1',
  },
  'aws-us-gov': {
    federation: 'https://signin.amazonaws-us-gov.com/federation',
    console: 'https://console.amazonaws-us-gov.com',
    defaultRegion: 'us-gov-west-1',
  },
  'aws-cn': {
    federation: 'https://signin.amazonaws.cn/federation',
    console: 'https://console.amazonaws.cn',
    defaultRegion: 'cn-north-1',
  },
}

/** The service-specific override of the sign-in and console URLs (AWS_ENDPOINT_URL is the fallback). */
export const SIGNIN_ENDPOINT_VARIABLE = 'AWS_IDC_ENDPOINT_URL_SIGNIN'

export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

export function partitionOfArn(arn: string): Partition {
  const p = /^arn:([\w-]+):/.exec(arn)?.[1]
  return p === 'aws-cn' || p === 'aws-us-gov' ? p : 'aws'
}

export function defaultRegionOf(partition: Partition): string {
  return HOSTS[partition].defaultRegion
}

export interface ConsoleEndpoints {
  /** `…/federation` (getSigninToken and login). */
  federation: string
  /** Where console paths live: `https://console.aws.amazon.com`, or `<override>/console`. */
  console: string
  /** The override used, when any (then the hosts are an emulator's). */
  override?: string | undefined
}

/**
 * The partition's federation endpoint and console, or an override's: AWS_IDC_ENDPOINT_URL_SIGNIN,
 * else AWS_ENDPOINT_URL (as for every other service), gives `<url>/federation` and `<url>/console`.
 */
export function consoleEndpoints(partition: Partition, env: Env): ConsoleEndpoints {
  const override = env[SIGNIN_ENDPOINT_VARIABLE] || env.AWS_ENDPOINT_URL
  if (override) {
    const base = checkOverride(
      override,
      env[SIGNIN_ENDPOINT_VARIABLE] ? SIGNIN_ENDPOINT_VARIABLE : 'AWS_ENDPOINT_URL',
    )
    return { federation: `${base}/federation`, console: `${base}/console`, override: base }
  }
  return { federation: HOSTS[partition].federation, console: HOSTS[partition].console }
}

function checkOverride(value: string, variable: string): string {
  return checkUrl(value, `the environment variable ${variable}`, `Set ${variable}`).replace(/\/+$/, '')
}

/** Shortcuts whose console path is not simply `<name>/home`. */
const SHORTCUTS: Record<string, string> = {
  home: 'console/home',
  console: 'console/home',
  cfn: 'cloudformation/home',
  ddb: 'dynamodbv2/home',
  dynamodb: 'dynamodbv2/home',
  sm: 'secretsmanager/home',
  cw: 'cloudwatch/home',
  logs: 'cloudwatch/home#logsV2:',
  r53: 'route53/v2/home',
  route53: 'route53/v2/home',
  iam: 'iam/home',
  billing: 'billing/home',
}

/**
 * The console URL to land on: the console home by default; a service shortcut (`s3`, `ec2`,
 * `cloudformation`, `cfn`, …: `<console>/<service>/home?region=<region>`); a path (`/s3/buckets`,
 * region added when it has none); or a full URL on the same console (anything else is refused,
 * so a typo cannot send the sign-in token elsewhere).
 */
export function consoleDestination(input: string | undefined, consoleBase: string, region: string): string {
  const withRegion = (pathAndQuery: string) => {
    const url = new URL(`${consoleBase}${pathAndQuery.startsWith('/') ? '' : '/'}${pathAndQuery}`)
    if (!url.searchParams.has('region')) url.searchParams.set('region', region)
    // `#logsV2:` style fragments stay after the query.
    return url.toString()
  }
  const value = input?.trim()
  if (!value) return withRegion('console/home')
  if (/^https?:\/\//i.test(value)) {
    const base = new URL(consoleBase)
    let url: URL
    try {
      url = new URL(value)
    } catch {
      throw badDestination(value, consoleBase)
    }
    // The console itself, a regional console host (us-east-1.console.aws.amazon.com), or the override's /console.
    const onConsole =
      base.pathname === '/'
        ? url.protocol === 'https:' && (url.host === base.host || url.host.endsWith(`.${base.host}`))
        : url.origin === base.origin &&
          (url.pathname === base.pathname || url.pathname.startsWith(`${base.pathname}/`))
    if (!onConsole) throw badDestination(value, consoleBase)
    return url.toString()
  }
  if (value.startsWith('/')) return withRegion(value.slice(1))
  if (/^[a-z0-9][a-z0-9-]*$/i.test(value))
    return withRegion(SHORTCUTS[value.toLowerCase()] ?? `${value.toLowerCase()}/home`)
  throw badDestination(value, consoleBase)
}

function badDestination(value: string, consoleBase: string): IdcError {
  return new IdcError('invalid-argument', `Not a console destination: ${JSON.stringify(value)}.`, {
    hint: `Pass a service shortcut (s3, ec2, cloudformation, …), a console path (/s3/buckets) or a URL on ${consoleBase}.`,
  })
}

/**
 * The access portal's console shortcut: `<start URL>/#/console?account_id=…&role_name=…&destination=…`.
 * With an endpoint override the portal is the emulator's (`<override>/start`).
 */
export function portalConsoleUrl(input: {
  startUrl: string
  accountId: string
  roleName: string
  destination: string
  override?: string | undefined
}): string {
  const base = (input.override ? `${input.override}/start` : input.startUrl.replace(/#.*$/, '')).replace(
    /\/+$/,
    '',
  )
  const query = new URLSearchParams({
    account_id: input.accountId,
    role_name: input.roleName,
    destination: input.destination,
  })
  return `${base}/#/console?${query}`
}

/** The login URL with a sign-in token (a secret: never log it unredacted). */
export function federationLoginUrl(input: {
  federation: string
  issuer: string
  destination: string
  signinToken: string
}): string {
  const query = new URLSearchParams({
    Action: 'login',
    Issuer: input.issuer,
    Destination: input.destination,
    SigninToken: input.signinToken,
  })
  return `${input.federation}?${query}`
}

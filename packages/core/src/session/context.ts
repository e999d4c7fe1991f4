import { resolveHomeDir } from '../cache/paths.js'
import type { Env, ResolvedTarget } from '../config/types.js'
import type { ServiceTarget } from '../sdk/clients.js'
import type { SessionContext } from './types.js'

export function envOf(ctx: SessionContext): Env {
  return ctx.env ?? process.env
}

export function homeOf(ctx: SessionContext): string {
  return ctx.homedir ?? resolveHomeDir(envOf(ctx))
}

export function nowOf(ctx: SessionContext): Date {
  return new Date((ctx.now ?? Date.now)())
}

/** The command that signs in to this target, for hints. */
export function loginCommandFor(target: ResolvedTarget | undefined, ctx: SessionContext): string {
  if (ctx.loginCommand) return ctx.loginCommand
  const args = targetArgsFor(target)
  return args ? `aws-idc login ${args}` : 'aws-idc login'
}

/** The flags that name this target on an aws-idc command line (`--profile dev`), for hints. */
export function targetArgsFor(target: ResolvedTarget | undefined): string | undefined {
  if (target?.profileName) return `--profile ${target.profileName}`
  if (target?.sessionName) return `--sso-session ${target.sessionName}`
  if (target) return `--start-url ${target.startUrl} --sso-region ${target.ssoRegion}`
  return undefined
}

/** The key the token cache file name hashes: the sso-session name, or the legacy start URL as written. */
export function tokenKeyOf(target: ResolvedTarget): string {
  return target.kind === 'session' && target.sessionName ? target.sessionName : target.startUrl
}

/** What a human calls the target in messages. */
export function describeTarget(target: ResolvedTarget): string {
  if (target.kind === 'session' && target.sessionName) return `sso-session ${target.sessionName}`
  return `start URL ${target.startUrl}`
}

/**
 * The SDK client settings for one of the target's services: its region and endpoint override, the
 * caller's timeouts (CLI flags) over the target's (environment, then the profile's
 * cli_connect_timeout / cli_read_timeout), the retry policy and the debug sink.
 */
export function serviceTargetFor(
  target: Pick<ResolvedTarget, 'ssoRegion' | 'endpoints' | 'sdk' | 'timeouts'>,
  service: 'sso' | 'ssoOidc',
  ctx: SessionContext,
): ServiceTarget {
  return {
    region: target.ssoRegion,
    endpoint: target.endpoints[service],
    settings: target.sdk,
    clientConfig: ctx.clientConfig,
    timeouts: [ctx.timeouts, target.timeouts],
    retry: ctx.retry,
    debug: ctx.debug,
  }
}

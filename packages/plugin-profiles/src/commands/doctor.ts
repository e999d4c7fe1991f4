import { stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import {
  BaseCommand,
  describeExpiry,
  formatDuration,
  paragraphs,
  sessionFlags,
  targetRequest,
} from '@idc/cli-kit'
import { getToken, IdcError, listSessions, type ResolvedTarget, resolveTarget } from '@idc/core'
import { measureClockSkew, oidcUrl } from '../lib/clock.js'

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'info'

export interface CheckJson {
  name: 'config' | 'token' | 'cache' | 'clock' | 'region' | 'endpoints'
  status: CheckStatus
  message: string
  hint?: string | undefined
}

export interface DoctorJson {
  ok: boolean
  checks: CheckJson[]
}

const ENDPOINT_VARIABLES = [
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_SSO',
  'AWS_ENDPOINT_URL_SSO_OIDC',
  'AWS_ENDPOINT_URL_STS',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
] as const

export default class Doctor extends BaseCommand<typeof Doctor> {
  static override summary = 'Check config, token cache, clock, regions and endpoint overrides.'
  static override description =
    paragraphs(`One line per check: the profile or sso-session resolves; the cached token is valid (and
refreshable); the cache directory is private; the local clock agrees with AWS (sign-in fails
with skew); the token was issued for the configured sso_region; and which endpoint overrides
are in effect. Exits 1 when a check fails.`)

  static override examples = [
    '<%= config.bin %> <%= command.id %> --profile dev',
    '<%= config.bin %> <%= command.id %> --json',
  ]

  static override flags = { ...sessionFlags }

  async run(): Promise<DoctorJson> {
    const ctx = this.context()
    const checks: CheckJson[] = []
    const add = (check: CheckJson) => {
      checks.push(check)
      this.ui.info(`${check.status.padEnd(4)}  ${check.name.padEnd(9)}  ${check.message}`)
      if (check.hint && check.status !== 'ok') this.ui.info(`${' '.repeat(17)}hint: ${check.hint}`)
    }
    const failed = (name: CheckJson['name'], error: unknown): CheckJson => ({
      name,
      status: 'fail',
      message: error instanceof Error ? error.message : String(error),
      hint: IdcError.is(error) ? error.hint : undefined,
    })

    let target: ResolvedTarget | undefined
    try {
      target = await resolveTarget(targetRequest(this.flags), ctx)
      const what = target.sessionName ? `sso-session ${target.sessionName}` : 'legacy SSO profile'
      add({
        name: 'config',
        status: 'ok',
        message: `${target.profileName ? `profile ${target.profileName}: ` : ''}${what}, ${target.startUrl} (${target.ssoRegion}) in ${target.source.configFile}`,
      })
    } catch (error) {
      add(failed('config', error))
    }

    if (target) {
      try {
        const token = await getToken(target, ctx)
        add({
          name: 'token',
          status: 'ok',
          message: `signed in, expires ${describeExpiry(token.expiresAt)}${token.refreshable ? ', refreshable' : ', not refreshable'}${token.refreshed ? ' (just refreshed)' : ''}`,
        })
      } catch (error) {
        add(failed('token', error))
      }
    }

    add(await cacheCheck(ctx.env))

    if (target) {
      const url = oidcUrl(target.ssoRegion, target.endpoints.ssoOidc)
      try {
        const skew = await measureClockSkew(url)
        if (skew === undefined) add({ name: 'clock', status: 'info', message: `no Date header from ${url}` })
        else {
          const abs = Math.abs(skew)
          const dir = skew > 0 ? 'ahead of' : 'behind'
          add({
            name: 'clock',
            status: abs > 300_000 ? 'fail' : abs > 60_000 ? 'warn' : 'ok',
            message: abs < 1000 ? `in sync with ${url}` : `local clock ${formatDuration(abs)} ${dir} ${url}`,
            hint: 'Sync the system clock (e.g. enable NTP); AWS rejects requests more than 5 minutes off.',
          })
        }
      } catch (error) {
        add({ name: 'clock', status: 'warn', message: `could not reach ${url}: ${(error as Error).message}` })
      }

      try {
        const sessions = await listSessions(ctx)
        const key = target.sessionName ?? target.startUrl
        const mine = sessions.find((s) => s.key === key)
        if (!mine?.region)
          add({ name: 'region', status: 'info', message: 'no cached token to compare regions with' })
        else if (mine.region === target.ssoRegion) {
          add({ name: 'region', status: 'ok', message: `token issued in ${mine.region}, as configured` })
        } else {
          add({
            name: 'region',
            status: 'fail',
            message: `token in ${mine.file} was issued in ${mine.region}, but sso_region is ${target.ssoRegion}`,
            hint: 'Fix sso_region, then sign in again; a token works only in the region that issued it.',
          })
        }
      } catch (error) {
        add(failed('region', error))
      }
    }

    const overrides = ENDPOINT_VARIABLES.filter((v) => ctx.env[v]).map((v) => `${v}=${ctx.env[v]}`)
    if (target?.endpoints.sso) overrides.push(`sso: ${target.endpoints.sso}`)
    if (target?.endpoints.ssoOidc) overrides.push(`sso-oidc: ${target.endpoints.ssoOidc}`)
    add({
      name: 'endpoints',
      status: 'info',
      message:
        overrides.length > 0 ? `overrides in effect: ${[...new Set(overrides)].join(', ')}` : 'AWS defaults',
    })

    const result: DoctorJson = { ok: !checks.some((c) => c.status === 'fail'), checks }
    if (!result.ok) {
      if (this.jsonEnabled()) this.logJson(result)
      this.exit(1)
    }
    return result
  }
}

/** ~/.aws/sso/cache exists and is private (0700, as the AWS CLI creates it). */
async function cacheCheck(env: Readonly<Record<string, string | undefined>>): Promise<CheckJson> {
  const home = env['HOME'] || env['USERPROFILE'] || homedir()
  const dir = join(home, '.aws', 'sso', 'cache')
  try {
    const s = await stat(dir)
    if (process.platform !== 'win32' && (s.mode & 0o077) !== 0) {
      return {
        name: 'cache',
        status: 'warn',
        message: `${dir} is readable by other users (mode ${(s.mode & 0o777).toString(8)})`,
        hint: `chmod 700 ${dir}`,
      }
    }
    return { name: 'cache', status: 'ok', message: `${dir} is private` }
  } catch {
    return { name: 'cache', status: 'info', message: `${dir} does not exist yet (created at sign-in)` }
  }
}

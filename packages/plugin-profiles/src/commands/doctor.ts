import { BaseCommand, painter, paragraphs, type Style, useColor } from '@idc/cli-kit'
import {
  type ConfigFiles,
  getProfile,
  getSsoSession,
  IdcError,
  isSsoCredentialProfile,
  listSessions,
  loadConfigFiles,
  type ResolvedTarget,
  resolveCredentials,
  resolveTarget,
  type SectionReaders,
  type SessionInfo,
  tokenKeyOf,
} from '@idc/core'
import { Flags } from '@oclif/core'
import { cacheCheck } from '../lib/doctor/cache-check.js'
import { clockCheck, clockOrigins } from '../lib/doctor/clock-check.js'
import { configCheck } from '../lib/doctor/config-check.js'
import { endpointsCheck } from '../lib/doctor/endpoints-check.js'
import { refreshCheck, regionMismatchCheck, selection, shadowCheck } from '../lib/doctor/profile-checks.js'
import { safeGet, safeIs } from '../lib/doctor/safe.js'
import { type TokenUse, tokenCheck, tokenRegionCheck } from '../lib/doctor/token-check.js'
import type { CheckJson, CheckStatus, DoctorJson } from '../lib/doctor/types.js'

export type { CheckJson, CheckStatus, DoctorJson }

const STATUS_STYLE: Record<CheckStatus, Style> = { ok: 'green', warn: 'yellow', fail: 'red', info: 'cyan' }

export default class Doctor extends BaseCommand<typeof Doctor> {
  static override summary = 'Check config, sign-in tokens, clock, regions and endpoint overrides.'
  static override description = `One line per check, read-only (nothing is refreshed or written):
- config: the config and credentials files parse, and the AWS CLI and the JS SDK see the same sections;
- profile: every SSO profile resolves (start URL, region, account and role; sso-session exists);
- region: a profile's sso_region agrees with its sso-session's, and a cached token was issued in the configured sso_region;
- token: the cached sign-in of each sso-session (or legacy start URL): expiry and whether it can be refreshed;
- cache: ~/.aws/sso/cache is private;
- clock: the local clock against the Date header of the IAM Identity Center (OIDC) endpoint;
- endpoints: the endpoint overrides in effect (environment and config);
- refresh: sign-ins that can never be refreshed (a legacy profile, an sso-session without sso_registration_scopes);
- shadow: static keys in the credentials file under the name of an SSO profile (they win over it).

${paragraphs(`Checks every SSO profile and sso-session, or only the one named by --profile (or AWS_PROFILE) or
--sso-session. The results go to stdout (colour on a terminal; NO_COLOR / FORCE_COLOR respected).
Exits 1 when a check fails; warnings do not fail.`)}`

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --profile dev',
    '<%= config.bin %> <%= command.id %> --sso-session corp --json',
  ]

  static override flags = {
    'sso-session': Flags.string({
      description: 'Check only this [sso-session] and its profiles.',
      helpGroup: 'TARGET',
      helpValue: '<name>',
    }),
  }

  async run(): Promise<DoctorJson> {
    const ctx = this.context()
    const bin = this.config.bin
    const checks: CheckJson[] = []
    // Results are data: stdout (with --json, only the JSON document).
    const paint = painter(useColor(process.stdout))
    const add = (check: CheckJson | undefined) => {
      if (!check) return
      checks.push(check)
      if (this.jsonEnabled()) return
      const subject = check.subject ? `${check.subject}: ` : ''
      const status = paint(STATUS_STYLE[check.status], check.status.padEnd(4))
      let text = `${status}  ${check.name.padEnd(9)}  ${subject}${check.message}\n`
      if (check.hint && check.status !== 'ok' && check.status !== 'info') {
        text += `${' '.repeat(17)}${paint('dim', 'hint:')} ${check.hint}\n`
      }
      process.stdout.write(text)
    }
    const failure = (name: CheckJson['name'], subject: string | undefined, error: unknown): CheckJson => ({
      name,
      subject,
      status: 'fail',
      message: error instanceof Error ? error.message : String(error),
      hint: IdcError.is(error) ? error.hint : undefined,
    })

    let files: ConfigFiles | undefined
    try {
      files = await loadConfigFiles({ env: ctx.env })
      add(configCheck(files, bin))
    } catch (error) {
      add(failure('config', undefined, error))
    }

    // profile + region + refresh + shadow: every SSO profile of the selection resolves as the AWS CLI would.
    const targets: ResolvedTarget[] = []
    const tokenUses = new Map<string, TokenUse>()
    const useToken = (target: ResolvedTarget, login: string) => {
      const key = tokenKeyOf(target)
      if (tokenUses.has(key)) return
      tokenUses.set(key, {
        what: target.kind === 'session' ? `sso-session ${key}` : key,
        ssoRegion: target.ssoRegion,
        login,
      })
    }
    if (files) {
      const { profiles, sessions } = selection(files, {
        session: this.flags['sso-session'],
        profile: this.flags.profile,
      })
      for (const name of sessions) {
        const session = getSsoSession(files, name)
        if (!session) {
          add({
            name: 'config',
            subject: `sso-session ${name}`,
            status: 'fail',
            message: `The specified sso-session does not exist: "${name}".`,
            hint: `Add it with \`${bin} configure --sso-session ${name}\`.`,
          })
          continue
        }
        try {
          const target = await resolveTarget({ from: 'sso-session', sessionName: name }, ctx)
          targets.push(target)
          // Only a session that resolves gets a sign-in hint: `login` would refuse the others.
          useToken(target, `${bin} login --sso-session ${name}`)
          if (safeGet(session, 'sso_registration_scopes') === undefined) {
            add(refreshCheck({ kind: 'session', sessionName: name }, bin))
          }
        } catch (error) {
          add(failure('config', `sso-session ${name}`, error))
        }
      }
      for (const name of profiles) {
        const profile = getProfile(files, name)
        const mismatch = profile ? regionMismatchCheck(files, name, profile) : undefined
        add(mismatch)
        add(shadowCheck(files, name, bin))
        try {
          const credentialProfile = profile !== undefined && safeIs(isSsoCredentialProfile, profile)
          const target = credentialProfile
            ? await resolveCredentials({ from: 'profile', profile: name }, ctx)
            : await resolveTarget({ from: 'profile', profile: name }, ctx)
          targets.push(target)
          const where =
            target.kind === 'session' ? `sso-session ${target.sessionName}` : `legacy, ${target.startUrl}`
          add({
            name: 'profile',
            subject: name,
            status: 'ok',
            message: credentialProfile
              ? `${where}, account ${target.accountId}, role ${target.roleName}`
              : `${where} (sign-in only: no sso_account_id / sso_role_name)`,
          })
          if (target.kind === 'legacy') add(refreshCheck({ kind: 'legacy', profileName: name }, bin))
          useToken(target, `${bin} login --profile ${name}`)
        } catch (error) {
          // A region mismatch is already its own failed check.
          if (!(mismatch && IdcError.is(error) && error.code === 'config-inconsistent')) {
            add(failure('profile', name, error))
          }
        }
      }
      if (profiles.length === 0 && sessions.length === 0) {
        add({
          name: 'profile',
          status: 'info',
          message: 'no SSO profiles or sso-sessions configured',
          hint: `Add one with \`${bin} configure\`.`,
        })
      }
    }

    // token + region: the cache as it is (never refreshed here).
    if (tokenUses.size > 0) {
      let cached: SessionInfo[] = []
      try {
        cached = await listSessions(ctx)
      } catch (error) {
        add(failure('token', undefined, error))
      }
      for (const [key, use] of tokenUses) {
        const info = cached.find((s) => s.key === key)
        add(tokenCheck(use, info))
        add(tokenRegionCheck(use, info))
      }
    }

    add(await cacheCheck(ctx.env))
    for (const url of clockOrigins(targets)) add(await clockCheck(url))
    add(endpointsCheck(ctx.env, targets))

    const result: DoctorJson = { ok: !checks.some((c) => c.status === 'fail'), checks }
    if (!result.ok) {
      const failed = checks.filter((c) => c.status === 'fail').length
      if (this.jsonEnabled()) this.logJson(result)
      else process.stdout.write(`${failed} check(s) failed.\n`)
      this.exit(1)
    }
    return result
  }
}

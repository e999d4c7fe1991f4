import { quotePosix } from '@idc/format'
import { withLock } from '../cache/lock.js'
import {
  type ClientRegistration,
  readRegistration,
  registrationFilePath,
  writeRegistration,
} from '../cache/registration-cache.js'
import { formatTimestamp, parseTimestamp } from '../cache/timestamps.js'
import {
  type CachedSsoToken,
  canRefresh,
  isUsable,
  parseTokenData,
  readToken,
  type SsoToken,
  writeToken,
} from '../cache/token-cache.js'
import { getProfile, getSsoSession, loadConfigFiles } from '../config/config-files.js'
import { configPaths } from '../config/paths.js'
import type { ResolvedTarget, TargetRequest } from '../config/types.js'
import { writeSection } from '../config/write.js'
import { IdcError } from '../errors.js'
import { type CiSignIn, ciLoginCommandFor } from './ci.js'
import { describeTarget, envOf, homeOf, loginCommandFor, nowOf } from './context.js'
import { registrationKeyOf } from './login.js'
import { resolveTarget } from './resolve.js'
import { loadTargetToken, tokenFileFor } from './token.js'
import type { SessionContext } from './types.js'

/**
 * Moving one sign-in to another machine (`aws-idc sessions export | ssh host aws-idc sessions import`):
 * the token and the client registration it refreshes with, as one line of JSON. The receiving side
 * writes the files the AWS CLI would have written had it signed in there.
 */

export const SESSION_BUNDLE_FORMAT = 'aws-idc-session'
export const SESSION_BUNDLE_VERSION = 1

/** The exported text, one JSON object. Every value except the names is a secret or tied to one. */
export interface SessionBundle {
  format: typeof SESSION_BUNDLE_FORMAT
  version: typeof SESSION_BUNDLE_VERSION
  /** The sso-session name; null for a legacy profile's token (cached under the start URL). */
  sessionName: string | null
  startUrl: string
  region: string
  /** `sso_registration_scopes` as configured; null when the key is absent. */
  scopes: string[] | null
  token: {
    accessToken: string
    expiresAt: string
    clientId?: string | undefined
    clientSecret?: string | undefined
    registrationExpiresAt?: string | undefined
    refreshToken?: string | undefined
  }
  /** The shared client-registration cache entry, when there is one. */
  registration?:
    | { clientId: string; clientSecret: string; expiresAt: string; scopes?: string[]; grantTypes?: string[] }
    | undefined
}

export interface ExportedSession {
  bundle: SessionBundle
  /** `bundle` as the text to pipe (one line, ending in a newline). */
  text: string
  target: ResolvedTarget
  expiresAt: Date
  refreshable: boolean
}

/**
 * A request for `sessions export <name>`: the sso-session of that name, else the profile of that
 * name, else (no name) the profile in AWS_PROFILE / default.
 */
export async function sessionRequestFor(
  name: string | undefined,
  ctx: SessionContext = {},
): Promise<TargetRequest> {
  if (name === undefined) return { from: 'profile' }
  const files = await loadConfigFiles({ env: envOf(ctx), homedir: ctx.homedir })
  if (getSsoSession(files, name)) return { from: 'sso-session', sessionName: name }
  if (getProfile(files, name)) return { from: 'profile', profile: name }
  throw new IdcError(
    'session-not-found',
    `There is no [sso-session ${name}] or profile ${name} in ${files.config.path}.`,
    {
      hint: 'List the signed-in sessions and their profiles with `aws-idc sessions`.',
      details: { file: files.config.path },
    },
  )
}

/** The target, its cached token (an error when there is none) and the time it is judged at. */
async function cachedSignIn(request: TargetRequest | ResolvedTarget, ctx: SessionContext) {
  const target = 'from' in request ? await resolveTarget(request, ctx) : request
  return { target, token: await loadTargetToken(target, ctx), now: nowOf(ctx) }
}

/** Reads the cached sign-in of a target for export; an expired one that cannot refresh is refused. */
export async function exportSession(
  request: TargetRequest | ResolvedTarget,
  ctx: SessionContext = {},
): Promise<ExportedSession> {
  const { target, token, now } = await cachedSignIn(request, ctx)
  const refreshable = target.kind === 'session' && canRefresh(token, now)
  if (!isUsable(token, now) && !refreshable) {
    throw new IdcError(
      'token-expired',
      `The SSO session for ${describeTarget(target)} expired at ${token.expiresAt.toISOString()}; there is nothing to export.`,
      { hint: `Run \`${loginCommandFor(target, ctx)}\` first, then export again.` },
    )
  }
  const registration =
    target.kind === 'session'
      ? await readRegistration(registrationFilePath(homeOf(ctx), registrationKeyOf(target)))
      : undefined
  const bundle: SessionBundle = {
    format: SESSION_BUNDLE_FORMAT,
    version: SESSION_BUNDLE_VERSION,
    sessionName: target.kind === 'session' ? (target.sessionName ?? null) : null,
    startUrl: target.startUrl,
    region: target.ssoRegion,
    scopes: target.registrationScopes ?? null,
    token: tokenJson(token),
    ...(registration ? { registration: registrationJson(registration) } : {}),
  }
  return { bundle, text: `${JSON.stringify(bundle)}\n`, target, expiresAt: token.expiresAt, refreshable }
}

function tokenJson(t: CachedSsoToken): SessionBundle['token'] {
  return {
    accessToken: t.accessToken,
    expiresAt: formatTimestamp(t.expiresAt),
    ...(t.clientId ? { clientId: t.clientId } : {}),
    ...(t.clientSecret ? { clientSecret: t.clientSecret } : {}),
    ...(t.registrationExpiresAt ? { registrationExpiresAt: formatTimestamp(t.registrationExpiresAt) } : {}),
    ...(t.refreshToken ? { refreshToken: t.refreshToken } : {}),
  }
}

function registrationJson(r: ClientRegistration): NonNullable<SessionBundle['registration']> {
  return {
    clientId: r.clientId,
    clientSecret: r.clientSecret,
    expiresAt: formatTimestamp(r.expiresAt),
    ...(r.scopes ? { scopes: r.scopes } : {}),
    ...(r.grantTypes ? { grantTypes: r.grantTypes } : {}),
  }
}

const NOT_A_BUNDLE_HINT =
  'Pipe the output of `aws-idc sessions export <session>` into `aws-idc sessions import` unchanged.'

function bad(what: string): IdcError {
  // Never quotes the input: it is made of secrets.
  return new IdcError('invalid-argument', `The input is not an exported aws-idc session: ${what}.`, {
    hint: NOT_A_BUNDLE_HINT,
  })
}

function str(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0
}

function strings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string')
}

export interface ParsedBundle {
  bundle: SessionBundle
  token: SsoToken
  registration?: ClientRegistration | undefined
}

/** Validates exported text (whitespace around it is ignored); errors never repeat the input. */
export function parseSessionBundle(text: string): ParsedBundle {
  const trimmed = text.trim()
  if (trimmed === '') throw bad('it is empty')
  let data: unknown
  try {
    data = JSON.parse(trimmed)
  } catch {
    throw bad('it is not JSON (was it cut short or mixed with other output?)')
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw bad('it is not a JSON object')
  const d = data as Record<string, unknown>
  if (d.format !== SESSION_BUNDLE_FORMAT) throw bad(`its "format" is not "${SESSION_BUNDLE_FORMAT}"`)
  if (d.version !== SESSION_BUNDLE_VERSION) {
    throw new IdcError(
      'invalid-argument',
      `The exported session has version ${JSON.stringify(d.version)}; this aws-idc reads version ${SESSION_BUNDLE_VERSION}.`,
      { hint: 'Use the same aws-idc version on both machines (`npm i -g aws-idc@latest`).' },
    )
  }
  if (d.sessionName !== null && !str(d.sessionName)) throw bad('"sessionName" must be a name or null')
  if (!str(d.startUrl)) throw bad('"startUrl" is missing')
  if (!str(d.region) || !/^[a-z0-9-]+$/.test(d.region)) throw bad('"region" is missing or malformed')
  if (d.scopes !== null && !strings(d.scopes)) throw bad('"scopes" must be a list of strings or null')
  if (typeof d.token !== 'object' || d.token === null || Array.isArray(d.token))
    throw bad('"token" is missing')
  let cached: CachedSsoToken
  try {
    cached = parseTokenData(d.token as Record<string, unknown>)
  } catch (error) {
    throw bad(IdcError.is(error) ? 'its token is incomplete' : 'its token is unreadable')
  }
  const token: SsoToken = { ...cached, startUrl: d.startUrl, region: d.region }
  let registration: ClientRegistration | undefined
  if (d.registration !== undefined) {
    const r = d.registration as Record<string, unknown>
    if (typeof r !== 'object' || r === null || !str(r.clientId) || !str(r.clientSecret)) {
      throw bad('its registration is incomplete')
    }
    let expiresAt: Date
    try {
      expiresAt = parseTimestamp(r.expiresAt, { field: 'registration.expiresAt' })
    } catch {
      throw bad('its registration has no valid expiresAt')
    }
    registration = {
      clientId: r.clientId,
      clientSecret: r.clientSecret,
      expiresAt,
      scopes: strings(r.scopes) ? r.scopes : undefined,
      grantTypes: strings(r.grantTypes) ? r.grantTypes : undefined,
    }
  }
  return { bundle: d as unknown as SessionBundle, token, registration }
}

export interface ImportOptions extends SessionContext {
  /** Replace a cached sign-in that lasts longer than the imported one. */
  force?: boolean | undefined
}

export interface ImportResult {
  target: ResolvedTarget
  tokenFile: string
  registrationFile?: string | undefined
  /** The config file, when `[sso-session <name>]` was added to it. */
  configWritten?: string | undefined
  expiresAt: Date
  refreshable: boolean
}

/**
 * Writes an exported sign-in where the AWS CLI keeps its own: the token file (and the shared
 * registration) under the token's lock, atomically. An sso-session missing from the config is
 * added as `aws configure sso` would write it; one that exists must name the same start URL and
 * region, or nothing is written.
 */
export async function importSession(text: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const { bundle, token, registration } = parseSessionBundle(text)
  const env = envOf(opts)
  let configWritten: string | undefined
  let target: ResolvedTarget
  if (bundle.sessionName !== null) {
    const files = await loadConfigFiles({ env, homedir: opts.homedir })
    const section = getSsoSession(files, bundle.sessionName)
    if (!section) {
      const { configFile } = configPaths(env, opts.homedir)
      await writeSection(
        configFile,
        { file: 'config', type: 'sso-session', name: bundle.sessionName },
        {
          sso_start_url: bundle.startUrl,
          sso_region: bundle.region,
          ...(bundle.scopes?.length ? { sso_registration_scopes: bundle.scopes.join(',') } : {}),
        },
      )
      configWritten = configFile
    }
    target = await resolveTarget({ from: 'sso-session', sessionName: bundle.sessionName }, opts)
  } else {
    target = await resolveTarget(
      { from: 'values', startUrl: bundle.startUrl, ssoRegion: bundle.region },
      opts,
    )
  }
  if (target.startUrl !== bundle.startUrl || target.ssoRegion !== bundle.region) {
    throw new IdcError(
      'config-inconsistent',
      `[sso-session ${bundle.sessionName}] here names ${target.startUrl} in ${target.ssoRegion}, the exported session ${bundle.startUrl} in ${bundle.region}.`,
      {
        hint: `Fix sso_start_url and sso_region of [sso-session ${bundle.sessionName}] in ${target.source.configFile}, or export a session of another name.`,
        details: { file: target.source.configFile },
      },
    )
  }
  const tokenFile = tokenFileFor(target, opts)
  const registrationFile =
    registration && target.kind === 'session'
      ? registrationFilePath(homeOf(opts), registrationKeyOf(target))
      : undefined
  await withLock(tokenFile, async () => {
    const existing = await readToken(tokenFile)
    if (
      !opts.force &&
      existing.status === 'ok' &&
      existing.token.expiresAt.getTime() > token.expiresAt.getTime() &&
      isUsable(existing.token, nowOf(opts))
    ) {
      throw new IdcError(
        'invalid-argument',
        `This machine's sign-in for ${describeTarget(target)} lasts longer (until ${existing.token.expiresAt.toISOString()}) than the imported one; nothing was changed.`,
        { hint: 'Add --force to replace it with the imported sign-in.', details: { file: tokenFile } },
      )
    }
    if (registrationFile && registration) await writeRegistration(registrationFile, registration)
    await writeToken(tokenFile, token)
  })
  opts.debug?.(`imported the SSO token into ${tokenFile}`)
  return {
    target,
    tokenFile,
    registrationFile,
    configWritten,
    expiresAt: token.expiresAt,
    refreshable: target.kind === 'session' && canRefresh(token, nowOf(opts)),
  }
}

/** The three values the GitHub Action's refresh-token mode takes, read from a cached sign-in. */
export async function ciSecretsOf(
  request: TargetRequest | ResolvedTarget,
  ctx: SessionContext = {},
): Promise<CiSignIn> {
  const { target, token, now } = await cachedSignIn(request, ctx)
  if (
    target.kind !== 'session' ||
    !token.refreshToken ||
    !token.clientId ||
    !token.clientSecret ||
    !canRefresh(token, now)
  ) {
    throw new IdcError(
      'token-expired',
      `The sign-in for ${describeTarget(target)} cannot be refreshed, so a CI job could not renew it.`,
      {
        hint: `Sign in with a registration made for CI: \`${ciLoginCommandFor(target)}\` (it needs an [sso-session] with sso:account:access).`,
      },
    )
  }
  return {
    refreshToken: token.refreshToken,
    clientId: token.clientId,
    clientSecret: token.clientSecret,
    registrationExpiresAt: token.registrationExpiresAt ?? token.expiresAt,
    startUrl: target.startUrl,
    ssoRegion: target.ssoRegion,
    sessionName: target.sessionName,
  }
}

/** Repository secret names the Action's README uses. */
export const GITHUB_SECRET_NAMES = {
  refreshToken: 'AWS_IDC_REFRESH_TOKEN',
  clientId: 'AWS_IDC_CLIENT_ID',
  clientSecret: 'AWS_IDC_CLIENT_SECRET',
} as const

/** What holding the three values allows, for the warning printed next to them. */
export function ciSecretsWarning(values: CiSignIn): string {
  return (
    `These values let anyone who holds them get AWS credentials for every account and role you can use in ${values.startUrl} ` +
    `until the sign-in session ends or the registration expires (${values.registrationExpiresAt.toISOString()}). ` +
    'Store them only as GitHub secrets; `aws-idc logout` on the session they came from revokes them.'
  )
}

/**
 * `gh secret set` lines for the three values (POSIX-quoted, so `| sh` works), with the warning and
 * the non-secret inputs as comments.
 */
export function formatGithubSecrets(values: CiSignIn): string {
  const lines = [
    `# aws-idc: GitHub Actions secrets for ${values.sessionName ? `sso-session ${values.sessionName}` : values.startUrl}`,
    `# WARNING: ${ciSecretsWarning(values)}`,
    `# Workflow inputs: start-url: ${values.startUrl}  sso-region: ${values.ssoRegion}`,
    `gh secret set ${GITHUB_SECRET_NAMES.refreshToken} --body ${quotePosix(values.refreshToken)}`,
    `gh secret set ${GITHUB_SECRET_NAMES.clientId} --body ${quotePosix(values.clientId)}`,
    `gh secret set ${GITHUB_SECRET_NAMES.clientSecret} --body ${quotePosix(values.clientSecret)}`,
  ]
  return `${lines.join('\n')}\n`
}

import type { SdkSettings } from './sdk-settings.js'
import type { NetworkTimeouts } from './timeouts.js'

/** Environment variables as a plain map, so callers (and tests) pass them explicitly. */
export type Env = Readonly<Record<string, string | undefined>>

/** Which shared file a section lives in: the two files name profiles differently. */
export type IniFileKind = 'config' | 'credentials'

/** Endpoint overrides for the two SSO services; undefined means the SDK's default endpoint. */
export interface SsoEndpoints {
  /** SSO portal (GetRoleCredentials, ListAccounts, ...). */
  sso?: string | undefined
  /** SSO OIDC (RegisterClient, CreateToken, ...). */
  ssoOidc?: string | undefined
}

/**
 * Everything needed to sign in to IAM Identity Center and, with account and role, to fetch role
 * credentials. Built from a profile, an sso-session or values given on the command line.
 */
export interface ResolvedTarget {
  /** 'session': token cached under the session name and refreshable; 'legacy': cached under the start URL. */
  kind: 'session' | 'legacy'
  profileName?: string | undefined
  sessionName?: string | undefined
  startUrl: string
  ssoRegion: string
  accountId?: string | undefined
  roleName?: string | undefined
  /** `sso_registration_scopes` split on commas, trimmed, empties dropped; undefined when the key is absent. */
  registrationScopes?: string[] | undefined
  /** The profile's ordinary client `region` (unrelated to ssoRegion). */
  region?: string | undefined
  endpoints: SsoEndpoints
  /** The SDK settings of the same profile (FIPS, dual-stack, app id) for its SSO, OIDC and STS clients. */
  sdk?: SdkSettings | undefined
  /** The STS endpoint override of the same profile (AWS_ENDPOINT_URL_STS ... endpoint_url); undefined = AWS default. */
  stsEndpoint?: string | undefined
  /** Network timeouts from the environment and the active profile (`cli_connect_timeout`, `cli_read_timeout`). */
  timeouts?: NetworkTimeouts | undefined
  /** Where the values came from; `section` is undefined for values given directly. */
  source: { configFile: string; section?: string | undefined }
}

/** A target that can fetch role credentials: account and role are known. */
export interface CredentialsTarget extends ResolvedTarget {
  accountId: string
  roleName: string
}

/**
 * The account and role to fetch credentials for. On a profile or sso-session request they win over
 * its `sso_account_id` / `sso_role_name` (e.g. `--account-id` / `--role-name` flags).
 */
export interface RoleChoice {
  accountId?: string | undefined
  roleName?: string | undefined
}

/**
 * What to resolve: a profile (explicit, else AWS_PROFILE, else default), an sso-session, or plain
 * values; with the account and role given directly, if any (the one place they travel).
 */
export type TargetRequest = RoleChoice &
  (
    | { from: 'profile'; profile?: string | undefined }
    | { from: 'sso-session'; sessionName: string }
    | {
        from: 'values'
        startUrl: string
        ssoRegion: string
        /** With a session name the token is cached under it (refreshable), as for an sso-session. */
        sessionName?: string | undefined
        registrationScopes?: string[] | undefined
      }
  )

/** One section of a shared file to edit: `[profile x]`/`[default]`, `[sso-session x]`, `[services x]`, or a credentials `[x]`. */
export interface SectionRef {
  file: IniFileKind
  type: 'profile' | 'sso-session' | 'services'
  name: string
}

/** Values of a section in write order; an object value becomes an indented sub-section (`sso =` / `  endpoint_url = ...`). */
export type SectionValues = Readonly<Record<string, string | Readonly<Record<string, string>>>>

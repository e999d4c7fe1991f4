export type CheckStatus = 'ok' | 'warn' | 'fail' | 'info'

export interface CheckJson {
  name: 'config' | 'profile' | 'token' | 'region' | 'cache' | 'clock' | 'endpoints' | 'shadow' | 'refresh'
  /** What the check is about: a profile name, `sso-session X`, a start URL, a file or an origin. */
  subject?: string | undefined
  status: CheckStatus
  message: string
  hint?: string | undefined
}

export interface DoctorJson {
  ok: boolean
  checks: CheckJson[]
}

export type Env = Readonly<Record<string, string | undefined>>

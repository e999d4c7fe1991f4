import { describeSkew, MAX_CLOCK_SKEW_MS, measureClockSkew, oidcOrigin, type ResolvedTarget } from '@idc/core'
import type { CheckJson } from './types.js'

/** Where a warning starts (AWS rejects from MAX_CLOCK_SKEW_MS, 5 minutes, on). */
const SKEW_WARN_MS = 60_000

/** The IAM Identity Center (OIDC) origins in use, one clock check each (core's endpoint rule: every partition). */
export function clockOrigins(targets: readonly ResolvedTarget[]): string[] {
  return [...new Set(targets.map((t) => oidcOrigin(t.ssoRegion, t.endpoints.ssoOidc)))]
}

export async function clockCheck(url: string): Promise<CheckJson> {
  try {
    const skew = await measureClockSkew(url)
    if (skew === undefined) return { name: 'clock', subject: url, status: 'info', message: 'no Date header' }
    const abs = Math.abs(skew)
    return {
      name: 'clock',
      subject: url,
      status: abs > MAX_CLOCK_SKEW_MS ? 'fail' : abs > SKEW_WARN_MS ? 'warn' : 'ok',
      message: abs < 2000 ? 'in sync' : `local clock ${describeSkew(skew)} the service`,
      hint: 'Sync the system clock (e.g. enable NTP); AWS rejects requests more than 5 minutes off.',
    }
  } catch (error) {
    return {
      name: 'clock',
      subject: url,
      status: 'warn',
      message: `could not reach it: ${(error as Error).message}`,
      hint: 'Check the network, a proxy, or the endpoint override.',
    }
  }
}

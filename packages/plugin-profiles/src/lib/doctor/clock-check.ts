import { formatDuration } from '@idc/cli-kit'
import { oidcOrigin, type ResolvedTarget } from '@idc/core'
import { measureClockSkew } from '../clock.js'
import type { CheckJson } from './types.js'

/** Clock skew AWS rejects (SigV4: 5 minutes), and where a warning starts. */
const SKEW_FAIL_MS = 300_000
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
      status: abs > SKEW_FAIL_MS ? 'fail' : abs > SKEW_WARN_MS ? 'warn' : 'ok',
      message:
        abs < 2000
          ? 'in sync'
          : `local clock ${formatDuration(abs)} ${skew > 0 ? 'ahead of' : 'behind'} the service`,
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

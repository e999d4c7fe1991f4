import { join } from 'node:path'
import { envOf, homeOf } from '../session/context.js'
import type { SessionContext } from '../session/types.js'

/**
 * aws-idc's own cache directory (the picker's account listing, the most recently used choices, the
 * launcher's code cache): the one oclif uses for the `aws-idc` bin, so one place holds it all —
 * `$AWS_IDC_CACHE_DIR` (oclif's override), else `%LOCALAPPDATA%\aws-idc` on Windows,
 * `~/Library/Caches/aws-idc` on macOS, `$XDG_CACHE_HOME/aws-idc` (default `~/.cache/aws-idc`)
 * elsewhere. Nothing in it is a secret; losing it costs one listing. apps/cli/bin/run.cjs computes
 * the same path for its code cache (it cannot load this module).
 */
export function awsIdcCacheDir(
  ctx: SessionContext = {},
  platform: NodeJS.Platform = process.platform,
): string {
  const env = envOf(ctx)
  const override = env['AWS_IDC_CACHE_DIR']
  if (override) return override
  const home = homeOf(ctx)
  if (platform === 'win32') return join(env['LOCALAPPDATA'] || join(home, 'AppData', 'Local'), 'aws-idc')
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'aws-idc')
  return join(env['XDG_CACHE_HOME'] || join(home, '.cache'), 'aws-idc')
}

import { join } from 'node:path'
import { envOf, homeOf } from '../session/context.js'
import type { SessionContext } from '../session/types.js'

/**
 * aws-idc's own cache (the picker's account listing, the most recently used choices):
 * `$AWS_IDC_CACHE_DIR`, else `~/.aws/aws-idc/cache`, next to the AWS CLI's caches it already shares,
 * so one directory holds (and one `rm -r ~/.aws` clears) every AWS sign-in trace. Nothing in it is
 * a secret; losing it costs one listing.
 */
export function awsIdcCacheDir(ctx: SessionContext = {}): string {
  const override = envOf(ctx)['AWS_IDC_CACHE_DIR']
  return override ? override : join(homeOf(ctx), '.aws', 'aws-idc', 'cache')
}

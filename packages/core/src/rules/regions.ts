import { closestNames } from './suggest.js'

/**
 * Whether a region is one the AWS SDK knows (its partitions data, `@aws-sdk/core/client`'s
 * `partition()`), and the closest known regions when it is not. Loaded lazily: the SDK module costs
 * start-up time, and only configure and a failed network call need it (the warm path never does).
 */
export interface RegionCheck {
  known: boolean
  /** The closest known regions ("did you mean"), best first; empty when known. */
  suggestions: string[]
}

// The SDK offers no list of its regions, only `partition(region)`, which answers a known region
// with its description. Candidates are every name of the partitions' shapes; the SDK decides.
const PREFIXES = [
  'us',
  'eu',
  'ap',
  'sa',
  'ca',
  'me',
  'af',
  'il',
  'mx',
  'cn',
  'us-gov',
  'us-iso',
  'us-isob',
  'us-isof',
  'eu-isoe',
  'eusc-de',
]
const DIRECTIONS = [
  'north',
  'south',
  'east',
  'west',
  'central',
  'northeast',
  'northwest',
  'southeast',
  'southwest',
]

let known: Promise<Set<string>> | undefined

/** Every region of the SDK's partitions data. */
export function knownRegions(): Promise<Set<string>> {
  known ??= import('@aws-sdk/core/client').then(({ partition }) => {
    const regions = new Set<string>()
    for (const prefix of PREFIXES) {
      for (const direction of DIRECTIONS) {
        for (let n = 1; n <= 9; n++) {
          const region = `${prefix}-${direction}-${n}`
          if ((partition(region) as { description?: string }).description !== undefined) regions.add(region)
        }
      }
    }
    return regions
  })
  return known
}

export async function checkKnownRegion(region: string): Promise<RegionCheck> {
  const regions = await knownRegions()
  if (regions.has(region)) return { known: true, suggestions: [] }
  return { known: false, suggestions: closestNames(region, regions, { max: 3 }) }
}

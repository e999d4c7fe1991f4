// Rules adapters call instead of writing their own: argument checks, known regions, "did you
// mean", natural order and profile naming.
export {
  checkAccountIdArgument,
  checkRegionArgument,
  checkScopesArgument,
  checkStartUrlArgument,
} from './arguments.js'
export {
  DEFAULT_PROFILE_TEMPLATE,
  PROFILE_TEMPLATE_VARIABLES,
  profileNameFromTemplate,
  transliterate,
} from './naming.js'
export { checkKnownRegion, knownRegions, type RegionCheck } from './regions.js'
export { closestNames, editDistance, naturalCompare, type SuggestOptions } from './suggest.js'

export { awsIdcCacheDir } from './cache-dir.js'
export {
  choiceRequest,
  listPickerChoices,
  PICKER_LISTING_MAX_AGE_MS,
  type PickerChoice,
  type PickerListing,
} from './choices.js'
export { recentChoiceIds, recordRecentChoice, sortChoices } from './recent.js'
export { saveChoiceAsProfile } from './save.js'

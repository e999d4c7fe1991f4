// Public surface of the config module (re-exported from the package root).
export {
  type AssumeRoleLink,
  CHAINED_SESSION_MAX_SECONDS,
  isChainedProfile,
  parseRoleArn,
  type RoleChain,
  resolveRoleChain,
} from './chain.js'
export {
  type ConfigFiles,
  getProfile,
  getServicesSection,
  getSsoSession,
  isConfigSsoProfile,
  isShadowedSsoProfile,
  type LoadConfigOptions,
  listProfiles,
  listSsoSessions,
  loadConfigFiles,
  readIniFile,
  type SectionReaders,
  sectionsIn,
  sectionsInText,
} from './config-files.js'
export type { ConfigSection, Setting } from './config-section.js'
export { resolveEndpoints, resolveServiceEndpoint } from './endpoints.js'
export {
  appendSections,
  removeSection,
  type SectionWrite,
  sectionHeader,
  setKey,
  unsetKey,
  upsertSection,
} from './ini-edit.js'
export { type IniFile, parseIniFile } from './ini-file.js'
export { type ConfigPaths, configPaths, selectProfileName } from './paths.js'
export {
  type CheckValueOptions,
  checkKey,
  checkSectionName,
  checkSectionValues,
  checkValue,
  isPortableName,
  toPortableName,
} from './portable.js'
export { type ResolveOptions, resolveCredentialsTarget, resolveLoginTarget } from './resolve.js'
export { hasSsoConfiguration, isSsoCredentialProfile } from './sso-profile.js'
export {
  callBudgetMs,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_READ_TIMEOUT_MS,
  effectiveTimeouts,
  type NetworkTimeouts,
  parseSeconds,
  resolveTimeouts,
  TIMEOUT_ENV,
} from './timeouts.js'
export type * from './types.js'
export { parseScopes } from './validate-values.js'
export {
  deleteSection,
  type EditResult,
  editIniFile,
  type SectionUndo,
  setSectionKey,
  undoSectionWrite,
  unsetSectionKey,
  writeSection,
  writeSectionUndoable,
} from './write.js'

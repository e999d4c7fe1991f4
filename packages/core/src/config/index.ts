// Public surface of the config module (re-exported from the package root).
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
} from './config-files.js'
export type { ConfigSection, Setting } from './config-section.js'
export { resolveEndpoints } from './endpoints.js'
export { removeSection, sectionHeader, setKey, unsetKey, upsertSection } from './ini-edit.js'
export { type IniFile, parseIniFile } from './ini-file.js'
export { type ConfigPaths, configPaths, selectProfileName } from './paths.js'
export { checkKey, checkSectionName, checkSectionValues, checkValue } from './portable.js'
export { type ResolveOptions, resolveCredentialsTarget, resolveLoginTarget } from './resolve.js'
export { hasSsoConfiguration, isSsoCredentialProfile } from './sso-profile.js'
export type * from './types.js'
export { parseScopes } from './validate-values.js'
export {
  deleteSection,
  type EditResult,
  editIniFile,
  setSectionKey,
  unsetSectionKey,
  writeSection,
} from './write.js'

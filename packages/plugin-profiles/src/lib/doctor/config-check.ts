import { type ConfigFiles, type SectionReaders, sectionsIn } from '@idc/core'
import { plural } from './safe.js'
import type { CheckJson } from './types.js'

/** config: both files parse, and the AWS CLI and the JS SDK see the same sections. */
export function configCheck(files: ConfigFiles, bin: string): CheckJson {
  const { config } = files
  const profiles = sectionsIn(config, 'profile')
  const sessions = sectionsIn(config, 'sso-session')
  const only = (sections: Map<string, SectionReaders>, type: string, readers: SectionReaders, tool: string) =>
    [...sections].filter(([, r]) => r === readers).map(([n]) => `${type} ${n} (${tool} only)`)
  const differences = [
    ...only(profiles, 'profile', 'aws-cli', 'AWS CLI'),
    ...only(profiles, 'profile', 'js-sdk', 'JS SDK'),
    ...only(sessions, 'sso-session', 'aws-cli', 'AWS CLI'),
    ...only(sessions, 'sso-session', 'js-sdk', 'JS SDK'),
  ]
  // Counted as the AWS CLI reads the file (the sections the JS SDK alone sees are listed above).
  const awsCli = (sections: Map<string, SectionReaders>) =>
    [...sections.values()].filter((r) => r !== 'js-sdk').length
  if (!config.exists) {
    return {
      name: 'config',
      subject: config.path,
      status: 'info',
      message: 'does not exist yet',
      hint: `Create it with \`${bin} configure\`.`,
    }
  }
  const counts = `${plural(awsCli(profiles), 'profile')}, ${plural(awsCli(sessions), 'sso-session')}`
  if (differences.length > 0) {
    return {
      name: 'config',
      subject: config.path,
      status: 'warn',
      message: `${counts}; read by only one of the AWS CLI and the JS SDK: ${differences.join(', ')}`,
      hint: 'Use section names of letters, digits and _ - . @ + % : / only (no spaces or quotes).',
    }
  }
  return {
    name: 'config',
    subject: config.path,
    status: 'ok',
    message: `${counts}; the AWS CLI and the JS SDK read it alike`,
  }
}

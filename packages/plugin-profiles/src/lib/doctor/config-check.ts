import type { ConfigFiles } from '@idc/core'
import { plural } from './safe.js'
import type { CheckJson } from './types.js'

/** config: both files parse, and the AWS CLI and the JS SDK see the same sections. */
export function configCheck(files: ConfigFiles, bin: string): CheckJson {
  const { config } = files
  const onlyIn = (a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>) =>
    [...a.keys()].filter((k) => !b.has(k))
  const differences = [
    ...onlyIn(config.pyProfiles, config.jsProfiles).map((n) => `profile ${n} (AWS CLI only)`),
    ...onlyIn(config.jsProfiles, config.pyProfiles).map((n) => `profile ${n} (JS SDK only)`),
    ...onlyIn(config.pySessions, config.jsSessions).map((n) => `sso-session ${n} (AWS CLI only)`),
    ...onlyIn(config.jsSessions, config.pySessions).map((n) => `sso-session ${n} (JS SDK only)`),
  ]
  if (!config.exists) {
    return {
      name: 'config',
      subject: config.path,
      status: 'info',
      message: 'does not exist yet',
      hint: `Create it with \`${bin} configure\`.`,
    }
  }
  const counts = `${plural(config.pyProfiles.size, 'profile')}, ${plural(config.pySessions.size, 'sso-session')}`
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

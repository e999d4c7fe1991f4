import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliCacheDir, resolveHomeDir, ssoCacheDir } from './paths.js'

const never = () => {
  throw new Error('os.homedir() must not be consulted')
}

describe('resolveHomeDir (JS SDK order)', () => {
  it('prefers HOME, then USERPROFILE, then HOMEDRIVE+HOMEPATH, then os.homedir()', () => {
    expect(resolveHomeDir({ HOME: '/h', USERPROFILE: 'C:\\u', HOMEPATH: '\\p' }, never)).toBe('/h')
    expect(resolveHomeDir({ USERPROFILE: 'C:\\u', HOMEDRIVE: 'D:', HOMEPATH: '\\p' }, never)).toBe('C:\\u')
    expect(resolveHomeDir({ HOMEDRIVE: 'D:', HOMEPATH: '\\p' }, never)).toBe('D:\\p')
    expect(resolveHomeDir({}, () => '/fallback')).toBe('/fallback')
  })

  it('treats empty variables as unset and defaults the drive to C:', () => {
    expect(resolveHomeDir({ HOME: '', USERPROFILE: '', HOMEPATH: '\\p' }, never)).toMatch(/^C:.\\p$/)
  })

  it('builds the cache directories', () => {
    expect(ssoCacheDir('/h')).toBe(join('/h', '.aws', 'sso', 'cache'))
    expect(cliCacheDir('/h')).toBe(join('/h', '.aws', 'cli', 'cache'))
  })
})

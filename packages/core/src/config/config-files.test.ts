import { describe, expect, it } from 'vitest'
import { type ConfigFiles, getProfile, sectionsIn } from './config-files.js'
import { emptyIniFile, parseIniFile } from './ini-file.js'

const config = [
  '[profile both]',
  'region = eu-west-1',
  'output = json # a comment the JS SDK drops',
  '[profile "my dev"]',
  'region = x',
  '[profile  spaced]',
  'region = y',
  '[sso-session s]',
  'sso_region = us-east-1',
  '',
].join('\n')

const files: ConfigFiles = {
  config: parseIniFile(config, '/c', 'config'),
  credentials: emptyIniFile('/k', 'credentials'),
}

describe('sectionsIn', () => {
  it('names each profile and sso-session with the tools that read it', () => {
    expect([...sectionsIn(files.config, 'profile')]).toEqual([
      ['both', 'both'],
      ['my dev', 'aws-cli'],
      ['spaced', 'aws-cli'],
    ])
    expect([...sectionsIn(files.config, 'sso-session')]).toEqual([['s', 'both']])
  })
})

describe('ConfigSection.peek / disagreement', () => {
  const profile = getProfile(files, 'both')!
  it('peeks the value both tools agree on, and undefined for an absent or disputed key', () => {
    expect(profile.peek('region')).toBe('eu-west-1')
    expect(profile.peek('missing')).toBeUndefined()
    expect(profile.peek('output')).toBeUndefined()
    expect(() => profile.get('output')).toThrowError(expect.objectContaining({ code: 'config-invalid' }))
  })
  it('names the disagreement get() would throw', () => {
    expect(profile.disagreement('output')?.code).toBe('config-invalid')
    expect(profile.disagreement('region')).toBeUndefined()
    expect(profile.disagreement('missing')).toBeUndefined()
  })
})

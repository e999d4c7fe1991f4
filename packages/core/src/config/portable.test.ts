import { formatIni } from '@idc/format'
import { toPortableName } from '@idc/format/portable'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IdcError } from '../errors.js'
import { upsertSection } from './ini-edit.js'

/*
 * `creds --format ini` renders with formatIni, `creds --write-profile` writes with the config
 * editor: both must accept and refuse the same values and names, with the same message.
 */

const creds = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' }

function viaFormat(name: string, region: string): string | undefined {
  try {
    formatIni(creds, { profile: name, region })
    return undefined
  } catch (error) {
    if (!IdcError.is(error)) throw error
    return error.message
  }
}

function viaWriteProfile(name: string, region: string): string | undefined {
  try {
    upsertSection(
      '',
      { file: 'credentials', type: 'profile', name },
      {
        aws_access_key_id: creds.accessKeyId,
        aws_secret_access_key: creds.secretAccessKey,
        aws_session_token: creds.sessionToken,
        region,
      },
    )
    return undefined
  } catch (error) {
    if (!IdcError.is(error)) throw error
    return error.message
  }
}

describe('one value and name rule for --write-profile and --format ini', () => {
  it.each([
    'eu-west-1',
    'é',
    'eu-wést-1',
    ' lead',
    'trail ',
    'a #b',
    ';x',
    'tab\tx',
    '\u00a0x',
    'two\nlines',
    'x y',
  ])('region %j: both accept, or both refuse with the same message', (region) => {
    expect(viaWriteProfile('dev', region)).toBe(viaFormat('dev', region))
  })

  it.each(['dev', 'a.b@c+d%e:f/g_h-i', 'has space', 'DEFAULT', '__proto__', 'é', '[x]', ''])(
    'profile name %j: both accept, or both refuse with the same message',
    (name) => {
      expect(viaWriteProfile(name, 'eu-west-1')).toBe(viaFormat(name, 'eu-west-1'))
    },
  )

  it('agrees on generated values', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 6 }), (region, name) => {
        const profile = name === '' ? 'p' : name
        expect(viaWriteProfile(profile, region)).toBe(viaFormat(profile, region))
      }),
      { numRuns: 2000 },
    )
  })

  it('refuses non-ASCII for both (botocore reads the file in the locale encoding)', () => {
    expect(viaWriteProfile('dev', 'é')).toMatch(/outside printable ASCII/)
  })
})

describe('toPortableName', () => {
  it.each([
    ['My Account / Admin', 'My-Account-/-Admin'],
    ['  spaced  ', 'spaced'],
    ['a..b', 'a..b'],
    ['é-x', 'x'],
  ])('%j -> %j', (text, name) => {
    expect(toPortableName(text)).toBe(name)
  })
})

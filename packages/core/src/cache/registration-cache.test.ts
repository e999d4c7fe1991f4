import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { describe, expect, it } from 'vitest'
import { modeOf, useTempDirs } from '../../test/cache/helpers.js'
import {
  type ClientRegistration,
  isRegistrationReusable,
  readRegistration,
  registrationFileContents,
  registrationFileName,
  registrationFilePath,
  registrationForFlow,
  registrationKeyText,
  writeRegistration,
} from './registration-cache.js'

const tempDir = useTempDirs()
const START = 'https://d-1234567890.awsapps.com/start'
const base = { startUrl: START, region: 'us-east-1' }
const response = { clientId: 'cid', clientSecret: 'csecret', expiresAt: new Date('2027-02-20T10:11:44Z') }

describe('registration cache key (docs/reference.md#registration-cache)', () => {
  it.each([
    [
      { ...base, scopes: ['sso:account:access'], sessionName: 'my-sso' },
      'a8343d65418848d0bc13a5f25cbb32508ceec5d1',
    ],
    [{ ...base, scopes: null, sessionName: 'my-sso' }, '8b2cedd020fb181ad4cf906d1d27b232fd31557e'],
    [{ ...base, scopes: null, sessionName: null }, '365414a68be7c9bfc776c660981dbdbd942acea4'],
  ])('%j → %s', (key, hash) => {
    expect(registrationFileName(key)).toBe(`${hash}.json`)
  })

  it('is the Python json.dumps(sort_keys=True) text', () => {
    expect(registrationKeyText({ ...base, scopes: [], sessionName: 'é' })).toBe(
      `{"region": "us-east-1", "scopes": [], "session_name": "\\u00e9", "startUrl": "${START}", "tool": "botocore"}`,
    )
  })

  it('gives another tool value its own file', () => {
    const key = { ...base, scopes: null, sessionName: 'my-sso' }
    expect(registrationFileName({ ...key, tool: 'aws-idc' })).not.toBe(registrationFileName(key))
  })
})

describe('registration file contents', () => {
  it('device flow: scopes only when configured and non-empty', () => {
    expect(registrationFileContents(registrationForFlow('device', response, null))).toBe(
      '{"clientId": "cid", "clientSecret": "csecret", "expiresAt": "2027-02-20T10:11:44Z"}',
    )
    expect(registrationFileContents(registrationForFlow('device', response, []))).not.toContain('scopes')
    expect(registrationFileContents(registrationForFlow('device', response, ['a:b', 'c']))).toBe(
      '{"clientId": "cid", "clientSecret": "csecret", "expiresAt": "2027-02-20T10:11:44Z", "scopes": ["a:b", "c"]}',
    )
  })

  it('auth-code flow: scopes (default sso:account:access) and grantTypes', () => {
    expect(registrationFileContents(registrationForFlow('auth-code', response, null))).toBe(
      '{"clientId": "cid", "clientSecret": "csecret", "expiresAt": "2027-02-20T10:11:44Z", ' +
        '"scopes": ["sso:account:access"], "grantTypes": ["authorization_code", "refresh_token"]}',
    )
  })

  it('round-trips through a 0600 file', async () => {
    const path = registrationFilePath(await tempDir(), { ...base, scopes: null, sessionName: 'my-sso' })
    const reg = registrationForFlow('auth-code', response, ['x'])
    await writeRegistration(path, reg)
    expect(await readRegistration(path)).toEqual(reg)
    if (process.platform !== 'win32') expect(await modeOf(path)).toBe(0o600)
    expect((await readFile(path, 'utf8')).includes('\n')).toBe(false)
  })

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['invalid JSON', '{"clientId"'],
    ['no secret', '{"clientId": "c", "expiresAt": "2027-02-20T10:11:44Z"}'],
    ['zone-less expiry', '{"clientId": "c", "clientSecret": "s", "expiresAt": "2027-02-20T10:11:44"}'],
  ])('treats a %s file as no registration', async (_, content) => {
    const path = registrationFilePath(await tempDir(), { ...base, scopes: null, sessionName: null })
    if (content !== undefined) {
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, content)
    }
    expect(await readRegistration(path)).toBeUndefined()
  })
})

describe('reuse rules (AWS CLI ≥ 2.22)', () => {
  const now = new Date('2027-01-01T00:00:00Z')
  const FIFTEEN = 15 * 60_000
  const reg = (msLeft: number, grantTypes?: string[]): ClientRegistration => ({
    clientId: 'c',
    clientSecret: 's',
    expiresAt: new Date(now.getTime() + msLeft),
    grantTypes,
  })

  it('needs at least 15 minutes left', () => {
    expect(isRegistrationReusable(reg(FIFTEEN), 'device', now)).toBe(true)
    expect(isRegistrationReusable(reg(FIFTEEN - 1), 'device', now)).toBe(false)
  })

  it('auth-code needs authorization_code in grantTypes; device needs it absent', () => {
    const authCode = ['authorization_code', 'refresh_token']
    expect(isRegistrationReusable(reg(FIFTEEN, authCode), 'auth-code', now)).toBe(true)
    expect(isRegistrationReusable(reg(FIFTEEN), 'auth-code', now)).toBe(false)
    expect(isRegistrationReusable(reg(FIFTEEN, ['refresh_token']), 'auth-code', now)).toBe(false)
    expect(isRegistrationReusable(reg(FIFTEEN, authCode), 'device', now)).toBe(false)
    expect(isRegistrationReusable(reg(FIFTEEN, ['refresh_token']), 'device', now)).toBe(true)
  })
})

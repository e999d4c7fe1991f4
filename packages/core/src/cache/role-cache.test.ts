import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { entries, modeOf, useTempDirs } from '../../test/cache/helpers.js'
import { IdcError } from '../errors.js'
import type { Credentials } from '../types.js'
import { cliCacheDir } from './paths.js'
import {
  deleteRoleCache,
  isRoleCacheReusable,
  listRoleCacheFiles,
  readRoleCache,
  roleCacheFileContents,
  roleCacheFileName,
  roleCacheFilePath,
  roleCacheKeyText,
  writeRoleCache,
} from './role-cache.js'

const tempDir = useTempDirs()
const START = 'https://d-1234567890.awsapps.com/start'
const creds: Credentials = {
  accessKeyId: 'ASIAMOCKB21E9975F347',
  secretAccessKey: 'secret-access-key-value',
  sessionToken: 'session-token-value',
  expiration: new Date('2026-11-22T11:12:05Z'),
  accountId: '111111111111',
}
const LINE =
  '{"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIAMOCKB21E9975F347", ' +
  '"SecretAccessKey": "secret-access-key-value", "SessionToken": "session-token-value", ' +
  '"Expiration": "2026-11-22T11:12:05Z", "AccountId": "111111111111"}}'

describe('role cache key (docs/reference.md#role-cache)', () => {
  it('session profile', () => {
    const key = { accountId: '111111111111', roleName: 'Admin', sessionName: 'my-sso', startUrl: START }
    expect(roleCacheKeyText(key)).toBe(
      '{"accountId":"111111111111","roleName":"Admin","sessionName":"my-sso"}',
    )
    expect(roleCacheFileName(key)).toBe('4d591a7ab0da2e15379d89377621ae9cda619cc3.json')
  })

  it('legacy profile', () => {
    const key = { accountId: '111111111111', roleName: 'Admin', startUrl: START }
    expect(roleCacheKeyText(key)).toBe(
      `{"accountId":"111111111111","roleName":"Admin","startUrl":"${START}"}`,
    )
    expect(roleCacheFileName(key)).toBe('286e93c3018b44f21e1f9bca8bfbca4be8834fc9.json')
    expect(roleCacheFilePath('/h', key)).toBe(join('/h', '.aws', 'cli', 'cache', roleCacheFileName(key)))
  })
})

describe('role cache file', () => {
  it('is one line in the AWS CLI layout', () => {
    expect(roleCacheFileContents(creds)).toBe(LINE)
    expect(roleCacheFileContents({ ...creds, accountId: undefined })).not.toContain('AccountId')
  })

  it('refuses credentials without session token or expiration', () => {
    const e = (() => {
      try {
        roleCacheFileContents({ ...creds, expiration: undefined })
      } catch (error) {
        return error
      }
    })()
    expect(IdcError.is(e) && e.code).toBe('invalid-argument')
  })

  it('writes 0600 and reads back, with and without AccountId', async () => {
    const path = roleCacheFilePath(await tempDir(), { accountId: '1', roleName: 'R', sessionName: 's' })
    await writeRoleCache(path, creds)
    expect(await readFile(path, 'utf8')).toBe(LINE)
    if (process.platform !== 'win32') expect(await modeOf(path)).toBe(0o600)
    expect(await readRoleCache(path)).toEqual(creds)
    await writeFile(path, LINE.replace(', "AccountId": "111111111111"', ''))
    expect(await readRoleCache(path)).toEqual({ ...creds, accountId: undefined })
  })

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['invalid JSON', LINE.slice(0, 40)],
    ['no Credentials', '{"ProviderType": "sso"}'],
    ['Credentials not an object', '{"ProviderType": "sso", "Credentials": "x"}'],
    ['no SessionToken', LINE.replace('"SessionToken": "session-token-value", ', '')],
    ['zone-less Expiration', LINE.replace('11:12:05Z', '11:12:05')],
    ['unparseable Expiration', LINE.replace('2026-11-22T11:12:05Z', 'soon')],
  ])('treats a %s file as absent', async (_, content) => {
    const path = roleCacheFilePath(await tempDir(), { accountId: '1', roleName: 'R', startUrl: START })
    if (content !== undefined) {
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, content)
    }
    expect(await readRoleCache(path)).toBeUndefined()
  })

  it('is reused only with at least 15 minutes left', () => {
    const exp = creds.expiration as Date
    expect(isRoleCacheReusable({ expiration: exp }, new Date(exp.getTime() - 15 * 60_000))).toBe(true)
    expect(isRoleCacheReusable({ expiration: exp }, new Date(exp.getTime() - 15 * 60_000 + 1))).toBe(false)
  })

  it('lists only ProviderType sso files and deletes them', async () => {
    const home = await tempDir()
    const ours = roleCacheFilePath(home, { accountId: '1', roleName: 'R', sessionName: 's' })
    await writeRoleCache(ours, creds)
    const dir = cliCacheDir(home)
    await writeFile(join(dir, 'assume-role.json'), '{"ProviderType": "assume-role", "Credentials": {}}')
    await writeFile(join(dir, 'junk.json'), 'nope')
    expect(await listRoleCacheFiles(home)).toEqual([ours])
    expect(await deleteRoleCache(ours)).toBe(true)
    expect(await deleteRoleCache(ours)).toBe(false)
    expect(await entries(dir)).toEqual(['assume-role.json', 'junk.json'])
  })
})

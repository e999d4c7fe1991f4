import { spawnSync } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { entries, modeOf, useTempDirs } from '../../test/cache/helpers.js'
import { IdcError } from '../errors.js'
import { ssoCacheDir } from './paths.js'
import {
  type CachedSsoToken,
  canRefresh,
  deleteToken,
  isUsable,
  listTokens,
  loadToken,
  needsRefresh,
  readToken,
  type SsoToken,
  tokenFileContents,
  tokenFileName,
  tokenFilePath,
  writeToken,
} from './token-cache.js'

const tempDir = useTempDirs()
const START = 'https://d-1234567890.awsapps.com/start'
const SECRETS = {
  accessToken: 'aoaAAAAAGsecret-access-token-value',
  clientSecret: 'eyJraWQiOiJrZXktsecret-client-secret',
  refreshToken: 'aorAAAAAGsecret-refresh-token-value',
}

const token: SsoToken = {
  startUrl: START,
  region: 'us-east-1',
  accessToken: SECRETS.accessToken,
  expiresAt: new Date('2026-11-22T11:11:45Z'),
  clientId: 'cid-1',
  clientSecret: SECRETS.clientSecret,
  registrationExpiresAt: new Date('2027-02-20T10:11:44Z'),
  refreshToken: SECRETS.refreshToken,
}

const CLI_LINE =
  `{"startUrl": "${START}", "region": "us-east-1", "accessToken": "${SECRETS.accessToken}", ` +
  `"expiresAt": "2026-11-22T11:11:45Z", "clientId": "cid-1", "clientSecret": "${SECRETS.clientSecret}", ` +
  `"registrationExpiresAt": "2027-02-20T10:11:44Z", "refreshToken": "${SECRETS.refreshToken}"}`

async function fileIn(content: string): Promise<string> {
  const dir = ssoCacheDir(await tempDir())
  await mkdir(dir, { recursive: true })
  const path = join(dir, tokenFileName('my-sso'))
  await writeFile(path, content)
  return path
}

function expectNoSecrets(error: IdcError): void {
  const text = JSON.stringify({ ...error.toJSON(), display: error.toDisplayString() })
  for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret)
}

describe('token file names (docs/reference.md#token-file)', () => {
  it.each([
    ['my-sso', '0ad374308c5a4e22f723adf10145eafad7c4031c.json'],
    [START, '7487b5b67d5fa1132cf33fa93ae51ef38cc37752.json'],
    [`${START}/`, 'ae4321de83751a696d13fbefb87d776773c41e1c.json'],
  ])('%s → %s', (key, name) => {
    expect(tokenFileName(key)).toBe(name)
    expect(tokenFilePath('/home/u', key)).toBe(join('/home/u', '.aws', 'sso', 'cache', name))
  })
})

describe('writing', () => {
  it('writes exactly what the AWS CLI writes: one line, CLI key order, Z timestamps', () => {
    expect(tokenFileContents(token)).toBe(CLI_LINE)
  })

  it('omits optional keys that are not set', () => {
    const minimal = { startUrl: START, region: 'eu-west-1', accessToken: 'a', expiresAt: token.expiresAt }
    expect(tokenFileContents({ ...minimal, refreshToken: undefined })).toBe(
      `{"startUrl": "${START}", "region": "eu-west-1", "accessToken": "a", "expiresAt": "2026-11-22T11:11:45Z"}`,
    )
  })

  it('writes atomically to a 0600 file in a 0700 directory and reads it back', async () => {
    const home = await tempDir()
    const path = tokenFilePath(home, 'my-sso')
    await writeToken(path, token)
    expect(await readFile(path, 'utf8')).toBe(CLI_LINE)
    if (process.platform !== 'win32') {
      expect(await modeOf(path)).toBe(0o600)
      expect(await modeOf(ssoCacheDir(home))).toBe(0o700)
    }
    expect(await loadToken(path)).toEqual(token)
  })
})

describe('reading', () => {
  it('reads a file the AWS CLI wrote', async () => {
    const result = await readToken(await fileIn(CLI_LINE))
    expect(result.status === 'ok' && result.token).toEqual(token)
  })

  it('reads a file the JS SDK rewrote: 2-space JSON, expiresAt with ms, unknown keys', async () => {
    const sdk = JSON.stringify(
      {
        startUrl: START,
        region: 'us-east-1',
        accessToken: SECRETS.accessToken,
        expiresAt: '2026-11-22T11:11:45.123Z',
        clientId: 'cid-1',
        clientSecret: SECRETS.clientSecret,
        registrationExpiresAt: '2027-02-20T10:11:44Z',
        refreshToken: SECRETS.refreshToken,
        someFutureKey: { nested: true },
      },
      null,
      2,
    )
    const t = await loadToken(await fileIn(sdk))
    expect(t.expiresAt.toISOString()).toBe('2026-11-22T11:11:45.123Z')
    expect(t.refreshToken).toBe(SECRETS.refreshToken)
  })

  it('reads a legacy …UTC file and one with only accessToken and expiresAt', async () => {
    const t = await loadToken(await fileIn('{"accessToken": "a", "expiresAt": "2019-11-14T04:05:45UTC"}'))
    expect(t).toEqual<CachedSsoToken>({
      accessToken: 'a',
      expiresAt: new Date('2019-11-14T04:05:45Z'),
      startUrl: undefined,
      region: undefined,
      clientId: undefined,
      clientSecret: undefined,
      registrationExpiresAt: undefined,
      refreshToken: undefined,
    })
  })

  it('reports a missing file as missing, and loadToken as token-missing', async () => {
    const path = tokenFilePath(await tempDir(), 'nobody')
    expect(await readToken(path)).toEqual({ status: 'missing', path })
    const error = await loadToken(path).catch((e: unknown) => e)
    expect(IdcError.is(error) && error.code).toBe('token-missing')
    expect((error as IdcError).hint).toMatch(/sign in/i)
  })

  it.each([
    ['empty', '', 'is empty'],
    ['whitespace', ' \n', 'is empty'],
    ['truncated JSON', CLI_LINE.slice(0, 80), 'not valid JSON'],
    ['a JSON array', '[]', 'not a JSON object'],
    ['no accessToken', '{"expiresAt": "2026-11-22T11:11:45Z"}', 'no accessToken'],
    ['no expiresAt', `{"accessToken": "${SECRETS.accessToken}"}`, 'no expiresAt'],
  ])('reports %s as token-invalid without leaking secrets', async (_, content, text) => {
    const path = await fileIn(content)
    const result = await readToken(path)
    if (result.status !== 'corrupt') throw new Error(`expected corrupt, got ${result.status}`)
    expect(result.error.code).toBe('token-invalid')
    expect(result.error.message).toContain(path)
    expect(result.error.message).toContain(text)
    expect(result.error.hint).toMatch(/sign in again/i)
    expectNoSecrets(result.error)
    await expect(loadToken(path)).rejects.toMatchObject({ code: 'token-invalid' })
  })

  it('reports a zone-less expiresAt as timestamp-invalid naming the file and field', async () => {
    const path = await fileIn(CLI_LINE.replace('2026-11-22T11:11:45Z', '2026-11-22T11:11:45'))
    const result = await readToken(path)
    if (result.status !== 'corrupt') throw new Error(`expected corrupt, got ${result.status}`)
    expect(result.error.code).toBe('timestamp-invalid')
    expect(result.error.message).toContain(path)
    expect(result.error.message).toContain('expiresAt')
    expectNoSecrets(result.error)
  })

  it('does not let a damaged registrationExpiresAt spoil a valid access token, but blocks refresh', async () => {
    const t = await loadToken(await fileIn(CLI_LINE.replace('2027-02-20T10:11:44Z', '2027-02-20T10:11:44')))
    expect(t.registrationExpiresAt).toBeUndefined()
    expect(t.accessToken).toBe(SECRETS.accessToken)
  })
})

describe('expiry rules', () => {
  const now = new Date('2026-11-22T10:00:00Z')
  const expiring = (ms: number) => ({ ...token, expiresAt: new Date(now.getTime() + ms) })
  const MIN = 60_000

  it('isUsable: strictly more than the window left', () => {
    expect(isUsable(expiring(1), now)).toBe(true)
    expect(isUsable(expiring(0), now)).toBe(false)
    expect(isUsable(expiring(5 * MIN), now, 5 * MIN)).toBe(false)
    expect(isUsable(expiring(5 * MIN + 1), now, 5 * MIN)).toBe(true)
  })

  it('needsRefresh: less than 15 minutes left (botocore)', () => {
    expect(needsRefresh(expiring(15 * MIN - 1), now)).toBe(true)
    expect(needsRefresh(expiring(15 * MIN), now)).toBe(false)
    expect(needsRefresh(expiring(-1), now)).toBe(true)
  })

  it('canRefresh: refresh token, client id and secret, registration not expired', () => {
    expect(canRefresh(token, now)).toBe(true)
    expect(canRefresh({ ...token, refreshToken: undefined }, now)).toBe(false)
    expect(canRefresh({ ...token, clientId: undefined }, now)).toBe(false)
    expect(canRefresh({ ...token, clientSecret: undefined }, now)).toBe(false)
    expect(canRefresh({ ...token, registrationExpiresAt: now }, now)).toBe(false)
    expect(canRefresh({ ...token, registrationExpiresAt: undefined }, now)).toBe(true)
  })
})

describe('listing and deleting', () => {
  it('lists every JSON file with an accessToken, skipping registrations, locks, temp and junk files', async () => {
    const home = await tempDir()
    const dir = ssoCacheDir(home)
    const a = tokenFilePath(home, 'my-sso')
    const b = tokenFilePath(home, START)
    await writeToken(a, token)
    await writeFile(b, CLI_LINE.replace('2026-11-22T11:11:45Z', 'garbage'))
    await writeFile(
      join(dir, 'registration.json'),
      '{"clientId": "c", "clientSecret": "s", "expiresAt": "x"}',
    )
    await writeFile(join(dir, 'broken.json'), '{')
    await writeFile(join(dir, `.${tokenFileName('x')}.1.abc.tmp`), CLI_LINE)
    await mkdir(`${a}.lock`)
    const list = await listTokens(home)
    expect(list.map((e) => e.path).sort()).toEqual([a, b].sort())
    expect(list.find((e) => e.path === a)?.token).toEqual(token)
    expect(list.find((e) => e.path === b)?.token).toBeUndefined()
    expect(list.find((e) => e.path === b)?.data.region).toBe('us-east-1')
  })

  it('lists nothing when the cache directory does not exist', async () => {
    expect(await listTokens(await tempDir())).toEqual([])
  })

  it('deletes one token file and reports whether it existed', async () => {
    const home = await tempDir()
    const path = tokenFilePath(home, 'my-sso')
    await writeToken(path, token)
    expect(await deleteToken(path)).toBe(true)
    expect(await deleteToken(path)).toBe(false)
    expect(await entries(ssoCacheDir(home))).toEqual([])
  })
})

describe('interoperability with the real JS SDK', () => {
  it('@smithy/shared-ini-file-loader finds and parses the file we write', async () => {
    const home = await tempDir()
    await writeToken(tokenFilePath(home, 'my-sso'), token)
    const script = `
      import { getSSOTokenFilepath, getSSOTokenFromFile } from '@smithy/shared-ini-file-loader'
      const t = await getSSOTokenFromFile('my-sso')
      console.log(JSON.stringify({ path: getSSOTokenFilepath('my-sso'), expires: new Date(t.expiresAt).getTime(), access: t.accessToken }))
    `
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: join(import.meta.dirname, '..', '..'),
      env: { ...process.env, HOME: home, USERPROFILE: home },
      encoding: 'utf8',
    })
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toEqual({
      path: tokenFilePath(home, 'my-sso'),
      expires: token.expiresAt.getTime(),
      access: token.accessToken,
    })
  })
})

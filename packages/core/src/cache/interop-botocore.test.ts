import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../../test/cache/helpers.js'
import { cliCacheDir, ssoCacheDir } from './paths.js'
import { type RoleCacheKey, roleCacheFileName, roleCacheFilePath, writeRoleCache } from './role-cache.js'
import { tokenFilePath, writeToken } from './token-cache.js'

// Runs only where botocore is installed (it is on the development machines and in CI images that
// carry the AWS CLI); the hash vectors and the python-json property test cover the rest everywhere.
const hasBotocore = spawnSync('python3', ['-c', 'import botocore.credentials, botocore.utils']).status === 0
const tempDir = useTempDirs()

function python(script: string, args: string[]): unknown {
  const run = spawnSync('python3', ['-c', script, ...args], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(run.stderr)
  return JSON.parse(run.stdout)
}

describe.skipIf(!hasBotocore && !process.env.CI)('interoperability with the real botocore', () => {
  it('botocore loads our token file and parses both timestamps as aware datetimes', async () => {
    const home = await tempDir()
    const expiresAt = new Date('2031-05-06T07:08:09Z')
    await writeToken(tokenFilePath(home, 'my-sso'), {
      startUrl: 'https://d-1234567890.awsapps.com/start',
      region: 'eu-west-1',
      accessToken: 'at',
      expiresAt,
      clientId: 'c',
      clientSecret: 's',
      registrationExpiresAt: new Date('2031-08-01T00:00:00Z'),
      refreshToken: 'rt',
    })
    const out = python(
      `
import json, sys
from dateutil.parser import parse
from botocore.utils import JSONFileCache, SSOTokenLoader
token = SSOTokenLoader(JSONFileCache(sys.argv[1]))('https://unused', session_name='my-sso')
print(json.dumps({'expires': parse(token['expiresAt']).timestamp(),
                  'reg': parse(token['registrationExpiresAt']).tzinfo is not None,
                  'keys': list(token)}))
`,
      [ssoCacheDir(home)],
    )
    expect(out).toEqual({
      expires: expiresAt.getTime() / 1000,
      reg: true,
      keys: [
        'startUrl',
        'region',
        'accessToken',
        'expiresAt',
        'clientId',
        'clientSecret',
        'registrationExpiresAt',
        'refreshToken',
      ],
    })
  })

  it('botocore computes the same role-cache names and reuses our files', async () => {
    const keys: RoleCacheKey[] = [
      { accountId: '111111111111', roleName: 'Admin', sessionName: 'my-sso' },
      { accountId: '111111111111', roleName: 'Rôle/日本\u{1f600}"\\', sessionName: 'sess ion' },
      { accountId: '222222222222', roleName: 'ReadOnly', startUrl: 'https://example.com/start/' },
    ]
    const home = await tempDir()
    for (const [i, key] of keys.entries()) {
      await writeRoleCache(roleCacheFilePath(home, key), {
        accessKeyId: `AKID${i}`,
        secretAccessKey: 'SECRET',
        sessionToken: 'TOKEN',
        expiration: new Date(Date.now() + 3_600_000),
      })
    }
    // One Python process for all keys: importing botocore is the slow part.
    const out = python(
      `
import json, sys
from botocore.credentials import SSOCredentialFetcher
from botocore.utils import JSONFileCache
result = []
for key in json.loads(sys.argv[2]):
    fetcher = SSOCredentialFetcher(key.get('startUrl', 'https://unused'), 'us-east-1', key['roleName'],
                                   key['accountId'], client_creator=None, cache=JSONFileCache(sys.argv[1]),
                                   sso_session_name=key.get('sessionName'))
    cached = fetcher._load_from_cache()
    result.append({'name': fetcher._create_cache_key() + '.json',
                   'reused': cached['Credentials']['AccessKeyId'] if cached else None})
print(json.dumps(result))
`,
      [cliCacheDir(home), JSON.stringify(keys)],
    )
    expect(out).toEqual(keys.map((key, i) => ({ name: roleCacheFileName(key), reused: `AKID${i}` })))
  })
})

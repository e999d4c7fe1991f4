import { spawnSync } from 'node:child_process'
import { chmod, lstat, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../cache/atomic-write.js'
import { loadConfigFiles } from './config-files.js'
import { makeHome, removeTempDirs, tempDir } from './fixtures.test.helpers.js'
import { resolveCredentialsTarget } from './resolve.js'
import { deleteSection, setSectionKey, unsetSectionKey, writeSection } from './write.js'

afterEach(removeTempDirs)
const posix = process.platform !== 'win32'
const START = 'https://d-1234567890.awsapps.com/start'

describe('writeFileAtomic', () => {
  it.skipIf(!posix)(
    'creates missing directories 0700 and the file with the exact mode, leaving no temp file',
    async () => {
      const dir = await tempDir()
      const path = join(dir, 'a', 'b', 'file')
      await writeFileAtomic(path, 'x', { mode: 0o640 })
      expect((await stat(path)).mode & 0o777).toBe(0o640)
      expect((await stat(join(dir, 'a'))).mode & 0o777).toBe(0o700)
      await writeFileAtomic(path, 'y', { mode: 0o600 })
      expect(await readFile(path, 'utf8')).toBe('y')
      expect(await readdir(join(dir, 'a', 'b'))).toEqual(['file'])
    },
  )
})

describe('editing files', () => {
  it.skipIf(!posix)('creates a new config file 0600 in a new 0700 directory', async () => {
    const home = await tempDir()
    const path = join(home, '.aws', 'config')
    const result = await writeSection(
      path,
      { file: 'config', type: 'profile', name: 'dev' },
      { region: 'us-east-1' },
    )
    expect(result.changed).toBe(true)
    expect(await readFile(path, 'utf8')).toBe('[profile dev]\nregion = us-east-1\n')
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect((await stat(join(home, '.aws'))).mode & 0o777).toBe(0o700)
  })

  it.skipIf(!posix)(
    'keeps the mode of an existing file and edits a symlink target, keeping the link',
    async () => {
      const dir = await tempDir()
      const real = join(dir, 'dotfiles-config')
      await writeFile(real, '# mine\n[default]\nregion = a\n')
      await chmod(real, 0o644)
      const link = join(dir, 'config')
      await symlink(real, link)
      await setSectionKey(link, { file: 'config', type: 'profile', name: 'default' }, 'region', 'b')
      expect((await lstat(link)).isSymbolicLink()).toBe(true)
      expect(await readFile(real, 'utf8')).toBe('# mine\n[default]\nregion = b\n')
      expect((await stat(real)).mode & 0o777).toBe(0o644)
    },
  )

  it.skipIf(!posix)(
    'writes through a dangling symlink (relative, chained) to its target, keeping the links',
    async () => {
      const dir = await tempDir()
      await mkdir(join(dir, 'dotfiles'))
      await symlink('dotfiles/middle', join(dir, 'credentials'))
      await symlink('real-credentials', join(dir, 'dotfiles', 'middle'))
      const ref = { file: 'credentials', type: 'profile', name: 'p' } as const
      await writeSection(join(dir, 'credentials'), ref, { aws_access_key_id: 'AKIA1' })
      expect((await lstat(join(dir, 'credentials'))).isSymbolicLink()).toBe(true)
      expect((await lstat(join(dir, 'dotfiles', 'middle'))).isSymbolicLink()).toBe(true)
      expect(await readFile(join(dir, 'dotfiles', 'real-credentials'), 'utf8')).toContain('[p]')
    },
  )

  it('parallel edits of one file in this process all survive (the edit holds the file lock)', async () => {
    const path = join(await tempDir(), 'credentials')
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        writeSection(
          path,
          { file: 'credentials', type: 'profile', name: `p${i}` },
          { aws_access_key_id: `A${i}` },
        ),
      ),
    )
    const text = await readFile(path, 'utf8')
    for (let i = 0; i < 20; i++) expect(text).toContain(`[p${i}]`)
    expect(await readdir(join(path, '..'))).toEqual(['credentials'])
  })

  it('does not rewrite a file when nothing changes', async () => {
    const dir = await tempDir()
    const path = join(dir, 'config')
    await writeFile(path, '[default]\nregion = a\n')
    const before = (await stat(path)).ino
    const ref = { file: 'config', type: 'profile', name: 'default' } as const
    expect((await setSectionKey(path, ref, 'region', 'a')).changed).toBe(false)
    expect((await unsetSectionKey(path, ref, 'output')).changed).toBe(false)
    expect((await deleteSection(path, { ...ref, name: 'dev' })).changed).toBe(false)
    expect((await stat(path)).ino).toBe(before)
  })

  it('writes what `aws configure sso` would write, and resolves it', async () => {
    const home = await makeHome({ config: '[default]\nregion = eu-west-1\n' })
    await writeSection(
      home.configFile,
      { file: 'config', type: 'sso-session', name: 'my-sso' },
      {
        sso_start_url: START,
        sso_region: 'us-east-1',
        sso_registration_scopes: 'sso:account:access',
      },
    )
    await writeSection(
      home.configFile,
      { file: 'config', type: 'profile', name: 'dev' },
      {
        sso_session: 'my-sso',
        sso_account_id: '111111111111',
        sso_role_name: 'Admin',
        region: 'us-west-2',
        output: 'json',
      },
    )
    const files = await loadConfigFiles({ env: home.env })
    expect(
      resolveCredentialsTarget(files, { from: 'profile', profile: 'dev' }, { env: home.env }),
    ).toMatchObject({
      kind: 'session',
      sessionName: 'my-sso',
      startUrl: START,
      accountId: '111111111111',
      registrationScopes: ['sso:account:access'],
    })
  })
})

const hasAws = spawnSync('aws', ['--version']).status === 0
describe.skipIf(!hasAws && !process.env.CI)('round trip with the installed AWS CLI', () => {
  const aws = (home: string, args: string[]) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    }
    delete env.AWS_PROFILE
    const run = spawnSync('aws', args, { encoding: 'utf8', env })
    if (run.status !== 0) throw new Error(run.stderr)
    return run.stdout.trim()
  }

  it('the AWS CLI reads what we write, and we read what it writes', async () => {
    const home = await tempDir()
    await mkdir(home, { recursive: true })
    const config = join(home, 'config')
    await writeFile(config, '# keep me\n[default]\nregion = eu-west-1 ; comment\n')
    await writeSection(
      config,
      { file: 'config', type: 'profile', name: 'dev' },
      {
        sso_start_url: START,
        sso_region: 'us-east-1',
        sso_account_id: '111111111111',
        sso_role_name: 'Admin',
      },
    )
    expect(aws(home, ['configure', 'get', 'sso_start_url', '--profile', 'dev'])).toBe(START)
    aws(home, ['configure', 'set', 'sso_role_name', 'ReadOnly', '--profile', 'dev'])
    const files = await loadConfigFiles({
      env: { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') },
    })
    expect(resolveCredentialsTarget(files, { from: 'profile', profile: 'dev' }, { env: {} }).roleName).toBe(
      'ReadOnly',
    )
    expect(await readFile(config, 'utf8')).toMatch(/^# keep me\n\[default\]\nregion = eu-west-1 ; comment\n/)
  })
})

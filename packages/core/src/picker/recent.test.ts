import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { PickerChoice } from './choices.js'
import { recentChoiceIds, recordRecentChoice, sortChoices } from './recent.js'

const choice = (accountName: string, accountId: string, roleName: string): PickerChoice => ({
  id: `session:s|${accountId}|${roleName}`,
  kind: 'session',
  session: 's',
  startUrl: 'https://x.awsapps.com/start',
  ssoRegion: 'us-east-1',
  accountId,
  accountName,
  roleName,
  profiles: [],
})

describe('most recently used first', () => {
  it('records picks under a lock in aws-idc cache dir and sorts by them, then by name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'idc-recent-'))
    try {
      const ctx = { env: { AWS_IDC_CACHE_DIR: join(dir, 'cache'), HOME: dir } }
      const a = choice('dev', '111111111111', 'ReadOnly')
      const b = choice('prod', '333333333333', 'ReadOnly')
      const c = choice('staging', '222222222222', 'Admin')
      expect(sortChoices([c, b, a], await recentChoiceIds(ctx)).map((x) => x.accountName)).toEqual([
        'dev',
        'prod',
        'staging',
      ])
      await Promise.all([recordRecentChoice(b.id, ctx), recordRecentChoice(c.id, ctx)])
      await recordRecentChoice(b.id, ctx)
      expect(await recentChoiceIds(ctx)).toEqual([b.id, c.id])
      expect(sortChoices([a, b, c], await recentChoiceIds(ctx)).map((x) => x.accountName)).toEqual([
        'prod',
        'staging',
        'dev',
      ])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('awsIdcCacheDir', () => {
  it("is oclif's cache directory for the aws-idc bin", async () => {
    const { awsIdcCacheDir } = await import('./cache-dir.js')
    const env = { HOME: '/h' }
    expect(awsIdcCacheDir({ env: { ...env, AWS_IDC_CACHE_DIR: '/x' } })).toBe('/x')
    expect(awsIdcCacheDir({ env }, 'linux')).toBe('/h/.cache/aws-idc')
    expect(awsIdcCacheDir({ env: { ...env, XDG_CACHE_HOME: '/c' } }, 'linux')).toBe('/c/aws-idc')
    expect(awsIdcCacheDir({ env }, 'darwin')).toBe('/h/Library/Caches/aws-idc')
    expect(awsIdcCacheDir({ env: { ...env, LOCALAPPDATA: 'C:\\L' } }, 'win32')).toBe(join('C:\\L', 'aws-idc'))
  })
})

import { join } from 'node:path'
import { upsertSection } from '@idc/core'
import { runCommand } from '@oclif/test'
import { describe, expect, it } from 'vitest'
import { appendSections, type SectionWrite, setValues } from '../src/lib/config-edit.js'
import {
  checkTemplate,
  DEFAULT_TEMPLATE,
  planDiff,
  planPopulate,
  profileName,
} from '../src/lib/populate-plan.js'

const root = join(import.meta.dirname, '..')
const run = (args: string[]) => runCommand(args, { root })
const exitOf = (error: unknown) => (error as { oclif?: { exit?: number } } | undefined)?.oclif?.exit

describe('help', () => {
  it.each(['configure', 'populate', 'accounts', 'roles', 'doctor'])(
    '%s --help shows usage and examples',
    async (id) => {
      const { stdout, error } = await run([id, '--help'])
      expect(error).toBeUndefined()
      expect(stdout).toContain('USAGE')
      expect(stdout).toContain('EXAMPLES')
    },
  )
})

describe('flag parsing', () => {
  it('populate requires --sso-session', async () => {
    const { stderr, error } = await run(['populate'])
    expect(exitOf(error)).toBe(2)
    expect(stderr).toMatch(/^error: .*sso-session/)
  })

  it('configure --non-interactive names the missing flags', async () => {
    const { stderr, error } = await run([
      'configure',
      '--non-interactive',
      '--sso-session',
      'no-such-session-4f1c',
    ])
    expect(exitOf(error)).toBe(2)
    expect(stderr).toContain('error: Missing --start-url, --sso-region.')
  })

  it('configure --output only takes AWS CLI output formats', async () => {
    const { error } = await run(['configure', '--non-interactive', '--output', 'xml'])
    expect(exitOf(error)).toBe(2)
  })
})

describe('populate plan', () => {
  const accounts = [
    { accountId: '111111111111', accountName: 'Prod Account', roles: ['ReadOnly', 'Admin'] },
    { accountId: '222222222222', accountName: 'dev', roles: ['Admin'] },
    { accountId: '333333333333', accountName: 'dev', roles: ['Admin'] },
  ]
  const mine = (account: string, role: string, extra: Record<string, string> = {}) => ({
    sso_session: 'corp',
    sso_account_id: account,
    sso_role_name: role,
    aws_idc_populated: 'corp',
    ...extra,
  })

  it('names profiles from the template with portable characters', () => {
    expect(
      profileName('{account_name}-{role_name}', { account_name: 'Prod Account (EU)', role_name: 'Admin' }),
    ).toBe('Prod-Account-EU-Admin')
    expect(profileName('{session}.{account_id}', { session: 'corp', account_id: '1' })).toBe('corp.1')
    // Issue 10 item 16: letters are transliterated, not dropped ("Sandbox-n-code" before).
    expect(profileName('{account_name}/{role_name}', { account_name: 'ä b', role_name: 'R@x' })).toBe(
      'a-b/R@x',
    )
    expect(
      profileName('{account_name}-{role_name}', { account_name: 'Sandbox Ünïcode', role_name: 'Admin' }),
    ).toBe('Sandbox-Unicode-Admin')
  })

  it('plans profiles in natural order of their names (8 before 53)', () => {
    const accounts = ['53', '58', '8'].map((n) => ({
      accountId: `0000000000${n.padStart(2, '0')}`,
      accountName: `Shared Services ${n}`,
      roles: ['Admin'],
    }))
    const plan = planPopulate({
      session: 'corp',
      accounts,
      existing: [],
      template: DEFAULT_TEMPLATE,
      prune: false,
    })
    expect(plan.add.map((a) => a.name)).toEqual([
      'Shared-Services-8-Admin',
      'Shared-Services-53-Admin',
      'Shared-Services-58-Admin',
    ])
  })

  it('checks templates', () => {
    expect(() => checkTemplate('{account_id}-{role_name}')).not.toThrow()
    expect(() => checkTemplate('{acount}-{role_name}')).toThrow('Unknown template placeholder {acount}')
    expect(() => checkTemplate('{account_name}')).toThrow('must contain {role_name}')
  })

  it('adds, changes, keeps, prunes its own and leaves everything else alone', () => {
    const plan = planPopulate({
      session: 'corp',
      accounts,
      template: DEFAULT_TEMPLATE,
      prune: true,
      existing: [
        { name: 'dev-Admin', values: mine('222222222222', 'Admin') },
        { name: 'Prod-Account-Admin', values: mine('9', 'Admin') },
        { name: 'Prod-Account-ReadOnly', values: { sso_session: 'corp', sso_account_id: '111111111111' } },
        { name: 'gone', values: mine('444444444444', 'Old') },
        { name: 'renamed', values: mine('222222222222', 'Admin') },
        { name: 'theirs', values: { ...mine('444444444444', 'Old'), aws_idc_populated: 'other' } },
        {
          name: 'hand',
          values: { sso_session: 'corp', sso_account_id: '444444444444', sso_role_name: 'Old' },
        },
      ],
    })
    expect(plan.add.map((a) => a.name)).toEqual(['dev-Admin-333333333333'])
    expect(plan.update).toEqual([
      {
        name: 'Prod-Account-Admin',
        values: mine('111111111111', 'Admin'),
        changes: [{ key: 'sso_account_id', before: '9', after: '111111111111' }],
      },
    ])
    expect(plan.unchanged).toEqual(['dev-Admin'])
    expect(plan.remove.map((r) => [r.name, r.reason])).toEqual([
      ['gone', 'no longer assigned'],
      ['renamed', 'renamed'],
    ])
    expect(plan.skipped).toEqual([
      { name: 'Prod-Account-ReadOnly', reason: 'the profile exists and was not written by populate' },
    ])
    expect(planDiff(plan)).toEqual([
      '+ [profile dev-Admin-333333333333] 333333333333 Admin',
      '~ [profile Prod-Account-Admin] sso_account_id: 9 -> 111111111111',
      '- [profile gone] 444444444444 Old (no longer assigned)',
      '- [profile renamed] 222222222222 Admin (renamed)',
      '! [profile Prod-Account-ReadOnly] left alone: the profile exists and was not written by populate',
    ])
  })

  it('prunes nothing without --prune, and never a profile the files do not let it edit', () => {
    const existing = [
      { name: 'gone', values: mine('3', 'Old') },
      { name: 'creds-file', values: mine('3', 'Old'), editable: false },
    ]
    expect(
      planPopulate({ session: 'corp', accounts: [], template: DEFAULT_TEMPLATE, prune: false, existing })
        .remove,
    ).toEqual([])
    expect(
      planPopulate({
        session: 'corp',
        accounts: [],
        template: DEFAULT_TEMPLATE,
        prune: true,
        existing,
      }).remove.map((r) => r.name),
    ).toEqual(['gone'])
  })
})

describe('batched append', () => {
  const ref = (name: string) => ({ file: 'config' as const, type: 'profile' as const, name })
  const sections: SectionWrite[] = [
    { ref: ref('a'), values: { sso_session: 's', sso_role_name: 'R' } },
    { ref: ref('b.c'), values: { region: 'eu-west-1' } },
  ]
  it.each([
    ['empty', ''],
    ['LF', '[default]\nregion = x\n'],
    ['LF, no final newline', '[default]\nregion = x'],
    ['CRLF, no final newline', '# c\r\n[default]\r\nregion = x'],
    ['ends with a blank line', '[default]\r\nregion = x\r\n\r\n'],
    ['ends with a comment', '[default]\nregion = x\n; the end'],
    ['mixed endings', '[default]\r\nregion = x\n[profile t]\r\nk = v\r\n'],
  ])('%s: the same bytes as appending one section at a time', (_name, text) => {
    const oneByOne = sections.reduce((t, s) => upsertSection(t, s.ref, s.values), text)
    const batched = appendSections(text, sections)
    expect(batched).toBe(oneByOne)
    expect(batched.startsWith(text)).toBe(true)
  })

  it('setValues keeps other keys and comments of an existing section', () => {
    const text = '[profile p]\r\nsso_role_name = A\r\n# note\r\ncli_pager = less\r\n'
    expect(setValues(text, ref('p'), { sso_role_name: 'B', region: 'r' }, ['cli_pager'])).toBe(
      '[profile p]\r\nsso_role_name = B\r\n# note\r\nregion = r\r\n',
    )
  })
})

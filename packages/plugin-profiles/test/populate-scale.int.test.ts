import { watch } from 'node:fs'
import { dirname } from 'node:path'
import { loadConfigFiles, resolveCredentialsTarget, sectionsIn } from '@idc/core'
import { generateFixture } from '@idc/emulator'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { PopulateJson } from '../src/index.js'
import { type Sandbox, START_URL, sandbox } from './helpers.js'

const HEAD = `# 1,000 accounts\n[default]\nregion = eu-west-1\n\n[sso-session big]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`

let box: Sandbox
beforeAll(async () => {
  box = await sandbox(HEAD, { fixture: generateFixture({ accounts: 1000, rolesPerAccount: 3 }) })
  await box.signIn('big')
  // Every portal call 20 ms slower, and ListAccountRoles limited to 200 calls a second.
  box.emu.controls.faults.setLatency(20)
  box.emu.controls.faults.rateLimit(200, 'ListAccountRoles')
})
afterAll(() => box.cleanup())

/** Names of the temporary files atomic writes create next to the config file while `fn` runs. */
async function tempFilesDuring<T>(fn: () => Promise<T>): Promise<{ result: T; temps: Set<string> }> {
  const temps = new Set<string>()
  const watcher = watch(dirname(box.configFile), (_event, name) => {
    if (name && /^\.config\..*\.tmp$/.test(name)) temps.add(name)
  })
  try {
    const result = await fn()
    await new Promise((r) => setTimeout(r, 100)) // let inotify deliver the last events
    return { result, temps }
  } finally {
    watcher.close()
  }
}

it('1,000 accounts x 3 roles under latency and rate limiting: 3,000 profiles, all correct, one atomic write', async () => {
  const { result: r, temps } = await tempFilesDuring(() =>
    box.cli(['populate', '--sso-session', 'big', '--json']),
  )
  expect(r.stderr).toBe('')
  expect(r.status).toBe(0)
  const json = JSON.parse(r.stdout) as PopulateJson
  expect(json).toMatchObject({ accounts: 1000, roles: 3000, changed: [], removed: [], skipped: [] })
  expect(json.added).toHaveLength(3000)
  expect(temps.size).toBe(1)
  // The throttling happened and was absorbed by retries.
  expect(
    box.emu.controls.calls.list().some((c) => c.operation === 'ListAccountRoles' && c.status === 429),
  ).toBe(true)

  const text = await box.config()
  expect(text.startsWith(`${HEAD}\n[profile account-0001-`)).toBe(true)
  const files = await loadConfigFiles({ env: box.env })
  const profiles = sectionsIn(files.config, 'profile')
  const populated = [...profiles.keys()].filter((n) => n !== 'default')
  expect(populated).toHaveLength(3000)
  // Both the AWS CLI and the JS SDK read every one of them.
  expect([...profiles.values()].every((readers) => readers === 'both')).toBe(true)
  const roles = box.emu.fixture.users[0]!.roles
  for (const [accountId, names] of Object.entries(roles)) {
    const account = box.emu.fixture.accounts.find((a) => a.id === accountId)!
    for (const role of names) {
      const name = `${account.name}-${role}`
      const target = resolveCredentialsTarget(files, { from: 'profile', profile: name }, { env: box.env })
      expect([target.accountId, target.roleName, target.sessionName]).toEqual([accountId, role, 'big'])
    }
  }

  // Again (without the rate limit, to keep the test short): nothing to change, nothing written.
  box.emu.controls.faults.rateLimit(null, 'ListAccountRoles')
  const again = await tempFilesDuring(() => box.cli(['populate', '--sso-session', 'big', '--json']))
  expect(again.result.status).toBe(0)
  expect((JSON.parse(again.result.stdout) as PopulateJson).unchanged).toHaveLength(3000)
  expect(again.temps.size).toBe(0)
  expect(await box.config()).toBe(text)
})

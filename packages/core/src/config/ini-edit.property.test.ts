import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getProfile, getServicesSection, getSsoSession } from './config-files.js'
import {
  botocoreRead,
  hasBotocore,
  removeTempDirs,
  type SdkSections,
  sdkRead,
  tempDir,
} from './fixtures.test.helpers.js'
import { removeSection, setKey, unsetKey, upsertSection } from './ini-edit.js'
import { emptyIniFile, type IniFile, parseIniFile } from './ini-file.js'
import {
  CONFIG_TARGETS,
  CREDENTIALS_TARGETS,
  flatten,
  type GeneratedFile,
  identityOf,
  iniFile,
  portableValue,
  portableValues,
  sdkKey,
  sectionSpan,
  WRITE_KEYS,
} from './ini-gen.test.helpers.js'
import type { SectionRef, SectionValues } from './types.js'

const RUNS = 2000
let dir = ''
beforeAll(async () => {
  dir = await tempDir()
})
afterAll(removeTempDirs)

/** The real JS SDK loader's reading of `text` as a config or credentials file. */
async function sdk(text: string, kind: 'config' | 'credentials'): Promise<SdkSections> {
  const configFile = join(dir, 'config')
  const credentialsFile = join(dir, 'credentials')
  await writeFile(kind === 'config' ? configFile : credentialsFile, text)
  await writeFile(kind === 'config' ? credentialsFile : configFile, '')
  const read = await sdkRead(configFile, credentialsFile)
  return kind === 'config' ? read.config : read.credentials
}

/** Our own two-sided reading of the target section (throws if the AWS CLI and JS readings differ). */
function ourSection(text: string, ref: SectionRef) {
  const parsed = parseIniFile(text, `/${ref.file}`, ref.file)
  const files =
    ref.file === 'config'
      ? { config: parsed, credentials: emptyIniFile('/credentials', 'credentials') }
      : { config: emptyIniFile('/config', 'config'), credentials: parsed as IniFile }
  if (ref.type === 'profile') return getProfile(files, ref.name)
  if (ref.type === 'sso-session') return getSsoSession(files, ref.name)
  return getServicesSection(files, ref.name)
}

function expectReadsBack(text: string, ref: SectionRef, values: SectionValues): void {
  const section = ourSection(text, ref)
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string') expect(section?.get(key)?.value).toBe(value)
    else for (const [child, v] of Object.entries(value)) expect(section?.getNested(key, child)?.value).toBe(v)
  }
}

function expectOthersUnchanged(before: SdkSections, after: SdkSections, ref: SectionRef): void {
  const skip = sdkKey(ref)
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  keys.delete(skip)
  for (const key of keys) expect(after[key]).toEqual(before[key])
}

const cases = (kind: 'config' | 'credentials') =>
  fc
    .tuple(iniFile(kind), fc.constantFrom(...(kind === 'config' ? CONFIG_TARGETS : CREDENTIALS_TARGETS)))
    .chain(([file, ref]) => fc.tuple(fc.constant(file), fc.constant(ref), portableValues(ref)))

/** The text before the target section and after its last key line (the part an edit must not touch). */
function outside(file: GeneratedFile, ref: SectionRef): { before: string; after: string } | undefined {
  const span = sectionSpan(file, identityOf(ref))
  if (!span) return undefined
  return { before: file.text.slice(0, span.start), after: file.text.slice(span.end) }
}

describe.each(['config', 'credentials'] as const)('editing a %s file (fast-check)', (kind) => {
  it('generated files parse without error, and our JS reading equals the SDK loader', async () => {
    await fc.assert(
      fc.asyncProperty(iniFile(kind), async (file) => {
        const parsed = parseIniFile(file.text, '/f', kind)
        const real = await sdk(file.text, kind)
        const ours: SdkSections = {}
        for (const [name, s] of parsed.jsProfiles)
          ours[name] = Object.fromEntries([...s.entries].map(([k, e]) => [k, e.value]))
        for (const [name, s] of parsed.jsSessions)
          ours[`sso-session.${name}`] = Object.fromEntries([...s.entries].map(([k, e]) => [k, e.value]))
        for (const [name, s] of parsed.jsServices)
          ours[`services.${name}`] = Object.fromEntries([...s.entries].map(([k, e]) => [k, e.value]))
        expect(ours).toEqual(real)
      }),
      { numRuns: 500 },
    )
  }, 180_000)

  it('upsert keeps every byte outside the section, reads back in both readings, and is idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(cases(kind), async ([file, ref, values]) => {
        const result = upsertSection(file.text, ref, values)
        const around = outside(file, ref)
        if (around) {
          expect(result.startsWith(around.before)).toBe(true)
          expect(result.endsWith(around.after)).toBe(true)
        } else {
          expect(result.startsWith(file.text)).toBe(true)
        }
        const before = await sdk(file.text, kind)
        const after = await sdk(result, kind)
        expect(after[sdkKey(ref)] ?? {}).toEqual(flatten(values))
        expectOthersUnchanged(before, after, ref)
        expectReadsBack(result, ref, values)
        expect(upsertSection(result, ref, values)).toBe(result)
      }),
      { numRuns: RUNS },
    )
  }, 180_000)

  it('remove keeps every byte outside the section (less one blank line) and is idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(cases(kind), async ([file, ref]) => {
        const result = removeSection(file.text, ref)
        const span = sectionSpan(file, identityOf(ref))
        if (!span) {
          expect(result).toBe(file.text)
          return
        }
        const headerLine = file.lines.findIndex(
          (l) => l.kind === 'header' && file.sections[l.section] === identityOf(ref),
        )
        const prev = file.lines[headerLine - 1]
        const next = file.lines[span.lineAfter]
        let after = file.text.slice(span.end)
        if (next?.kind === 'blank' && (!prev || prev.kind === 'blank'))
          after = after.slice(next.text.length + next.eol.length)
        expect(result).toBe(file.text.slice(0, span.start) + after)
        const sdkAfter = await sdk(result, kind)
        expect(sdkAfter[sdkKey(ref)]).toBeUndefined()
        expectOthersUnchanged(await sdk(file.text, kind), sdkAfter, ref)
        expect(ourSection(result, ref)).toBeUndefined()
        expect(removeSection(result, ref)).toBe(result)
      }),
      { numRuns: RUNS },
    )
  }, 180_000)

  it('setKey / unsetKey change only that key of that section, and are idempotent', async () => {
    const targets =
      kind === 'config' ? CONFIG_TARGETS.filter((t) => t.type !== 'services') : CREDENTIALS_TARGETS
    await fc.assert(
      fc.asyncProperty(
        iniFile(kind),
        fc.constantFrom(...targets),
        fc.constantFrom(...WRITE_KEYS),
        portableValue,
        async (file, ref, key, value) => {
          const around = outside(file, ref)
          const set = setKey(file.text, ref, key, value)
          if (around) {
            expect(set.startsWith(around.before)).toBe(true)
            expect(set.endsWith(around.after)).toBe(true)
          } else {
            expect(set.startsWith(file.text)).toBe(true)
          }
          const before = await sdk(file.text, kind)
          const afterSet = await sdk(set, kind)
          expect(afterSet[sdkKey(ref)]?.[key]).toBe(value)
          expectOthersUnchanged(before, afterSet, ref)
          expect(ourSection(set, ref)?.get(key)?.value).toBe(value)
          // The other keys of the section keep their AWS CLI reading.
          const pyBefore = pyOptions(file.text, kind, ref)
          const pyAfter = pyOptions(set, kind, ref)
          pyBefore.delete(key)
          pyAfter.delete(key)
          expect(pyAfter).toEqual(pyBefore)
          expect(setKey(set, ref, key, value)).toBe(set)

          const unset = unsetKey(set, ref, key)
          const afterUnset = await sdk(unset, kind)
          const left = Object.keys(afterUnset[sdkKey(ref)] ?? {})
          expect(left.filter((k) => k.toLowerCase() === key || k.startsWith(`${key}.`))).toEqual([])
          expectOthersUnchanged(before, afterUnset, ref)
          expect(pyOptions(unset, kind, ref)).toEqual(pyBefore)
          expect(unsetKey(unset, ref, key)).toBe(unset)
        },
      ),
      { numRuns: RUNS },
    )
  }, 180_000)
})

/** The AWS CLI reading (our configparser emulation, checked against botocore below) of one section. */
function pyOptions(text: string, kind: 'config' | 'credentials', ref: SectionRef): Map<string, unknown> {
  const parsed = parseIniFile(text, '/f', kind)
  const map =
    ref.type === 'profile'
      ? parsed.pyProfiles
      : ref.type === 'sso-session'
        ? parsed.pySessions
        : parsed.pyServices
  const section = map.get(ref.name)
  return new Map(
    [...(section?.options ?? new Map())].map(([k, o]) => [
      k,
      o.nested ? Object.fromEntries(o.nested) : o.value,
    ]),
  )
}

describe.skipIf(!hasBotocore && !process.env.CI)(
  'the real botocore agrees (one python process per batch)',
  () => {
    it('reads generated and edited files as our configparser emulation does', async () => {
      const samples = fc.sample(cases('config'), { numRuns: 300, seed: 42 })
      const texts: string[] = []
      for (const [file, ref, values] of samples) texts.push(file.text, upsertSection(file.text, ref, values))
      const paths: string[] = []
      for (const [i, text] of texts.entries()) {
        const path = join(dir, `botocore-${i}`)
        await writeFile(path, text)
        paths.push(path)
      }
      const results = botocoreRead(paths)
      results.forEach((result, i) => {
        expect(result.ok).toBe(true)
        if (!result.ok) return
        const parsed = parseIniFile(texts[i]!, paths[i]!, 'config')
        const raw: Record<string, Record<string, unknown>> = {}
        for (const s of parsed.py) {
          raw[s.header] = Object.fromEntries(
            [...s.options].map(([k, o]) => [k, o.nested ? Object.fromEntries(o.nested) : o.value]),
          )
        }
        const botocore = result.parsed as {
          raw: unknown
          map: { profiles: object; sso_sessions: object; services: object }
        }
        expect(raw).toEqual(botocore.raw)
        expect([...parsed.pyProfiles.keys()].sort()).toEqual(Object.keys(botocore.map.profiles).sort())
        expect([...parsed.pySessions.keys()].sort()).toEqual(Object.keys(botocore.map.sso_sessions).sort())
        expect([...parsed.pyServices.keys()].sort()).toEqual(Object.keys(botocore.map.services).sort())
      })
      // And every edited file gives botocore exactly the values written.
      samples.forEach(([, ref, values], n) => {
        const result = results[2 * n + 1]!
        if (!result.ok) return
        const map = (result.parsed as { map: Record<string, Record<string, unknown>> }).map
        const group =
          ref.type === 'profile' ? 'profiles' : ref.type === 'sso-session' ? 'sso_sessions' : 'services'
        expect(map[group]?.[ref.name] ?? {}).toEqual(values)
      })
    })
  },
)

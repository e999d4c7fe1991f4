// fast-check generators of messy but valid shared INI files (both the AWS CLI and the JS SDK parse
// them without error), with a model of which line belongs to which section. Test support only.
import fc from 'fast-check'
import type { IniFileKind, SectionRef, SectionValues } from './types.js'

export type LineKind = 'key' | 'cont' | 'comment' | 'blank' | 'header'

export interface ModelLine {
  text: string
  kind: LineKind
  /** Index into `sections`, or -1 for the preamble. */
  section: number
}

export interface GeneratedFile {
  kind: IniFileKind
  text: string
  lines: (ModelLine & { eol: string })[]
  /** Section identities in file order, e.g. `profile:dev`, `sso-session:my-sso`, `other:plugins`. */
  sections: string[]
}

const CONFIG_SECTIONS: { id: string; headers: string[] }[] = [
  { id: 'profile:default', headers: ['[default]', '[profile default]'] },
  { id: 'profile:dev', headers: ['[profile dev]', '[profile "dev"]', "[profile 'dev']"] },
  { id: 'profile:a.b@c', headers: ['[profile a.b@c]'] },
  { id: 'sso-session:my-sso', headers: ['[sso-session my-sso]', '[sso-session "my-sso"]'] },
  { id: 'sso-session:corp', headers: ['[sso-session corp]'] },
  { id: 'services:local', headers: ['[services local]'] },
  { id: 'other:plugins', headers: ['[plugins]'] },
  { id: 'other:preview', headers: ['[preview]'] },
  { id: 'other:tool', headers: ['[tool "x y"]'] },
]
const CREDENTIALS_SECTIONS: { id: string; headers: string[] }[] = [
  { id: 'profile:default', headers: ['[default]'] },
  { id: 'profile:dev', headers: ['[dev]'] },
  { id: 'profile:ci-bot', headers: ['[ci-bot]'] },
  { id: 'profile:x@y', headers: ['[x@y]'] },
]

export const CONFIG_TARGETS: SectionRef[] = [
  { file: 'config', type: 'profile', name: 'default' },
  { file: 'config', type: 'profile', name: 'dev' },
  { file: 'config', type: 'profile', name: 'new.one' },
  { file: 'config', type: 'sso-session', name: 'my-sso' },
  { file: 'config', type: 'sso-session', name: 'fresh' },
  { file: 'config', type: 'services', name: 'local' },
]
export const CREDENTIALS_TARGETS: SectionRef[] = [
  { file: 'credentials', type: 'profile', name: 'default' },
  { file: 'credentials', type: 'profile', name: 'dev' },
  { file: 'credentials', type: 'profile', name: 'new' },
]

/** Existing keys (some upper-case: botocore lower-cases them, JS does not). */
const FILE_KEYS = [
  'region',
  'output',
  'sso_session',
  'sso_start_url',
  'sso_region',
  'sso_account_id',
  'sso_role_name',
  'endpoint_url',
  'cli_pager',
  'Mixed_Key',
  's3',
  'retry_mode',
  'x_custom',
]
/** Keys aws-idc writes in the properties (portable). */
export const WRITE_KEYS = [
  'region',
  'output',
  'sso_session',
  'sso_region',
  'sso_account_id',
  'mixed_key',
  's3',
  'new_key',
]

const ws = fc.constantFrom('', ' ', '  ', '\t', ' \t')
const textChar = fc.constantFrom(...'abcXYZ019 _-./:@+%=#;[]"\''.split(''))
const commentText = fc.string({ unit: textChar, maxLength: 16 })
const valueChar = fc.constantFrom(...'abcXYZ019_-./:@+%='.split(''))
const fileValue = fc
  .tuple(
    fc.string({ unit: valueChar, minLength: 1, maxLength: 12 }),
    fc.option(commentText.map((c) => ` #${c}`)),
  )
  .map(([v, comment]) => v + (comment ?? ''))

/** A value aws-idc may write: no surrounding spaces, nothing JS takes for a comment. */
export const portableValue = fc
  .tuple(
    fc.string({ unit: valueChar, minLength: 1, maxLength: 10 }),
    fc.option(fc.string({ unit: fc.constantFrom(...'ab1 #;=:'.split('')), maxLength: 6 })),
    fc.string({ unit: valueChar, minLength: 1, maxLength: 4 }),
  )
  .map(([a, mid, b]) => (mid === null ? a : a + mid + b))
  .filter((v) => !/(^|\s)[#;]/.test(v))

export const portableValues = (ref: SectionRef): fc.Arbitrary<SectionValues> =>
  ref.type === 'services'
    ? fc.record(
        {
          sso: fc.record({ endpoint_url: portableValue }),
          sso_oidc: fc.record({ endpoint_url: portableValue }),
        },
        { requiredKeys: ['sso'] },
      )
    : fc.dictionary(fc.constantFrom(...WRITE_KEYS), portableValue, { maxKeys: 5 })

const comment = fc
  .tuple(fc.constantFrom('', ' ', '  '), fc.constantFrom('#', ';'), commentText)
  .map(([indent, mark, text]) => ({ text: `${indent}${mark}${text}`, kind: 'comment' as const }))
const blank = ws.map((text) => ({ text, kind: 'blank' as const }))
const filler = fc.oneof(comment, blank)

type Item =
  | { type: 'plain'; sp1: string; delim: string; sp2: string; value: string; trailing: string }
  | { type: 'cont'; sp1: string; value: string; more: { indent: string; text: string }[] }
  | { type: 'nested'; children: { indent: string; key: string; value: string }[] }
  | { type: 'filler'; line: { text: string; kind: 'comment' | 'blank' } }

const indent = fc.constantFrom('  ', '    ', '\t', ' ')
const item: fc.Arbitrary<Item> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('plain' as const),
      sp1: ws,
      delim: fc.constantFrom('=', '=', '=', ':'),
      sp2: ws,
      value: fileValue,
      trailing: ws,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('cont' as const),
      sp1: ws,
      value: fc.string({ unit: valueChar, minLength: 1, maxLength: 8 }),
      // No '=' in plain continuation text, so the JS SDK does not take it for a key.
      more: fc.array(
        fc.record({
          indent,
          text: fc
            .string({ unit: fc.constantFrom(...'abc 19-/'.split('')), maxLength: 8 })
            .map((t) => `x${t}`),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('nested' as const),
      children: fc.uniqueArray(
        fc.record({
          indent: fc.constantFrom('  ', '    ', '\t'),
          key: fc.constantFrom('endpoint_url', 'max_attempts', 'addressing_style'),
          value: fc.string({ unit: valueChar, minLength: 1, maxLength: 8 }),
        }),
        { minLength: 1, maxLength: 3, selector: (c) => c.key },
      ),
    }),
  },
  { weight: 2, arbitrary: filler.map((line) => ({ type: 'filler' as const, line })) },
)

const section = (headers: string[]) =>
  fc.record({
    header: fc.constantFrom(...headers),
    headerComment: fc.option(
      fc.tuple(
        fc.constantFrom(' ', '  '),
        fc.constantFrom('#', ';'),
        fc.string({ unit: fc.constantFrom(...'ab 1'.split('')), maxLength: 5 }),
      ),
    ),
    items: fc.array(item, { maxLength: 6 }),
    keys: fc.shuffledSubarray(FILE_KEYS, { minLength: FILE_KEYS.length, maxLength: FILE_KEYS.length }),
    trailing: fc.array(filler, { maxLength: 3 }),
  })

/** A messy, valid file of the given kind. */
export function iniFile(kind: IniFileKind): fc.Arbitrary<GeneratedFile> {
  const catalogue = kind === 'config' ? CONFIG_SECTIONS : CREDENTIALS_SECTIONS
  return fc
    .record({
      preamble: fc.array(filler, { maxLength: 3 }),
      chosen: fc.shuffledSubarray(catalogue, { maxLength: catalogue.length }),
      bodies: fc.array(section(['[x]']), { minLength: catalogue.length, maxLength: catalogue.length }),
      variants: fc.array(fc.nat(), { minLength: catalogue.length, maxLength: catalogue.length }),
      eols: fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 1, maxLength: 80 }),
      finalEol: fc.boolean(),
    })
    .map(({ preamble, chosen, bodies, variants, eols, finalEol }) => {
      const lines: ModelLine[] = preamble.map((l) => ({ ...l, section: -1 }))
      chosen.forEach((entry, s) => {
        const body = bodies[s]!
        const header = entry.headers[variants[s]! % entry.headers.length]!
        const headerComment = body.headerComment ? body.headerComment.join('') : ''
        lines.push({ text: header + headerComment, kind: 'header', section: s })
        let k = 0
        for (const it of body.items) {
          if (it.type === 'filler') {
            lines.push({ ...it.line, section: s })
            continue
          }
          const key = body.keys[k++ % body.keys.length]!
          if (k > body.keys.length) continue // never repeat a key
          if (it.type === 'plain') {
            lines.push({
              text: `${key}${it.sp1}${it.delim}${it.sp2}${it.value}${it.trailing}`,
              kind: 'key',
              section: s,
            })
          } else if (it.type === 'cont') {
            lines.push({ text: `${key}${it.sp1}= ${it.value}`, kind: 'key', section: s })
            for (const m of it.more) lines.push({ text: m.indent + m.text, kind: 'cont', section: s })
          } else {
            lines.push({ text: `${key} =`, kind: 'key', section: s })
            for (const c of it.children)
              lines.push({ text: `${c.indent}${c.key} = ${c.value}`, kind: 'cont', section: s })
          }
        }
        for (const t of body.trailing) lines.push({ ...t, section: s })
      })
      const withEol = lines.map((line, i) => ({
        ...line,
        eol: i === lines.length - 1 && !finalEol ? '' : eols[i % eols.length]!,
      }))
      return {
        kind,
        text: withEol.map((l) => l.text + l.eol).join(''),
        lines: withEol,
        sections: chosen.map((c) => c.id),
      }
    })
}

/** Byte offsets of a section: header start, and the end of its last key/continuation line (with its ending). */
export function sectionSpan(
  file: GeneratedFile,
  id: string,
): { start: number; end: number; lineAfter: number } | undefined {
  const index = file.sections.indexOf(id)
  if (index === -1) return undefined
  let offset = 0
  let start = -1
  let end = -1
  let lineAfter = -1
  file.lines.forEach((line, i) => {
    const next = offset + line.text.length + line.eol.length
    if (line.section === index && line.kind === 'header') start = offset
    if (line.section === index && line.kind !== 'comment' && line.kind !== 'blank') {
      end = next
      lineAfter = i + 1
    }
    offset = next
  })
  return { start, end, lineAfter }
}

export function identityOf(ref: SectionRef): string {
  return `${ref.type}:${ref.name}`
}

/** The key under which the JS SDK loader files the section. */
export function sdkKey(ref: SectionRef): string {
  if (ref.file === 'credentials' || ref.type === 'profile') return ref.name
  return `${ref.type}.${ref.name}`
}

/** Section values as the JS SDK flattens them (`parent.child`). */
export function flatten(values: SectionValues): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string') out[key] = value
    else for (const [child, v] of Object.entries(value)) out[`${key}.${child}`] = v
  }
  return out
}

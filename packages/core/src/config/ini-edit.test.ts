import { describe, expect, it } from 'vitest'
import {
  appendSections,
  removeSection,
  type SectionWrite,
  sectionHeader,
  setKey,
  unsetKey,
  upsertSection,
} from './ini-edit.js'
import type { SectionRef } from './types.js'

const dev: SectionRef = { file: 'config', type: 'profile', name: 'dev' }
const session: SectionRef = { file: 'config', type: 'sso-session', name: 'my-sso' }

describe('section headers', () => {
  it('writes the header each file kind expects', () => {
    expect(sectionHeader(dev)).toBe('[profile dev]')
    expect(sectionHeader({ ...dev, name: 'default' })).toBe('[default]')
    expect(sectionHeader(session)).toBe('[sso-session my-sso]')
    expect(sectionHeader({ file: 'config', type: 'services', name: 'emu' })).toBe('[services emu]')
    expect(sectionHeader({ file: 'credentials', type: 'profile', name: 'dev' })).toBe('[dev]')
  })
})

describe('upsertSection', () => {
  it('appends to an empty file without a leading blank line', () => {
    expect(upsertSection('', dev, { region: 'us-east-1' })).toBe('[profile dev]\nregion = us-east-1\n')
  })

  it('appends after a blank line, adding the missing final newline first', () => {
    expect(upsertSection('[default]\nregion = a', dev, { region: 'b' })).toBe(
      '[default]\nregion = a\n\n[profile dev]\nregion = b\n',
    )
    expect(upsertSection('[default]\nregion = a\n\n', dev, { region: 'b' })).toBe(
      '[default]\nregion = a\n\n[profile dev]\nregion = b\n',
    )
  })

  it("uses the file's dominant line ending for new lines", () => {
    expect(upsertSection('[default]\r\nregion = a\r\n', dev, { region: 'b' })).toBe(
      '[default]\r\nregion = a\r\n\r\n[profile dev]\r\nregion = b\r\n',
    )
  })

  it('replaces in place, keeping comments around it, trailing comments, CRLF and a missing final newline', () => {
    const text =
      '# top\r\n[profile dev]  # mine\r\nregion = a\r\n# inner\r\noutput = json\r\n# about next\r\n[profile next]\r\nx = 1'
    expect(upsertSection(text, dev, { region: 'b', sso_session: 's' })).toBe(
      '# top\r\n[profile dev]  # mine\r\nregion = b\r\nsso_session = s\r\n# about next\r\n[profile next]\r\nx = 1',
    )
    expect(upsertSection('[profile dev]\nregion = a', dev, { region: 'b' })).toBe('[profile dev]\nregion = b')
  })

  it('rewrites a header only one of the tools understands as the target', () => {
    expect(upsertSection('[profile  dev]\nregion = a\n', dev, { region: 'b' })).toBe(
      '[profile dev]\nregion = b\n',
    )
  })

  it('writes services sub-sections both tools read as nested values', () => {
    expect(
      upsertSection(
        '',
        { file: 'config', type: 'services', name: 'emu' },
        { sso: { endpoint_url: 'http://127.0.0.1:1' } },
      ),
    ).toBe('[services emu]\nsso =\n  endpoint_url = http://127.0.0.1:1\n')
  })

  it('replaces [profile default] when that is how the file names the default profile', () => {
    expect(
      upsertSection('[profile default]\nregion = a\n', { ...dev, name: 'default' }, { region: 'b' }),
    ).toBe('[profile default]\nregion = b\n')
  })
})

describe('removeSection', () => {
  const text = '[a]\nx = 1\n\n[profile dev]\nregion = a\n# inside\noutput = json\n\n[b]\ny = 2\n'
  it('removes the section and one of the two blank lines around it', () => {
    expect(removeSection(text, dev)).toBe('[a]\nx = 1\n\n[b]\ny = 2\n')
  })
  it('keeps comments after the last key: they belong to what follows', () => {
    expect(removeSection('[profile dev]\nregion = a\n# about b\n[b]\n', dev)).toBe('# about b\n[b]\n')
  })
  it('is a no-op when the section is absent', () => {
    expect(removeSection(text, session)).toBe(text)
  })
})

describe('setKey / unsetKey', () => {
  it('rewrites the key line in place (whatever its case or delimiter), dropping its continuation lines', () => {
    expect(setKey('[profile dev]\nSSO_Region: a\n  more\nregion = r\n', dev, 'sso_region', 'b')).toBe(
      '[profile dev]\nsso_region = b\nregion = r\n',
    )
  })
  it('adds a missing key after the last key of the section, before trailing comments', () => {
    expect(setKey('[profile dev]\nregion = a\n# next\n[x]\n', dev, 'output', 'json')).toBe(
      '[profile dev]\nregion = a\noutput = json\n# next\n[x]\n',
    )
    expect(setKey('[profile dev]\nregion = a', dev, 'output', 'json')).toBe(
      '[profile dev]\nregion = a\noutput = json',
    )
  })
  it('creates the section when missing', () => {
    expect(setKey('[x]\ny = 1\n', session, 'sso_region', 'eu-west-1')).toBe(
      '[x]\ny = 1\n\n[sso-session my-sso]\nsso_region = eu-west-1\n',
    )
  })
  it('removes a key with its nested block, and nothing else', () => {
    expect(unsetKey('[profile dev]\ns3 =\n  max = 1\n# c\nregion = a\n', dev, 's3')).toBe(
      '[profile dev]\n# c\nregion = a\n',
    )
    expect(unsetKey('[profile dev]\nregion = a\n', dev, 'output')).toBe('[profile dev]\nregion = a\n')
  })
})

describe('appendSections', () => {
  const sections: SectionWrite[] = [
    { ref: dev, values: { sso_session: 's', sso_role_name: 'R' } },
    { ref: { ...dev, name: 'b.c' }, values: { region: 'eu-west-1' } },
    {
      ref: { file: 'config' as const, type: 'services' as const, name: 'emu' },
      values: { sso: { endpoint_url: 'http://x' } },
    },
  ]
  it.each([
    ['empty', ''],
    ['LF', '[default]\nregion = x\n'],
    ['LF, no final newline', '[default]\nregion = x'],
    ['CRLF, no final newline', '# c\r\n[default]\r\nregion = x'],
    ['ends with a blank line', '[default]\r\nregion = x\r\n\r\n'],
    ['ends with a comment', '[default]\nregion = x\n; the end'],
    ['mixed endings', '[default]\r\nregion = x\n[profile t]\r\nk = v\r\n'],
  ])('%s: the same bytes as upserting one section at a time', (_name, text) => {
    const oneByOne = sections.reduce((t, s) => upsertSection(t, s.ref, s.values), text)
    expect(appendSections(text, sections)).toBe(oneByOne)
  })

  it('refuses a section either tool already reads, and checks names and values as upsert does', () => {
    expect(() => appendSections('[profile "dev"]\nregion = x\n', sections)).toThrow(/already exists/)
    expect(() => appendSections('', [sections[0]!, sections[0]!])).toThrow(/already exists/)
    expect(() => appendSections('', [{ ref: { ...dev, name: 'a b' }, values: {} }])).toThrowError(
      expect.objectContaining({ code: 'invalid-name' }),
    )
    expect(() => appendSections('', [{ ref: dev, values: { region: 'a #b' } }])).toThrowError(
      expect.objectContaining({ code: 'invalid-name' }),
    )
    expect(appendSections('x', [])).toBe('x')
  })
})

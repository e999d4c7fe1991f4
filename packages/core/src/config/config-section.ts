import { IdcError } from '../errors.js'
import type { IniFile } from './ini-file.js'
import { type JsSection, jsStripComment } from './ini-js.js'
import type { PyOption, PySection } from './ini-python.js'

/** A value and where it was read, for messages that name the file, section, key and line. */
export interface Setting {
  value: string
  file: string
  /** The section as written, e.g. `[profile dev]`. */
  section: string
  line: number
}

/** One source section (a profile may come from both the config and the credentials file). */
export interface SectionSource {
  file: IniFile
  py: PySection | undefined
  js: JsSection | undefined
}

/**
 * A profile, sso-session or services section as both the AWS CLI and the JS SDK see it. `get`
 * returns a value only when both read the same one and throws 'config-invalid' otherwise, so a
 * value aws-idc uses is the value the other tools use too.
 */
export class ConfigSection {
  /** Later sources win key by key (the credentials file over the config file, as in both tools). */
  readonly sources: readonly SectionSource[]
  /** The section as written in the first file that has it, e.g. `[profile dev]`. */
  readonly label: string
  readonly file: string

  constructor(sources: readonly SectionSource[]) {
    this.sources = sources
    const first = sources.find((s) => s.py || s.js) ?? sources[0]!
    this.label = `[${first.py?.header ?? first.js?.header ?? ''}]`
    this.file = first.file.path
  }

  /** The keys set in either reading. */
  keys(): string[] {
    const keys = new Set<string>()
    for (const s of this.sources) {
      for (const key of s.py?.options.keys() ?? []) keys.add(key)
      for (const key of s.js?.entries.keys() ?? []) if (!key.includes('.')) keys.add(key)
    }
    return [...keys]
  }

  has(key: string): boolean {
    return this.get(key) !== undefined
  }

  /**
   * Lenient read for what may be shown or offered as a default: the value both tools agree on, else
   * undefined (absent, or read differently; `disagreement(key)` tells which). Never throws.
   */
  peek(key: string): string | undefined {
    return this.peekSetting(key)?.value
  }

  /** `peek` with where the value is (file, section, line), for messages about it. Never throws. */
  peekSetting(key: string): Setting | undefined {
    try {
      return this.get(key)
    } catch (error) {
      if (IdcError.is(error)) return undefined
      throw error
    }
  }

  /** The 'config-invalid' error `get(key)` throws when the two tools read `key` differently, else undefined. */
  disagreement(key: string): IdcError | undefined {
    try {
      this.get(key)
      return undefined
    } catch (error) {
      if (IdcError.is(error)) return error
      throw error
    }
  }

  get(key: string): Setting | undefined {
    const py = this.pyLookup(key)
    const js = this.jsLookup(key)
    if (!py && !js) return undefined
    if (py && js && py.option.nested === undefined && py.option.value === js.value) {
      return {
        value: py.option.value,
        file: py.source.file.path,
        section: `[${py.source.py!.header}]`,
        line: py.option.line,
      }
    }
    throw disagreement(
      key,
      this,
      py && { value: py.option.value, source: py.source, line: py.option.line },
      js,
    )
  }

  /** A nested value such as `sso_oidc` / `endpoint_url` of a services section. */
  getNested(parent: string, child: string): Setting | undefined {
    const py = this.pyLookup(parent)
    const pyValue = py?.option.nested?.get(child)
    const js = this.jsLookup(`${parent}.${child}`)
    if (pyValue === undefined && !js) return undefined
    if (pyValue !== undefined && js && pyValue === js.value) {
      return {
        value: pyValue,
        file: py!.source.file.path,
        section: `[${py!.source.py!.header}]`,
        line: js.line,
      }
    }
    throw disagreement(
      `${parent}.${child}`,
      this,
      py && pyValue !== undefined ? { value: pyValue, source: py.source, line: py.option.line } : undefined,
      js,
    )
  }

  private pyLookup(key: string): { option: PyOption; source: SectionSource } | undefined {
    let found: { option: PyOption; source: SectionSource } | undefined
    for (const source of this.sources) {
      const option = source.py?.options.get(key)
      if (option) found = { option, source }
    }
    return found
  }

  private jsLookup(key: string): { value: string; line: number; source: SectionSource } | undefined {
    let found: { value: string; line: number; source: SectionSource } | undefined
    for (const source of this.sources) {
      const entry = source.js?.entries.get(key)
      if (entry) found = { value: entry.value, line: entry.line, source }
    }
    return found
  }
}

interface Reading {
  value: string
  line: number
  source: SectionSource
}

const SECRET_KEY = /secret|token|password/i

function disagreement(
  key: string,
  section: ConfigSection,
  py: Reading | undefined,
  js: Reading | undefined,
): IdcError {
  const at = (py ?? js)!
  const file = at.source.file.path
  const label = `[${at.source.py?.header ?? at.source.js?.header ?? section.label.slice(1, -1)}]`
  const show = (r: Reading | undefined) =>
    r ? `${SECRET_KEY.test(key) ? '[redacted]' : JSON.stringify(r.value)} (line ${r.line})` : 'no value'
  return new IdcError(
    'config-invalid',
    `The AWS CLI and the JS SDK read ${key} in ${label} of ${file} differently: the AWS CLI reads ${show(py)}, the JS SDK ${show(js)}.`,
    {
      hint: disagreementHint(key, label, file, py, js),
      details: { file, section: label, key, line: at.line },
    },
  )
}

/** Names the usual cause so the hint says exactly what to change. */
function disagreementHint(
  key: string,
  label: string,
  file: string,
  py: Reading | undefined,
  js: Reading | undefined,
): string {
  const at = (py ?? js)!
  const where = `line ${at.line} of ${file}`
  if (py && !js && py.value === '') return `Give ${key} a value on ${where}, or delete the line.`
  if (py && !py.source.js && !js) {
    return `The JS SDK does not read the section ${label}: name it [profile NAME], [sso-session NAME] or [default], with NAME made of letters, digits and _ - . @ + % : / (no spaces).`
  }
  if (js && !js.source.py && !py) {
    return `The AWS CLI does not read the section ${label}: write it as [profile NAME] or [sso-session NAME], one space after the prefix.`
  }
  const raw = at.source.file.lines[at.line - 1] ?? ''
  const delimiter = /[=:]/.exec(raw)
  const rawKey = delimiter ? raw.slice(0, delimiter.index).trim() : ''
  if (rawKey !== rawKey.toLowerCase())
    return `Write the key in lower case on ${where}: the JS SDK does not see ${rawKey}.`
  if (delimiter?.[0] === ':')
    return `Use \`=\` instead of \`:\` on ${where}: the JS SDK only reads \`key = value\`.`
  if (jsStripComment(raw) !== raw.trim()) {
    return `Move the comment on ${where} to a line of its own: the JS SDK drops text after " #" or " ;", the AWS CLI keeps it.`
  }
  if (py?.value.includes('\n') || /^\s/.test(raw)) {
    return `Remove the indentation around ${where}: the AWS CLI joins indented lines to the key above, the JS SDK does not.`
  }
  return `Write ${key} once, as a plain \`${key} = value\` line without indentation or inline comment, in ${label} of ${file}.`
}

import type { ConfigSection } from '@idc/core'

/** A key's value, or undefined when absent or read differently by the AWS CLI and the JS SDK. */
export function safeGet(section: ConfigSection, key: string): string | undefined {
  try {
    return section.get(key)?.value
  } catch {
    return undefined
  }
}

/** A predicate over a section; a key read differently by the two tools counts as true (the resolve check reports it). */
export function safeIs(test: (p: ConfigSection) => boolean, p: ConfigSection): boolean {
  try {
    return test(p)
  } catch {
    return true
  }
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/**
 * "Did you mean": the few candidates closest to a mistyped name. Case-insensitive (a case-only
 * match such as `payments-prod-readonly` for `Payments-Prod-ReadOnly` comes first), then by
 * optimal-string-alignment edit distance (a swapped pair of letters costs 1: `logni` -> `login`).
 */
export interface SuggestOptions {
  /** How many names to return at most (default 3). */
  max?: number | undefined
}

export function closestNames(
  input: string,
  candidates: Iterable<string>,
  options: SuggestOptions = {},
): string[] {
  const max = options.max ?? 3
  const wanted = input.toLowerCase()
  // Farther than a quarter of the name (at least 2 edits) is no longer a typo of it.
  const limit = Math.max(2, Math.floor(wanted.length / 4))
  const scored: { name: string; distance: number }[] = []
  for (const name of new Set(candidates)) {
    const lower = name.toLowerCase()
    const distance = lower === wanted ? 0 : editDistance(wanted, lower, limit)
    if (distance <= limit) scored.push({ name, distance })
  }
  // A name that differs only in case is what was meant: nothing farther is worth showing next to it.
  if (scored.some((s) => s.distance === 0))
    return scored
      .filter((s) => s.distance === 0)
      .slice(0, max)
      .map((s) => s.name)
  scored.sort((a, b) => a.distance - b.distance || naturalCompare(a.name, b.name))
  return scored.slice(0, max).map((s) => s.name)
}

/** Optimal string alignment distance, giving up (returning limit + 1) once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let prev2: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1)
      row.push(d)
      if (d < best) best = d
    }
    if (best > limit) return limit + 1
    prev2 = prev
    prev = row
  }
  return prev[b.length]!
}

// Made on first use: creating a collator loads ICU's collation data (~5 ms), and this module is
// part of the warm credential path (through the config errors' "did you mean"), which never sorts.
let collator: Intl.Collator | undefined

/**
 * Natural order for names people read: digits compare as numbers ("Shared Services 8" before
 * "Shared Services 53"), case and accents only break ties; then code points, so the order is total.
 */
export function naturalCompare(a: string, b: string): number {
  const primary = plainCompare(a, b) ?? collate(a, b)
  return primary || (a < b ? -1 : a > b ? 1 : 0)
}

function collate(a: string, b: string): number {
  collator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' })
  return collator.compare(a, b)
}

// Most account and role names hold only these characters; for them the collator's order (base
// strength, numeric) is known: space < _ < - < . < digit runs by value (leading zeros ignored) <
// letters, case-insensitive. Comparing them here spares a command its first collator (~3 ms of
// start-up on Node 20). Any other character, or a digit run too long for a number: undefined.
const PLAIN = /^[A-Za-z0-9 _.-]*$/
const PUNCTUATION = ' _-.'

/** The collator's sign for two plain names, or undefined when either is not plain. */
export function plainCompare(a: string, b: string): number | undefined {
  if (!PLAIN.test(a) || !PLAIN.test(b)) return undefined
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (isDigit(a, i) && isDigit(b, j)) {
      const ai = digitsEnd(a, i)
      const bj = digitsEnd(b, j)
      if (ai - i > 15 || bj - j > 15) return undefined
      const x = Number(a.slice(i, ai))
      const y = Number(b.slice(j, bj))
      if (x !== y) return x < y ? -1 : 1
      i = ai
      j = bj
      continue
    }
    const x = weight(a, i++)
    const y = weight(b, j++)
    if (x !== y) return x < y ? -1 : 1
  }
  return i < a.length ? 1 : j < b.length ? -1 : 0
}

const isDigit = (s: string, i: number) => s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57

function digitsEnd(s: string, i: number): number {
  while (i < s.length && isDigit(s, i)) i++
  return i
}

/** Primary weight of a plain character: punctuation, then digits, then letters (a = A). */
function weight(s: string, i: number): number {
  const p = PUNCTUATION.indexOf(s[i]!)
  if (p >= 0) return p
  if (isDigit(s, i)) return 10
  return 20 + (s.charCodeAt(i) | 32) - 97
}

/**
 * Python's `shlex.split(s)` (POSIX mode, no comments): botocore splits section names such as
 * `profile "my sso"` with it. Returns undefined where Python raises ValueError (botocore then
 * ignores the section).
 */
export function shlexSplit(input: string): string[] | undefined {
  const words: string[] = []
  let word: string | undefined
  let i = 0
  while (i < input.length) {
    const c = input[i]!
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      if (word !== undefined) words.push(word)
      word = undefined
      i++
    } else if (c === "'") {
      const end = input.indexOf("'", i + 1)
      if (end === -1) return undefined
      word = (word ?? '') + input.slice(i + 1, end)
      i = end + 1
    } else if (c === '"') {
      let out = ''
      i++
      for (;;) {
        if (i >= input.length) return undefined
        const d = input[i]!
        if (d === '"') break
        // Inside double quotes a backslash escapes only `"` and `\`; otherwise it is kept.
        if (d === '\\' && i + 1 < input.length && (input[i + 1] === '"' || input[i + 1] === '\\')) {
          out += input[i + 1]
          i += 2
        } else if (d === '\\' && i + 1 >= input.length) {
          return undefined
        } else {
          out += d
          i++
        }
      }
      word = (word ?? '') + out
      i++
    } else if (c === '\\') {
      if (i + 1 >= input.length) return undefined
      word = (word ?? '') + input[i + 1]
      i += 2
    } else {
      word = (word ?? '') + c
      i++
    }
  }
  if (word !== undefined) words.push(word)
  return words
}

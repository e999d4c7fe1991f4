/**
 * Help text written as wrapped source lines, reflowed for oclif (which wraps to the terminal):
 * lines of a paragraph are joined; blank lines and indented lines (lists, examples) are kept.
 */
export function paragraphs(text: string): string {
  const out: string[] = []
  for (const line of text.split('\n')) {
    const prev = out.length > 0 ? out[out.length - 1]! : undefined
    if (prev !== undefined && prev !== '' && line !== '' && !line.startsWith(' ') && !prev.startsWith(' ')) {
      out[out.length - 1] = `${prev} ${line}`
    } else out.push(line)
  }
  return out.join('\n')
}

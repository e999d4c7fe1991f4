/**
 * Text to stdout without creating `process.stdout`: on Node 20 that stream's first use loads
 * node:stream and its helpers (about 2 ms, an eighth of the warm `credential-process`). On POSIX,
 * `process.stdout.write` is synchronous for files and pipes too (Node's documented stdio
 * behaviour), so writing fd 1 directly keeps the order and completeness of the output. Whatever
 * `writeSync` cannot finish (a full non-blocking pipe: EAGAIN; EPIPE; any other error) is handed to
 * `process.stdout` as before, as is everything on Windows, where consoles need the stream.
 */
import { writeSync } from 'node:fs'

let useStream = process.platform === 'win32'

export function writeStdout(text: string): void {
  if (useStream) {
    process.stdout.write(text)
    return
  }
  let rest = Buffer.from(text, 'utf8')
  try {
    while (rest.length > 0) rest = rest.subarray(writeSync(1, rest))
  } catch {
    // From now on through the stream, so that nothing written later overtakes this rest.
    useStream = true
    process.stdout.write(rest)
  }
}

import { createHash } from 'node:crypto'

/** Lowercase hex SHA-1 of the UTF-8 bytes of `text`: every AWS cache file name is built from it. */
export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex')
}

import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto'

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
// User codes avoid look-alike characters (0/O, 1/I) as production codes do.
const USER_CODE_CHARS = 'BCDFGHJKLMNPQRSTVWXZ'

function pick(alphabet: string, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)]
  return out
}

/** An opaque random token with a readable prefix (helps when reading logs). */
export function opaque(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`
}

export function userCode(): string {
  return `${pick(USER_CODE_CHARS, 4)}-${pick(USER_CODE_CHARS, 4)}`
}

/** Temporary access key ids look like real STS ones: ASIA + 16 upper-case alphanumerics. */
export function accessKeyId(): string {
  return `ASIA${pick(UPPER_ALNUM, 16)}`
}

/** 40 characters, like a real secret access key. */
export function secretAccessKey(): string {
  return randomBytes(30).toString('base64').replaceAll('+', 'A').replaceAll('/', 'B')
}

export function sessionToken(): string {
  return `IQoJb3JpZ2luX2Vj${randomBytes(180).toString('base64')}`
}

export function requestId(): string {
  return randomUUID()
}

/** Stable per (account, role): the 16-hex suffix of the AWSReservedSSO_ role name, and the role id. */
export function roleSuffix(accountId: string, roleName: string): string {
  return createHash('sha256').update(`${accountId}/${roleName}`).digest('hex').slice(0, 16)
}

export function roleId(accountId: string, roleName: string): string {
  const digest = createHash('sha256').update(`role-id/${accountId}/${roleName}`).digest()
  let out = 'AROA'
  for (let i = 0; i < 17; i++) out += UPPER_ALNUM[(digest[i] ?? 0) % UPPER_ALNUM.length]
  return out
}

import { OidcError } from './oidc-errors.js'

export type JsonObject = Record<string, unknown>

/** Parse a restJson1 request body; anything but a JSON object is InvalidRequestException. */
export async function readJsonObject(req: Request): Promise<JsonObject> {
  const text = await req.text()
  if (text.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new OidcError('InvalidRequestException', 'Request body is not valid JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OidcError('InvalidRequestException', 'Request body must be a JSON object')
  }
  return value as JsonObject
}

export function requiredString(body: JsonObject, key: string): string {
  const value = body[key]
  if (value === undefined || value === null || value === '') {
    throw new OidcError('InvalidRequestException', `${key} is required`)
  }
  if (typeof value !== 'string') throw new OidcError('InvalidRequestException', `${key} must be a string`)
  return value
}

export function optionalString(body: JsonObject, key: string): string | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw new OidcError('InvalidRequestException', `${key} must be a string`)
  return value
}

export function optionalStringList(body: JsonObject, key: string): string[] | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new OidcError('InvalidRequestException', `${key} must be a list of strings`)
  }
  return value as string[]
}

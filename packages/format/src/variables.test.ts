import { describe, expect, it } from 'vitest'
import { formatVariables } from './variables.js'

const VARS = [
  ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'http://127.0.0.1:4321/role/dev'],
  ['AWS_CONTAINER_AUTHORIZATION_TOKEN', "a'b$c"],
] as const

describe('formatVariables', () => {
  it('quotes as the credential formats do', () => {
    expect(formatVariables('env', VARS)).toBe(
      "export AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:4321/role/dev\nexport AWS_CONTAINER_AUTHORIZATION_TOKEN='a'\\''b$c'\n",
    )
    expect(formatVariables('fish', VARS)).toBe(
      'set -gx AWS_CONTAINER_CREDENTIALS_FULL_URI "http://127.0.0.1:4321/role/dev"\nset -gx AWS_CONTAINER_AUTHORIZATION_TOKEN "a\'b\\$c"\n',
    )
    expect(JSON.parse(formatVariables('json', VARS))).toEqual(Object.fromEntries(VARS))
  })

  it('refuses a bad name, a NUL and an unknown format', () => {
    expect(() => formatVariables('env', [['A B', 'x']])).toThrow(/Invalid variable name/)
    expect(() => formatVariables('env', [['A', 'x\0']])).toThrow(/NUL/)
    expect(() => formatVariables('nope' as never, VARS)).toThrow(/Unknown format/)
  })
})

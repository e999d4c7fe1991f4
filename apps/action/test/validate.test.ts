import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain ES module script without types.
import { validate } from '../scripts/validate.mjs'

describe('action.yml and the README workflows', () => {
  it('pass the action and workflow schemas, actionlint, and use only inputs action.yml declares', async () => {
    expect(await validate()).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { createLimiter } from './retry.js'

describe('createLimiter', () => {
  it('never runs more than the limit at once and runs everything', async () => {
    const limit = createLimiter(3)
    let active = 0
    let peak = 0
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          active++
          peak = Math.max(peak, active)
          await new Promise((r) => setTimeout(r, 2))
          active--
          return i
        }),
      ),
    )
    expect(peak).toBe(3)
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i))
  })

  it('keeps going after a task fails', async () => {
    const limit = createLimiter(1)
    const failed = limit(() => Promise.reject(new Error('x')))
    await expect(failed).rejects.toThrow('x')
    await expect(limit(async () => 'ok')).resolves.toBe('ok')
  })
})

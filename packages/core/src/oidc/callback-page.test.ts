import { describe, expect, it } from 'vitest'
import { CALLBACK_PAGE_FAIL, CALLBACK_PAGE_OK } from './callback-page.js'

// Issue 10 item 18: the page after the browser sign-in was unstyled (no viewport, no styles, no language).
describe('the PKCE callback page', () => {
  it.each([
    ['ok', CALLBACK_PAGE_OK, 'Signed in'],
    ['fail', CALLBACK_PAGE_FAIL, 'Sign-in failed'],
  ])('%s: styled, readable on a phone and in dark mode, self-contained', (_name, html, heading) => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/)
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">')
    expect(html).toMatch(/<style>[\s\S]*prefers-color-scheme: dark[\s\S]*<\/style>/)
    expect(html).toContain(`<h1>${heading}</h1>`)
    expect(html).not.toMatch(/<(script|link|img)\b|https?:\/\//)
  })
})

#!/usr/bin/env node
// After `vitepress build`: every internal link of the built site, anchors included, must land. VitePress
// itself fails the build on a link to a missing page; this adds what it does not check: `#anchor`
// fragments (on the same page or another), and links to assets. External links are not fetched.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '.vitepress', 'dist')
const html = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? html(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
  )
const ids = new Map()
const idsOf = (file) => {
  if (!ids.has(file))
    ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])))
  return ids.get(file)
}
const problems = []
const files = html(dist)
for (const file of files) {
  const text = readFileSync(file, 'utf8')
  for (const [, raw] of text.matchAll(/<a\s[^>]*href="([^"]+)"/g)) {
    const href = raw.replaceAll('&amp;', '&')
    if (/^[a-z]+:/i.test(href) || href.startsWith('//')) continue
    const [path, hash] = href.split('#')
    let target = file
    if (path) {
      const abs = path.startsWith('/') ? join(dist, path) : resolve(dirname(file), path)
      target =
        [abs, `${abs}.html`, join(abs, 'index.html')].find((p) => existsSync(p) && !p.endsWith('/')) ?? ''
      if (!target) {
        problems.push(`${relative(dist, file)}: link to a missing page ${href}`)
        continue
      }
    }
    if (hash && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(hash)))
      problems.push(`${relative(dist, file)}: no anchor #${hash} in ${relative(dist, target)} (${href})`)
  }
}
if (problems.length) {
  console.error(`error: ${problems.length} dead link(s) in the built site:\n  ${problems.join('\n  ')}`)
  console.error(
    'hint: Fix the links in the Markdown pages (anchors are the headings, lower-cased, spaces as -).',
  )
  process.exit(1)
}
console.log(`links ok: ${files.length} pages`)

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Hono } from 'hono'
import type { AppEnv } from '../context.js'

/**
 * The pages' static files (the package's `assets/` folder), served by the emulator itself: the
 * pages load nothing from anywhere else. Read once at start-up; the URL carries a content hash, so
 * a browser never runs a stale script against a newer page.
 */
const FILES = {
  'site.css': 'text/css; charset=utf-8',
  'portal.js': 'text/javascript; charset=utf-8',
} as const

export type AssetName = keyof typeof FILES

interface Asset {
  body: string
  type: string
  version: string
}

let loaded: Map<AssetName, Asset> | undefined

function assets(): Map<AssetName, Asset> {
  if (loaded) return loaded
  // src/pages/ and dist/pages/ are both two levels below the package root, where assets/ is.
  const dir = new URL('../../assets/', import.meta.url)
  loaded = new Map()
  for (const [name, type] of Object.entries(FILES) as [AssetName, string][]) {
    const body = readFileSync(new URL(name, dir), 'utf8')
    const version = createHash('sha256').update(body).digest('hex').slice(0, 12)
    loaded.set(name, { body, type, version })
  }
  return loaded
}

/** The versioned URL of an asset, for `<link>` and `<script>`. */
export function assetUrl(name: AssetName): string {
  return `/assets/${name}?v=${assets().get(name)!.version}`
}

export function assetRoutes(app: Hono<AppEnv>): void {
  app.get('/assets/:name', (c) => {
    const asset = assets().get(c.req.param('name') as AssetName)
    if (!asset) return c.text('Not found', 404)
    return c.body(asset.body, 200, {
      'content-type': asset.type,
      'x-content-type-options': 'nosniff',
      // Versioned URLs: a new emulator build gets new URLs, so browsers may keep these a day.
      'cache-control': 'public, max-age=86400',
    })
  })
}

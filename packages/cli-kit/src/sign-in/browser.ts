import { spawn } from 'node:child_process'

/**
 * Opens `url` in a browser. Honours $BROWSER first (the `open` package does not: it goes straight to
 * xdg-open / `open` / `start`): a colon-separated list of commands, `%s` replaced by the URL, else the
 * URL appended, as Python's webbrowser and xdg-utils do. BROWSER=none (or empty) opens nothing.
 * Resolves false when nothing could be started; never throws.
 */
export async function openBrowser(
  url: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<boolean> {
  const browser = env['BROWSER']
  if (browser !== undefined) {
    if (browser.trim() === '' || browser.trim() === 'none') return false
    for (const entry of browser.split(':')) {
      const words = entry.trim().split(/\s+/).filter(Boolean)
      if (words.length === 0) continue
      const args = words.slice(1).map((w) => w.replaceAll('%s', url))
      if (!entry.includes('%s')) args.push(url)
      if (await startDetached(words[0]!, args)) return true
    }
    return false
  }
  try {
    const { default: open } = await import('open')
    const child = await open(url, { wait: false })
    child.on('error', () => {})
    child.unref()
    return true
  } catch {
    return false
  }
}

function startDetached(command: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' })
    child.once('error', () => resolve(false))
    child.once('spawn', () => {
      child.unref()
      resolve(true)
    })
  })
}

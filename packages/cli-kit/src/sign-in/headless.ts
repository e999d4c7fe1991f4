/**
 * True when no local browser can complete a PKCE sign-in (its redirect goes to 127.0.0.1 on this
 * machine): an SSH session, CI, or Linux without a display. `login` then uses the device code flow.
 */
export function isHeadless(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (env['SSH_CONNECTION'] || env['SSH_TTY'] || env['SSH_CLIENT']) return true
  if (env['CI'] && env['CI'] !== 'false' && env['CI'] !== '0') return true
  if (platform === 'linux' && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) return true
  return false
}

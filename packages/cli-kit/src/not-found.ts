import { closestNames } from '@idc/core'
import type { Hook } from '@oclif/core'

/**
 * oclif's `command_not_found` hook: `aws-idc logni` -> "did you mean login" (core's closestNames,
 * the rule profile names use too). On a terminal it asks and runs the suggestion; otherwise one
 * error line and a hint, exit 2, like every other usage error. Used instead of
 * @oclif/plugin-not-found, which says nothing useful without a terminal and exits 127.
 */
export const commandNotFound: Hook<'command_not_found'> = async (opts) => {
  const config = opts.config
  const hidden = new Set(config.commands.filter((c) => c.hidden).map((c) => c.id))
  const ids = [...config.commandIDs, ...config.commands.flatMap((c) => c.aliases)].filter(
    (id) => !hidden.has(id),
  )
  const typed = opts.id.replaceAll(':', ' ')
  const [best] = closestNames(opts.id, ids, { max: 1 })
  const shown = best?.replaceAll(':', ' ')
  if (best && process.stdin.isTTY && process.stderr.isTTY) {
    const { default: confirm } = await import('@inquirer/confirm')
    const yes = await confirm(
      { message: `${typed} is not an ${config.bin} command. Did you mean ${shown}?`, default: true },
      { output: process.stderr },
    ).catch(() => false)
    if (yes) return config.runCommand(best, opts.argv ?? [])
  }
  process.stderr.write(
    `error: ${typed} is not an ${config.bin} command.\nhint: ${shown ? `Did you mean \`${config.bin} ${shown}\`? ` : ''}\`${config.bin} help\` lists the commands.\n`,
  )
  process.exit(2)
}

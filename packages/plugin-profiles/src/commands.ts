// Every command of @idc/plugin-profiles, by id: oclif's explicit command discovery (package.json `oclif.commands`,
// strategy "explicit", target ./dist/commands.js, identifier COMMANDS) and the aws-idc bundle read
// this object instead of scanning dist/commands.
//
// Adding a command: write src/commands/<name>.ts (a topic's subcommand: src/commands/<topic>/<name>.ts)
// and give it its entry here, keyed by its id (the file's path under src/commands, folders joined
// with `:`, e.g. 'sessions:export'). `pnpm build` fails (scripts/check-commands.mjs) while a command
// file has no entry or an entry's id does not match its file.
import type { Command } from '@oclif/core'
import Accounts from './commands/accounts.js'
import Configure from './commands/configure.js'
import Doctor from './commands/doctor.js'
import Populate from './commands/populate.js'
import Roles from './commands/roles.js'

export const COMMANDS: Record<string, Command.Class> = {
  accounts: Accounts,
  configure: Configure,
  doctor: Doctor,
  populate: Populate,
  roles: Roles,
}

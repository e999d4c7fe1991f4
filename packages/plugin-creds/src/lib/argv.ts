const TARGET_FLAGS = [
  'profile',
  'region',
  'sso-session',
  'start-url',
  'sso-region',
  'account-id',
  'role-name',
] as const
const TIMEOUT_FLAGS = ['cli-connect-timeout', 'cli-read-timeout'] as const

/**
 * The flags the fast path understands, per command. A test checks them against the oclif commands'
 * flags, so the two entry points accept the same command lines; anything else goes to oclif.
 */
export const FAST_VALUE_FLAGS = {
  'credential-process': [...TARGET_FLAGS, ...TIMEOUT_FLAGS],
  creds: [...TARGET_FLAGS, 'format', ...TIMEOUT_FLAGS],
} as const satisfies Record<string, readonly string[]>

export type FastCommand = keyof typeof FAST_VALUE_FLAGS

/** Short flags the fast path knows (the oclif commands define the same `char`). */
const SHORT: Readonly<Record<string, string>> = { '-p': 'profile', '-f': 'format' }

/**
 * Parses `<command> --flag value --flag=value -p value ...`, and for `creds` one positional
 * profile (`creds dev`). Returns undefined for anything it does not know (help, --json, --debug,
 * boolean flags, other positional arguments, `--`, a repeated flag), so oclif handles it.
 */
export function parseFastArgv(
  argv: readonly string[],
): { command: FastCommand; flags: Record<string, string> } | undefined {
  const command = argv[0]
  if (command !== 'credential-process' && command !== 'creds') return undefined
  const known: readonly string[] = FAST_VALUE_FLAGS[command]
  const flags: Record<string, string> = {}
  let positional: string | undefined
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') return undefined
    if (!arg.startsWith('-')) {
      if (command !== 'creds' || positional !== undefined) return undefined
      positional = arg
      continue
    }
    const short = SHORT[arg]
    const eq = short ? -1 : arg.indexOf('=')
    const name = short ?? (arg.startsWith('--') ? (eq === -1 ? arg.slice(2) : arg.slice(2, eq)) : '')
    if (!known.includes(name) || Object.hasOwn(flags, name)) return undefined
    let value: string | undefined
    if (eq !== -1) value = arg.slice(eq + 1)
    else {
      value = argv[++i]
      if (value === undefined || value.startsWith('-')) return undefined
    }
    flags[name] = value
  }
  if (positional !== undefined) {
    // `creds dev --profile other` is ambiguous: oclif reports it.
    if (Object.hasOwn(flags, 'profile') && flags['profile'] !== positional) return undefined
    flags['profile'] = positional
  }
  return { command, flags }
}

/** `exec`'s optional modes, kept apart from the plain path: `--server` and the agent-safe flags. */
import { rememberSecrets, type TargetFlagValues } from '@idc/cli-kit/lite'
import { type CredentialsTarget, type SessionContext, startCredentialServer } from '@idc/core'
import { Flags } from '@oclif/core'
import { allowedAccounts, checkAllowedTarget, logoutTarget } from './agent-safe.js'
import { serverChildEnv } from './server-env.js'
import { requestLogger } from './server-log.js'

export const serverFlags = {
  server: Flags.boolean({
    description:
      'Give the command a local credential server (AWS_CONTAINER_* variables) instead of keys; its SDKs refresh by themselves.',
    default: false,
  }),
}

export const agentSafeFlags = {
  'allowed-account-ids': Flags.string({
    description: 'Refuse (exit 4, nothing fetched) unless the account is in this comma-separated list.',
    helpValue: '<ids>',
    multiple: true,
  }),
  'logout-after': Flags.boolean({
    description: 'Sign out (revoke the sign-in, remove its token file) when the command exits.',
    default: false,
  }),
}

interface Ui {
  debug(text: string): void
  warn(text: string): void
}

export interface AgentSafe {
  /** Signs out when asked to; a failure fails the run only when the command itself succeeded. */
  afterChild(target: CredentialsTarget, childCode: number, ui: Ui): Promise<void>
}

/** Checks `--allowed-account-ids` against the target (no network) and prepares `--logout-after`. */
export async function prepareAgentSafe(
  flags: TargetFlagValues & {
    'allowed-account-ids'?: string[] | undefined
    'logout-after'?: boolean | undefined
  },
  ctx: SessionContext,
): Promise<AgentSafe> {
  const allowed = allowedAccounts(flags['allowed-account-ids'])
  const target = await checkAllowedTarget(flags, ctx, allowed)
  return {
    afterChild: async (resolved, childCode, ui) => {
      if (!flags['logout-after']) return
      try {
        const result = await logoutTarget(target ?? resolved, ctx)
        for (const w of result.warnings) ui.warn(w)
        ui.debug(
          `signed out: removed ${result.tokens.length} token file(s), ${result.roleCaches.length} role cache(s)`,
        )
      } catch (error) {
        if (childCode === 0) throw error
        ui.warn(`Could not sign out after the command: ${(error as Error).message}`)
      }
    },
  }
}

export interface ChildServer {
  env(
    parent: Readonly<Record<string, string | undefined>>,
    region: string | undefined,
  ): Record<string, string>
  close(): Promise<void>
}

/** Starts the credential server for `exec --server`'s child (127.0.0.1, random port and token). */
export async function startChildServer(
  target: CredentialsTarget,
  ctx: SessionContext,
  ui: Ui,
): Promise<ChildServer> {
  const name = target.profileName ?? 'default'
  const server = await startCredentialServer({
    ...ctx,
    targets: [[name, target]],
    onRequest: requestLogger(ui),
  })
  rememberSecrets(server.token)
  ui.debug(`credential server for the command at ${server.url()}`)
  return {
    env: (parent, region) => serverChildEnv(parent, server, region),
    close: () => server.close(),
  }
}

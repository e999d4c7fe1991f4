// The Action's single entry point: `main` and `post` in action.yml both run this bundle; the post
// step is told apart by the state the main step saved (STATE_isPost).
import * as actions from '@actions/core'
import { IdcError, redactText } from '@idc/core'
import { SECRET_INPUTS } from './inputs.js'
import { runMain } from './main.js'
import { removeProfile } from './profile.js'
import { STATE } from './state.js'

/** One line: what went wrong and what to do next (core's hint); never a stack or a secret. */
export function failureLine(error: unknown): string {
  const line = IdcError.is(error)
    ? `${error.message}${error.hint ? ` ${error.hint}` : ''}`
    : `Unexpected error: ${error instanceof Error ? error.message : String(error)}`
  const secrets = SECRET_INPUTS.map((name) => actions.getInput(name))
  return redactText(line.replace(/\s*\n\s*/g, ' '), secrets)
}

async function run(): Promise<void> {
  const post = actions.getState(STATE.isPost) === 'true'
  try {
    if (post) await removeProfile()
    else await runMain()
  } catch (error) {
    // With step debug logging on (RUNNER_DEBUG=1), the stack of an unexpected error, redacted.
    if (!IdcError.is(error) && error instanceof Error && error.stack) {
      actions.debug(
        redactText(
          error.stack,
          SECRET_INPUTS.map((name) => actions.getInput(name)),
        ),
      )
    }
    actions.setFailed(failureLine(error))
  }
}

await run()

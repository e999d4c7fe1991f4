import type { RequestEvent } from '@idc/core'

/** One line per answered request for `--debug`, and a warning for failures (never a secret). */
export function requestLogger(ui: { debug(text: string): void; warn(text: string): void }) {
  return (event: RequestEvent): void => {
    ui.debug(`credential server: ${event.method} ${event.path ?? '(unauthorised)'} -> ${event.status}`)
    if (event.error) {
      const e = event.error
      ui.warn(`Could not hand out credentials: ${e.message}${e.hint ? ` ${e.hint}` : ''}`)
    }
  }
}

/**
 * The interactive account/role picker (`creds`, `exec`, `console`, `login` without a profile, on a
 * terminal). The listing, its cache, the most-recently-used order and saving a profile live in
 * @idc/core (picker/); this is only the prompt: @inquirer/prompts' search with fzf's matcher.
 */
import {
  IdcError,
  listPickerChoices,
  type PickerChoice,
  recentChoiceIds,
  recordRecentChoice,
  resolveCredentials,
  resolveTarget,
  type SessionContext,
  saveChoiceAsProfile,
  sortChoices,
} from '@idc/core'
import { type TargetFlagValues, targetRequest } from './target.js'
import { canPrompt, noTargetGiven } from './tty.js'

export interface PickerUi {
  info(text: string): void
  warn(text: string): void
}

export interface PickOptions {
  /** Offer to save the choice as a profile when no profile names it yet. Default true. */
  offerSave?: boolean | undefined
  env?: Readonly<Record<string, string | undefined>> | undefined
  /** Where the prompt reads and draws; default stdin and stderr (stdout may be a pipe: `eval "$(…)"`). */
  input?: NodeJS.ReadableStream | undefined
  output?: NodeJS.WritableStream | undefined
}

/** The flags that select a picked choice: its profile when one exists, else session + account + role. */
export function choiceFlags(choice: PickerChoice): TargetFlagValues {
  const profile = choice.profiles[0]
  if (profile !== undefined) return { profile }
  const role = { 'account-id': choice.accountId, 'role-name': choice.roleName }
  return choice.kind === 'session'
    ? { 'sso-session': choice.session, ...role }
    : { 'start-url': choice.startUrl, 'sso-region': choice.ssoRegion, ...role }
}

function label(c: PickerChoice): string {
  const name = c.accountName ? `${c.accountName} ` : ''
  const profiles = c.profiles.length > 0 ? `  (profile ${c.profiles.join(', ')})` : ''
  return `${name}${c.accountId}  ${c.roleName}${profiles}`
}

/**
 * Lets the user pick an account and role of the signed-in sessions (fuzzy search over account
 * name, ID and role; most recently used first). Returns undefined when there is nothing to pick
 * (no signed-in session): the caller then gives its usual error. Ctrl-C is `aborted` (exit 130).
 */
export async function pickTarget(
  ctx: SessionContext,
  ui: PickerUi,
  options: PickOptions = {},
): Promise<{ choice: PickerChoice; flags: TargetFlagValues } | undefined> {
  const [listing, recent] = await Promise.all([listPickerChoices(ctx), recentChoiceIds(ctx)])
  for (const p of listing.problems) ui.warn(`Skipped ${p}`)
  if (listing.choices.length === 0) return undefined
  const choices = sortChoices(listing.choices, recent)
  // The prompt packages alone, not @inquirer/prompts: that one also brings the editor prompt and its
  // encoding tables (iconv-lite, chardet: a quarter of the CLI bundle).
  const [{ Fzf }, { default: input }, { default: search }] = await Promise.all([
    import('fzf'),
    import('@inquirer/input'),
    import('@inquirer/search'),
  ])
  const fzf = new Fzf(choices, {
    selector: (c: PickerChoice) => `${c.accountName ?? ''} ${c.accountId} ${c.roleName}`,
  })
  const context = {
    input: options.input ?? process.stdin,
    output: options.output ?? process.stderr,
    clearPromptOnDone: false,
    signal: ctx.signal,
  }
  const asChoice = (c: PickerChoice) => ({ name: label(c), value: c })
  let choice: PickerChoice
  try {
    choice = await search<PickerChoice>(
      {
        message: `Account and role (${choices.length}; type to filter)`,
        pageSize: 12,
        source: (term) =>
          term ? fzf.find(term).map((r: { item: PickerChoice }) => asChoice(r.item)) : choices.map(asChoice),
      },
      context as never,
    )
    let flags = choiceFlags(choice)
    if ((options.offerSave ?? true) && choice.profiles.length === 0) {
      const name = (
        await input(
          { message: 'Save as a profile? Name (Enter: do not save)', default: '' },
          context as never,
        )
      ).trim()
      if (name) {
        const written = await saveChoiceAsProfile(choice, name, ctx)
        ui.info(`Saved [profile ${name}] in ${written.path}.`)
        choice = { ...choice, profiles: [name] }
        flags = { profile: name }
      }
    }
    await recordRecentChoice(choice.id, ctx).catch(() => {
      // Only the order of the next listing depends on it.
    })
    return { choice, flags }
  } catch (error) {
    const name = (error as Error | undefined)?.name
    if (name === 'ExitPromptError' || name === 'AbortPromptError') {
      throw new IdcError('aborted', 'Interrupted.', { cause: error })
    }
    throw error
  }
}

/** The errors of the implicit `default` profile that mean "no profile chosen" rather than "broken". */
const NO_PROFILE = new Set(['profile-not-found', 'not-sso-profile'])

/**
 * The flags a command should use: as given, unless nothing names a target, the `default` profile
 * cannot serve (`needs: 'credentials'` for an account and role, `'login'` for a sign-in) and a
 * person is at a terminal; then the picker's choice. Without a terminal it never prompts and the
 * command gives its usual "no profile" error. `console` calls this as `creds` and `exec` do.
 */
export async function withPickedTarget<F extends TargetFlagValues>(
  flags: F,
  ctx: SessionContext & { env: Readonly<Record<string, string | undefined>> },
  ui: PickerUi,
  options: PickOptions & { needs?: 'credentials' | 'login' | undefined } = {},
): Promise<F> {
  if (!noTargetGiven(flags, ctx.env) || !canPrompt(ctx.env)) return flags
  try {
    const request = targetRequest(flags)
    if (options.needs === 'login') await resolveTarget(request, ctx)
    else await resolveCredentials(request, ctx)
    return flags
  } catch (error) {
    if (!IdcError.is(error) || !NO_PROFILE.has(error.code)) return flags
  }
  const picked = await pickTarget(ctx, ui, options)
  return picked ? { ...flags, ...picked.flags } : flags
}

import {
  checkAccountId,
  checkRegion,
  checkStartUrl,
  parseScopes,
  type ValueOrigin,
} from '../config/validate-values.js'
import { IdcError } from '../errors.js'
import { checkKnownRegion } from './regions.js'

/**
 * The value rules of @idc/core for values a person types (flags, prompts): the same checks the
 * config resolver applies to the files, so `configure` never writes what `login` would refuse.
 * `name` is how the value was given, e.g. `--sso-region` or `the SSO region`.
 */
function origin(name: string): ValueOrigin {
  return { what: name, fix: `Set ${name}`, code: 'invalid-argument' }
}

export function checkStartUrlArgument(value: string, name = '--start-url'): string {
  return checkStartUrl(value, origin(name))
}

export function checkAccountIdArgument(value: string, name = '--account-id'): string {
  return checkAccountId(value, origin(name))
}

/** A region of the SDK's partitions; a typo gets the closest known regions as the hint. */
export async function checkRegionArgument(value: string, name = '--region'): Promise<string> {
  checkRegion(value, origin(name))
  const check = await checkKnownRegion(value)
  if (check.known) return value
  const [best, ...more] = check.suggestions
  throw new IdcError(
    'invalid-argument',
    `The value of ${name} is not a known AWS Region: ${JSON.stringify(value)}.`,
    {
      hint: best
        ? `Did you mean ${best}${more.length > 0 ? ` (or ${more.join(', ')})` : ''}? Set ${name} to it.`
        : `Set ${name} to a Region such as us-east-1.`,
    },
  )
}

/** `sso_registration_scopes` as `aws configure sso` takes them: comma-separated, no space inside one. */
export function checkScopesArgument(value: string, name = '--scopes'): string {
  const items = value.split(',').map((s) => s.trim())
  if (items.some((s) => /\s/.test(s)) || parseScopes(value).length === 0) {
    throw new IdcError(
      'invalid-argument',
      `The value of ${name} is not a list of scopes: ${JSON.stringify(value)}.`,
      {
        hint: `Set ${name} to comma-separated scopes without spaces inside one, e.g. sso:account:access.`,
      },
    )
  }
  return items.filter(Boolean).join(',')
}

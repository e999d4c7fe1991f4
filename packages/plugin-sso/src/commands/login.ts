import {
  argvHas,
  BaseCommand,
  describeExpiry,
  describeSignIn,
  paragraphs,
  profileArg,
  sessionFlags,
  signIn,
  targetRequest,
  Ui,
  withPickedTarget,
} from '@idc/cli-kit'
import type { LoginFlow } from '@idc/core'
import { Flags } from '@oclif/core'
import { loginForCi } from '../lib/for-ci.js'

export interface LoginJson {
  /** The token cache file (~/.aws/sso/cache/<sha1>.json), shared with the AWS CLI. */
  file: string
  /** ISO 8601. */
  expiresAt: string
  /** True when a still-valid token was kept and no sign-in happened. */
  reused: boolean
  /** False when the token has no refresh token (it ends when it expires). */
  refreshable: boolean
  flow?: LoginFlow | undefined
  sessionName?: string | undefined
  startUrl: string
  ssoRegion: string
}

export default class Login extends BaseCommand<typeof Login> {
  static override summary = 'Sign in to IAM Identity Center (browser PKCE or device code).'
  static override description =
    paragraphs(`Signs in for a profile, an [sso-session] or a start URL and caches the token where the AWS CLI
v2 and the AWS SDKs look for it (~/.aws/sso/cache), so either tool can use the other's sign-in.

Flow: the browser authorization-code flow with PKCE for sso-session targets (as \`aws sso login\`),
the device code flow for legacy profiles, with --use-device-code, and automatically when no local
browser can finish the sign-in (SSH session, CI, Linux without DISPLAY/WAYLAND_DISPLAY); --browser
forces the browser flow there. The browser is opened with $BROWSER when set, else the system
default; --no-browser only prints the URL. When the cached token still has more than 15 minutes
left nothing happens unless --force. Ctrl-C cancels and leaves the token cache as it was.`)

  static override examples = [
    '<%= config.bin %> <%= command.id %> --profile dev',
    '<%= config.bin %> <%= command.id %> dev',
    '<%= config.bin %> <%= command.id %> --sso-session corp',
    {
      description: 'Without any config: a start URL and the IAM Identity Center region',
      command:
        '<%= config.bin %> <%= command.id %> --start-url https://my-org.awsapps.com/start --region us-east-1',
    },
    {
      description: 'On a machine without a browser: approve on your phone or laptop',
      command: '<%= config.bin %> <%= command.id %> --profile dev --use-device-code --no-browser',
    },
    {
      description: 'Sign in again although the cached token is still valid, and print the result as JSON',
      command: '<%= config.bin %> <%= command.id %> --profile dev --force --json',
    },
    {
      description:
        'Make the secrets the aws-idc GitHub Action refreshes with, and store them in this repository',
      command: '<%= config.bin %> <%= command.id %> --sso-session my-sso --for-ci | sh',
    },
  ]

  static override args = profileArg

  static override flags = {
    ...sessionFlags,
    region: Flags.string({
      description: 'With --start-url: the IAM Identity Center region (same as --sso-region).',
      helpGroup: 'GLOBAL',
      helpValue: '<region>',
    }),
    scopes: Flags.string({
      description:
        'With --start-url and --sso-session: registration scopes, comma-separated (default sso:account:access).',
      helpGroup: 'TARGET',
      helpValue: '<scopes>',
    }),
    'use-device-code': Flags.boolean({
      description: 'Use the device code flow (a code to approve in any browser) instead of PKCE.',
      default: false,
    }),
    browser: Flags.boolean({
      description:
        'Open the sign-in page in a browser (default). --browser also forces the browser flow over SSH, in CI or without a display; --no-browser only prints the URL.',
      allowNo: true,
    }),
    force: Flags.boolean({
      description:
        'Sign in again even when the cached token is still valid (with --for-ci: print to a terminal).',
      default: false,
    }),
    'for-ci': Flags.boolean({
      description:
        'Sign in with a client registration of its own and print its refresh token, client id and secret as `gh secret set` lines for the aws-idc GitHub Action (nothing is cached here).',
      default: false,
      exclusive: ['json'],
    }),
  }

  async run(): Promise<LoginJson | undefined> {
    // Without a profile, on a terminal: pick an account and role of a signed-in session (no new profile).
    const flags = await withPickedTarget(this.flags, this.context(), this.ui, {
      needs: 'login',
      offerSave: false,
    })
    const request = targetRequest(flags, { regionIsSsoRegion: true })
    // The prompts must reach the user even with --json (stdout then carries only the result).
    const prompt = this.jsonEnabled() ? new Ui({ debug: argvHas(this.argv, '--debug') }) : this.ui
    if (flags['for-ci']) {
      await loginForCi(request, this.context(), {
        ui: this.ui,
        browser: flags.browser !== false,
        force: flags.force,
      })
      return undefined
    }
    const result = await signIn(request, {
      context: this.context(),
      ui: prompt,
      useDeviceCode: flags['use-device-code'],
      browser: flags.browser,
      force: flags.force,
      quietSuccess: this.jsonEnabled(),
    })
    if (result.reused) {
      this.ui.info(
        `Signed in (${describeSignIn(result)}), expires ${describeExpiry(result.expiresAt)}. Use --force to sign in again.`,
      )
    } else {
      this.ui.debug(`token cache file: ${result.file}`)
    }
    return {
      file: result.file,
      // As stored in the token file (whole seconds).
      expiresAt: new Date(Math.floor(result.expiresAt.getTime() / 1000) * 1000).toISOString(),
      reused: result.reused,
      refreshable: result.refreshable,
      ...(result.flow ? { flow: result.flow } : {}),
      ...(result.target.sessionName ? { sessionName: result.target.sessionName } : {}),
      startUrl: result.target.startUrl,
      ssoRegion: result.target.ssoRegion,
    }
  }
}

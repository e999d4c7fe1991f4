import {
  BaseCommand,
  describeExpiry,
  formatDuration,
  paragraphs,
  sessionFlags,
  targetRequest,
  type WaitLine,
} from '@idc/cli-kit'
import { type LoginFlow, login } from '@idc/core'
import { Flags } from '@oclif/core'
import { openBrowser } from '../lib/browser.js'
import { isHeadless } from '../lib/headless.js'

export interface LoginJson {
  /** The token cache file (~/.aws/sso/cache/<sha1>.json), shared with the AWS CLI. */
  file: string
  /** ISO 8601. */
  expiresAt: string
  /** True when a still-valid token was kept and no sign-in happened. */
  reused: boolean
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
browser can finish the sign-in (SSH session, CI, Linux without DISPLAY/WAYLAND_DISPLAY).
The browser is opened with $BROWSER when set, else the system default; --no-browser only prints
the URL. When the cached token still has more than 15 minutes left nothing happens unless --force.`)

  static override examples = [
    '<%= config.bin %> <%= command.id %> --profile dev',
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
  ]

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
      description: 'Open the sign-in page in a browser (--no-browser: only print the URL).',
      default: true,
      allowNo: true,
    }),
    force: Flags.boolean({
      description: 'Sign in again even when the cached token is still valid.',
      default: false,
    }),
  }

  async run(): Promise<LoginJson> {
    const flags = this.flags
    const request = targetRequest(flags, { regionIsSsoRegion: true })
    const flow: LoginFlow | undefined = flags['use-device-code'] || isHeadless() ? 'device' : undefined
    let wait: WaitLine | undefined
    const startWait = (label: string, deadline?: Date) => {
      wait?.stop()
      wait = this.ui.wait(label, { deadline })
    }

    const result = await login(request, {
      ...this.context(),
      flow,
      force: flags.force,
      onVerification: async (v) => {
        this.ui.info(`To sign in, open ${v.verificationUri}`)
        this.ui.info(`and enter the code: ${v.userCode}`)
        if (flags.browser && (await openBrowser(v.verificationUriComplete))) {
          this.ui.info('(opened in your browser; check that it shows the same code)')
        }
        startWait('Waiting for approval', v.expiresAt)
      },
      onAuthorizeUrl: async (url) => {
        const opened = flags.browser && (await openBrowser(url))
        this.ui.info(
          opened
            ? `Opened your browser to sign in. If it did not open, visit:\n${url}`
            : `To sign in, open this URL in a browser on this machine:\n${url}`,
        )
        startWait('Waiting for the browser sign-in')
      },
      onProgress: (p) => wait?.update({ remainingMs: p.remainingMs }),
    })
    wait?.stop()

    const what = result.target.sessionName
      ? `sso-session ${result.target.sessionName}`
      : result.target.startUrl
    if (result.reused) {
      this.ui.info(
        `Signed in (${what}), expires ${describeExpiry(result.expiresAt)}. Use --force to sign in again.`,
      )
    } else {
      const left = formatDuration(result.expiresAt.getTime() - Date.now())
      this.ui.info(`Signed in (${what}) for ${left}. Token cached in ${result.file}.`)
    }
    return {
      file: result.file,
      expiresAt: result.expiresAt.toISOString(),
      reused: result.reused,
      ...(result.flow ? { flow: result.flow } : {}),
      ...(result.target.sessionName ? { sessionName: result.target.sessionName } : {}),
      startUrl: result.target.startUrl,
      ssoRegion: result.target.ssoRegion,
    }
  }
}

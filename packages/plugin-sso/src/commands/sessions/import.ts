import { text } from 'node:stream/consumers'
import { BaseCommand, describeExpiry, paragraphs } from '@idc/cli-kit'
import { IdcError, importSession } from '@idc/core'
import { Flags } from '@oclif/core'

export interface SessionImportJson {
  sessionName?: string | undefined
  startUrl: string
  ssoRegion: string
  /** The token cache file written (~/.aws/sso/cache/<sha1>.json), shared with the AWS CLI. */
  tokenFile: string
  registrationFile?: string | undefined
  /** The config file, when [sso-session <name>] was added to it. */
  configWritten?: string | undefined
  /** ISO 8601. */
  expiresAt: string
  refreshable: boolean
}

/** Exported sessions are a few kilobytes; anything far larger is not one. */
const MAX_INPUT = 1024 * 1024

export default class SessionsImport extends BaseCommand<typeof SessionsImport> {
  static override summary = 'Read a session from `aws-idc sessions export` on stdin and sign in with it here.'
  static override description =
    paragraphs(`Writes the token and the client registration into ~/.aws/sso/cache exactly as the AWS CLI
would after signing in on this machine (atomically, under the token's lock), so aws-idc, the AWS CLI and
the SDKs here all use it. An [sso-session] of that name is added to ~/.aws/config when missing; one that
names another start URL or region is an error and nothing is written. A sign-in here that lasts longer
than the imported one is kept unless --force.`)

  static override examples = [
    'ssh laptop aws-idc sessions export dev | <%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> < session.json',
  ]

  static override flags = {
    force: Flags.boolean({
      description: 'Replace a cached sign-in here that lasts longer than the imported one.',
      default: false,
    }),
  }

  async run(): Promise<SessionImportJson> {
    if (process.stdin.isTTY) {
      throw new IdcError(
        'invalid-argument',
        '`aws-idc sessions import` reads the exported session from stdin.',
        {
          hint: 'Pipe it in: `ssh laptop aws-idc sessions export dev | aws-idc sessions import`.',
        },
      )
    }
    const input = await text(process.stdin)
    if (input.length > MAX_INPUT) {
      throw new IdcError('invalid-argument', 'The input is far larger than an exported aws-idc session.', {
        hint: 'Pipe the output of `aws-idc sessions export <session>` into `aws-idc sessions import` unchanged.',
      })
    }
    const result = await importSession(input, { ...this.context(), force: this.flags.force })
    const what = result.target.sessionName
      ? `sso-session ${result.target.sessionName}`
      : `start URL ${result.target.startUrl}`
    if (result.configWritten)
      this.ui.info(`Added [sso-session ${result.target.sessionName}] to ${result.configWritten}.`)
    this.ui.info(`Imported the sign-in to ${what}, expires ${describeExpiry(result.expiresAt)}.`)
    this.ui.debug(`token cache file: ${result.tokenFile}`)
    return {
      ...(result.target.sessionName ? { sessionName: result.target.sessionName } : {}),
      startUrl: result.target.startUrl,
      ssoRegion: result.target.ssoRegion,
      tokenFile: result.tokenFile,
      ...(result.registrationFile ? { registrationFile: result.registrationFile } : {}),
      ...(result.configWritten ? { configWritten: result.configWritten } : {}),
      expiresAt: result.expiresAt.toISOString(),
      refreshable: result.refreshable,
    }
  }
}

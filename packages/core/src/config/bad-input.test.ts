import { afterEach, describe, expect, it } from 'vitest'
import type { IdcErrorCode } from '../errors.js'
import { loadConfigFiles } from './config-files.js'
import { type Home, idcErrorOf, makeHome, removeTempDirs, snapshot } from './fixtures.test.helpers.js'
import { resolveCredentialsTarget, resolveLoginTarget } from './resolve.js'
import type { SectionRef } from './types.js'
import { setSectionKey, unsetSectionKey, writeSection } from './write.js'

afterEach(removeTempDirs)

const START = 'https://d-1234567890.awsapps.com/start'
const GOOD = `[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = Admin

[sso-session my-sso]
sso_start_url = ${START}
sso_region = us-east-1
`
const dev: SectionRef = { file: 'config', type: 'profile', name: 'dev' }

interface Case {
  name: string
  config?: string
  credentials?: string | Buffer
  env?: Record<string, string>
  run: (home: Home, env: Record<string, string>) => Promise<unknown>
  code: IdcErrorCode
  message: (RegExp | string)[]
  hint: RegExp
}

const credentials = (profile?: string) => async (_home: Home, env: Record<string, string>) =>
  resolveCredentialsTarget(await loadConfigFiles({ env }), { from: 'profile', profile }, { env })
const login = (profile?: string) => async (_home: Home, env: Record<string, string>) =>
  resolveLoginTarget(await loadConfigFiles({ env }), { from: 'profile', profile }, { env })

const cases: Case[] = [
  // Files the AWS CLI cannot parse.
  {
    name: 'a key before any section',
    config: `region = us-east-1\n${GOOD}`,
    run: credentials('dev'),
    code: 'config-parse',
    message: ['Unable to parse config file:', 'line 1', 'outside any [section]'],
    hint: /Add a section header such as \[default\] above line 1 of .*config/,
  },
  {
    name: 'a line that is not key = value',
    config: GOOD.replace('sso_role_name = Admin', 'sso_role_name Admin'),
    run: credentials('dev'),
    code: 'config-parse',
    message: ['line 4', 'not a `key = value` line'],
    hint: /Fix or delete line 4 of .*config/,
  },
  {
    name: 'a duplicate section',
    config: `${GOOD}\n[profile dev]\nregion = us-east-1\n`,
    run: credentials('dev'),
    code: 'config-parse',
    message: ['line 10', 'section [profile dev] already exists (line 1)'],
    hint: /Merge the two \[profile dev\] sections/,
  },
  {
    name: 'a duplicate key',
    config: GOOD.replace('sso_role_name = Admin', 'sso_role_name = Admin\nSSO_ROLE_NAME = Other'),
    run: credentials('dev'),
    code: 'config-parse',
    message: ['line 5', 'option sso_role_name in section [profile dev] already exists (line 4)'],
    hint: /Keep only one sso_role_name line in \[profile dev\]/,
  },
  {
    name: 'a byte-order mark',
    config: `\ufeff${GOOD}`,
    run: credentials('dev'),
    code: 'config-parse',
    message: ['line 1', 'byte-order mark'],
    hint: /without a byte-order mark/,
  },
  {
    name: 'a lone carriage return',
    config: GOOD.replace('111111111111\n', '111111111111\r'),
    run: credentials('dev'),
    code: 'config-parse',
    message: ['line 3', 'carriage return'],
    hint: /LF or CRLF/,
  },
  {
    name: 'a [DEFAULT] section',
    config: `${GOOD}[DEFAULT]\nregion = x\n`,
    run: login('dev'),
    code: 'config-parse',
    message: ['line 9', '[DEFAULT]'],
    hint: /did you mean \[default\]/,
  },
  {
    name: 'a nested block line without =',
    config: `${GOOD}[services s]\nsso =\n  endpoint_url\n`,
    run: login('dev'),
    code: 'config-parse',
    message: ['line 11', 'indented line under sso'],
    hint: /Write line 11 of .* as `name = value`/,
  },
  {
    name: 'a [profile __proto__] section (the JS SDK then ignores the file)',
    config: `${GOOD}[profile __proto__]\nregion = x\n`,
    run: login('dev'),
    code: 'config-parse',
    message: ['line 9', 'JS SDK rejects the section name'],
    hint: /Rename the section on line 9/,
  },
  {
    name: 'a credentials file that is not UTF-8',
    config: GOOD,
    credentials: Buffer.from('[dev]\nregion = caf\xe9\n', 'latin1'),
    run: credentials('dev'),
    code: 'config-parse',
    message: ['credentials', 'not valid UTF-8'],
    hint: /as UTF-8 text/,
  },
  // Resolution.
  {
    name: 'an unknown profile',
    config: GOOD,
    run: credentials('prod'),
    code: 'profile-not-found',
    message: ['The config profile (prod) could not be found in'],
    hint: /Create it with `aws-idc configure --profile prod`; `aws configure list-profiles` lists all 1 profile\./,
  },
  {
    name: 'AWS_PROFILE naming an unknown profile',
    config: GOOD,
    env: { AWS_PROFILE: 'nope' },
    run: login(),
    code: 'profile-not-found',
    message: ['(nope) (selected by AWS_PROFILE)'],
    hint: /^Create it with/,
  },
  {
    name: 'an unknown profile that differs in case and a letter from an SSO profile',
    config: `${GOOD}[profile Payments-Prod-ReadOnly]\nsso_session = my-sso\n[profile payment]\nregion = eu-west-1\n`,
    run: credentials('payments-prod-readonly'),
    code: 'profile-not-found',
    message: ['(payments-prod-readonly)'],
    hint: /^Did you mean --profile Payments-Prod-ReadOnly\? `aws configure list-profiles` lists all 3 profiles\.$/,
  },
  {
    name: 'a missing sso-session section',
    config: GOOD.replace('[sso-session my-sso]', '[sso-session corp]'),
    run: credentials('dev'),
    code: 'session-not-found',
    message: ['The specified sso-session does not exist: "my-sso"', 'sso_session in [profile dev]', 'line 2'],
    hint: /add an \[sso-session my-sso\] section to .*config.*existing sessions: corp/,
  },
  {
    name: 'a missing sso-session for login',
    config: GOOD.replace('[sso-session my-sso]', '[sso-session corp]'),
    run: login('dev'),
    code: 'session-not-found',
    message: ['The specified sso-session does not exist: "my-sso"'],
    hint: /\[sso-session my-sso\]/,
  },
  {
    name: 'profile and session disagree',
    config: GOOD.replace(
      'sso_session = my-sso',
      'sso_session = my-sso\nsso_start_url = https://other.awsapps.com/start',
    ),
    run: credentials('dev'),
    code: 'config-inconsistent',
    message: [
      `The value for sso_start_url is inconsistent between profile (https://other.awsapps.com/start) and sso-session (${START}).`,
      '[profile dev] line 3',
      '[sso-session my-sso] line 8',
    ],
    hint: /Remove sso_start_url from \[profile dev\]/,
  },
  {
    name: 'missing required keys, in botocore order, with where to add them',
    config: GOOD.replace('sso_account_id = 111111111111\n', '').replace('sso_region = us-east-1\n', ''),
    run: credentials('dev'),
    code: 'config-invalid',
    message: [
      'The profile "dev" is configured to use SSO but is missing required configuration: sso_account_id, sso_region',
    ],
    hint: /add sso_account_id to \[profile dev\] and sso_region to \[sso-session my-sso\] in .*config/,
  },
  {
    name: 'a legacy profile without region for login',
    config: `[profile old]\nsso_start_url = ${START}\n`,
    run: login('old'),
    code: 'config-invalid',
    message: ['Missing the following required SSO configuration values: sso_region.', '[profile old]'],
    hint: /add sso_region to \[profile old\]/,
  },
  {
    name: 'a session without region for login',
    config: GOOD.replace('sso_region = us-east-1\n', ''),
    run: login('dev'),
    code: 'config-invalid',
    message: ['Missing the following required SSO configuration values: sso_region.', '[sso-session my-sso]'],
    hint: /add sso_region to \[sso-session my-sso\]/,
  },
  {
    name: 'a profile without any SSO key',
    config: `${GOOD}[profile static]\nregion = us-east-1\n`,
    run: credentials('static'),
    code: 'not-sso-profile',
    message: ['Profile static is not configured with SSO credentials', '[profile static]'],
    hint: /aws-idc configure --profile static/,
  },
  // Values the two tools read differently, or that are not valid.
  {
    name: 'an inline comment on a used value',
    config: GOOD.replace('sso_region = us-east-1', 'sso_region = us-east-1 # N. Virginia'),
    run: credentials('dev'),
    code: 'config-invalid',
    message: [
      'read sso_region in [sso-session my-sso]',
      '"us-east-1 # N. Virginia" (line 8)',
      'the JS SDK "us-east-1"',
    ],
    hint: /Move the comment on line 8 .* to a line of its own/,
  },
  {
    name: 'an upper-case key',
    config: GOOD.replace('sso_role_name', 'SSO_ROLE_NAME'),
    run: credentials('dev'),
    code: 'config-invalid',
    message: ['read sso_role_name in [profile dev]', 'the JS SDK no value'],
    hint: /Write the key in lower case on line 4/,
  },
  {
    name: 'a colon delimiter',
    config: GOOD.replace('sso_role_name = Admin', 'sso_role_name: Admin'),
    run: credentials('dev'),
    code: 'config-invalid',
    message: ['read sso_role_name'],
    hint: /Use `=` instead of `:` on line 4/,
  },
  {
    name: 'a profile name with a space',
    config: GOOD.replace('[profile dev]', '[profile "my dev"]'),
    run: credentials('my dev'),
    code: 'config-invalid',
    message: ['[profile "my dev"]'],
    hint: /The JS SDK does not read the section \[profile "my dev"\]/,
  },
  {
    name: 'an account ID that is not 12 digits',
    config: GOOD.replace('111111111111', '1111'),
    run: credentials('dev'),
    code: 'config-invalid',
    message: ['sso_account_id in [profile dev]', 'line 3', 'is not an AWS account ID: "1111"'],
    hint: /Set sso_account_id on line 3 of .* to the 12-digit account ID/,
  },
  {
    name: 'a start URL that is not a URL',
    config: GOOD.replace(START, 'd-1234567890.awsapps.com/start'),
    run: credentials('dev'),
    code: 'config-invalid',
    message: ['sso_start_url in [sso-session my-sso]', 'is not a start URL'],
    hint: /Set sso_start_url on line 7/,
  },
  {
    name: 'a missing services section',
    config: GOOD.replace('sso_role_name = Admin', 'sso_role_name = Admin\nservices = emu'),
    run: credentials('dev'),
    code: 'config-invalid',
    message: [
      'The profile is configured to use the services section but the "emu" services configuration does not exist',
      'services in [profile dev]',
    ],
    hint: /Add a \[services emu\] section to .*config, or remove services from \[profile dev\]/,
  },
  {
    name: 'ignore_configured_endpoint_urls that is not true/false',
    config: GOOD.replace(
      'sso_role_name = Admin',
      'sso_role_name = Admin\nignore_configured_endpoint_urls = yes',
    ),
    run: credentials('dev'),
    code: 'config-invalid',
    message: ['Expected "true" or "false" for ignore_configured_endpoint_urls in [profile dev]'],
    hint: /true or false \(lower case\) on line 5/,
  },
  {
    name: 'an endpoint URL that is not a URL',
    config: GOOD,
    env: { AWS_ENDPOINT_URL_SSO_OIDC: 'localhost:8080' },
    run: credentials('dev'),
    code: 'config-invalid',
    message: ['AWS_ENDPOINT_URL_SSO_OIDC', 'not an http(s) URL'],
    hint: /Set AWS_ENDPOINT_URL_SSO_OIDC to a URL/,
  },
  // Writing.
  {
    name: 'writing a profile name with a space',
    config: GOOD,
    run: (home) => writeSection(home.configFile, { ...dev, name: 'my dev' }, { region: 'x' }),
    code: 'invalid-name',
    message: ['"my dev" cannot be used as a profile name', 'only letters, digits and _ - . @ + % : /'],
    hint: /Choose a profile name/,
  },
  {
    name: 'writing a __proto__ session',
    config: GOOD,
    run: (home) =>
      writeSection(home.configFile, { file: 'config', type: 'sso-session', name: '__proto__' }, {}),
    code: 'invalid-name',
    message: ['"__proto__" cannot be used as an sso-session name', 'JS SDK rejects it'],
    hint: /Choose an sso-session name/,
  },
  {
    name: 'writing a value the JS SDK would cut at " #"',
    config: GOOD,
    run: (home) => setSectionKey(home.configFile, dev, 'role_session_name', 'me #1'),
    code: 'invalid-name',
    message: ['The value "me #1" for role_session_name cannot be written', 'cut it at a "#"'],
    hint: /without " #" or " ;"/,
  },
  {
    name: 'writing a value with a line break (secrets not echoed)',
    config: GOOD,
    run: (home) =>
      writeSection(
        home.credentialsFile,
        { file: 'credentials', type: 'profile', name: 'dev' },
        {
          aws_secret_access_key: 'abc\n[evil]',
        },
      ),
    code: 'invalid-name',
    message: ['The value [redacted] for aws_secret_access_key', 'line break'],
    hint: /single-line value/,
  },
  {
    name: 'writing a value with surrounding spaces',
    config: GOOD,
    run: (home) => setSectionKey(home.configFile, dev, 'region', ' us-east-1'),
    code: 'invalid-name',
    message: ['starts or ends with whitespace'],
    hint: /without leading or trailing spaces/,
  },
  {
    name: 'writing an upper-case key',
    config: GOOD,
    run: (home) => writeSection(home.configFile, dev, { SSO_REGION: 'us-east-1' }),
    code: 'invalid-name',
    message: ['"SSO_REGION" cannot be used as a config key'],
    hint: /lower-case key/,
  },
  {
    name: 'writing an empty value',
    config: GOOD,
    run: (home) => setSectionKey(home.configFile, dev, 'region', ''),
    code: 'invalid-name',
    message: ['it is empty'],
    hint: /single-line value/,
  },
  {
    name: 'editing a section that exists twice',
    config: `${GOOD}\n[profile "dev"]\nregion = x\n`,
    run: (home) => writeSection(home.configFile, dev, { region: 'y' }),
    code: 'config-parse',
    message: ['2 sections for [profile dev] (lines 1, 10)'],
    hint: /Merge the \[profile dev\] sections into one/,
  },
  {
    name: 'editing [default] when [profile default] also exists',
    config: `[default]\nregion = a\n[profile default]\noutput = json\n`,
    run: (home) => setSectionKey(home.configFile, { ...dev, name: 'default' }, 'region', 'b'),
    code: 'config-parse',
    message: ['2 sections for [default] (lines 1, 3)'],
    hint: /Merge the \[default\] sections/,
  },
  {
    name: 'setting a key that exists twice in the section',
    config: GOOD.replace('[sso-session my-sso]', 'region = a\nREGION = b\n[sso-session my-sso]'),
    run: (home) => setSectionKey(home.configFile, dev, 'region', 'c'),
    code: 'config-parse',
    message: ['region appears 2 times in [profile dev] (lines 6, 7)'],
    hint: /Keep only one region line/,
  },
  {
    name: 'unsetting in a file with a byte-order mark',
    config: `\ufeff${GOOD}`,
    run: (home) => unsetSectionKey(home.configFile, dev, 'sso_role_name'),
    code: 'config-parse',
    message: ['byte-order mark'],
    hint: /without a byte-order mark/,
  },
  {
    name: 'writing a sso-session into the credentials file',
    config: GOOD,
    run: (home) =>
      writeSection(home.credentialsFile, { file: 'credentials', type: 'sso-session', name: 's' }, {}),
    code: 'invalid-argument',
    message: ['holds only profiles'],
    hint: /to the config file/,
  },
]

describe('bad input: an IdcError with code, message and hint, and no file changed', () => {
  it('has many cases', () => expect(cases.length).toBeGreaterThanOrEqual(15))
  for (const c of cases) {
    it(c.name, async () => {
      const home = await makeHome({
        ...(c.config === undefined ? {} : { config: c.config }),
        ...(c.credentials === undefined ? {} : { credentials: c.credentials }),
      })
      const env = { ...home.env, ...c.env }
      const before = await snapshot([home.configFile, home.credentialsFile])
      const error = await idcErrorOf(() => c.run(home, env))
      expect({ code: error.code, message: error.message }).toMatchObject({ code: c.code })
      for (const part of c.message) expect(error.message).toContain(part)
      expect(error.hint).toMatch(c.hint)
      expect(await snapshot([home.configFile, home.credentialsFile])).toEqual(before)
    })
  }
})

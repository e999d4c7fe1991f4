#!/usr/bin/env node
// aws-idc entry point.
//
// Fast path: `credential-process` and `creds` run before AWS calls (the AWS CLI and SDKs spawn
// `credential_process` for every new client), so for the command lines it understands,
// @idc/plugin-creds/fast answers without loading @oclif/core or discovering commands: it imports
// only @idc/core and @idc/cli-kit/lite. It returns undefined for anything else (--help, --json,
// --debug, unknown flags), and oclif runs as usual.
// AWS_IDC_NO_FAST_PATH=1 turns the fast path off (for tests and comparisons).

const argv = process.argv.slice(2)
let exitCode

if ((argv[0] === 'credential-process' || argv[0] === 'creds') && !process.env.AWS_IDC_NO_FAST_PATH) {
  const { runFast } = await import('@idc/plugin-creds/fast')
  exitCode = await runFast(argv)
}

if (exitCode === undefined) {
  const { execute } = await import('@oclif/core')
  await execute({ dir: import.meta.url })
} else {
  // Let stdout drain instead of process.exit().
  process.exitCode = exitCode
}

// argv pre-processing, kept apart from the launcher so it merges with changes to start-up.
//
// `aws-idc --profile dev creds` and `aws-idc -p dev exec -- env`: global flags before the command
// (as `aws --profile dev s3 ls`) move after it, where oclif parses them. Only flags every command
// has are moved; anything else before the command is left for oclif to report.
'use strict'

const VALUE_FLAGS = new Set(['--profile', '-p', '--region'])
const BOOLEAN_FLAGS = new Set(['--debug'])

/** The command line with leading global flags moved after the command (unchanged when there are none). */
function commandFirst(argv) {
  const moved = []
  let i = 0
  while (i < argv.length) {
    const arg = argv[i]
    if (BOOLEAN_FLAGS.has(arg) || /^--(profile|region)=/.test(arg)) {
      moved.push(arg)
      i++
    } else if (VALUE_FLAGS.has(arg) && i + 1 < argv.length) {
      moved.push(arg, argv[i + 1])
      i += 2
    } else break
  }
  if (moved.length === 0 || i >= argv.length || argv[i].startsWith('-')) return argv
  return [argv[i], ...moved, ...argv.slice(i + 1)]
}

module.exports = { commandFirst }

// oclif `command_not_found` hook (package.json oclif.hooks): "did you mean" from @idc/cli-kit.
export { commandNotFound as default } from '@idc/cli-kit'

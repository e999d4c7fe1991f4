// The portable-INI rule (names, keys and values both the AWS CLI and the JS SDK read back) lives in
// @idc/format, under `formatIni`, which needs it too; every shared-file write in core goes through it.
export {
  type CheckValueOptions,
  checkKey,
  checkSectionName,
  checkSectionValues,
  checkValue,
  isPortableName,
  toPortableName,
} from '@idc/format/portable'

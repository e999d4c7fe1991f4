/** Temporary AWS credentials for one account and role, as every output form needs them. */
export type { Credentials } from '@idc/format'

/** Temporary AWS credentials for one account and role, as every output form needs them. */
export interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string | undefined
  /** When the credentials stop working; absent only for static credentials. */
  expiration?: Date | undefined
  accountId?: string | undefined
}

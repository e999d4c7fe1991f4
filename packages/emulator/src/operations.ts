/** Which service answers an operation; decides the error envelope an injected fault uses. */
export type Service = 'oidc' | 'portal' | 'sts'

export const OPERATIONS = {
  RegisterClient: { service: 'oidc', method: 'POST', path: '/client/register' },
  StartDeviceAuthorization: { service: 'oidc', method: 'POST', path: '/device_authorization' },
  CreateToken: { service: 'oidc', method: 'POST', path: '/token' },
  Authorize: { service: 'oidc', method: 'GET', path: '/authorize' },
  GetRoleCredentials: { service: 'portal', method: 'GET', path: '/federation/credentials' },
  ListAccounts: { service: 'portal', method: 'GET', path: '/assignment/accounts' },
  ListAccountRoles: { service: 'portal', method: 'GET', path: '/assignment/roles' },
  Logout: { service: 'portal', method: 'POST', path: '/logout' },
  GetCallerIdentity: { service: 'sts', method: 'POST', path: '/' },
} as const satisfies Record<string, { service: Service; method: string; path: string }>

export type Operation = keyof typeof OPERATIONS

export const OPERATION_NAMES = Object.keys(OPERATIONS) as Operation[]

export function isOperation(name: string): name is Operation {
  return Object.hasOwn(OPERATIONS, name)
}

/** The API operation a request addresses, or undefined for pages, control routes and unknown paths. */
export function operationFor(method: string, path: string): Operation | undefined {
  for (const name of OPERATION_NAMES) {
    const op = OPERATIONS[name]
    if (op.method === method && op.path === path) return name
  }
  return undefined
}

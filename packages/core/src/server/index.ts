export {
  type ContainerCredentialsJson,
  type ContainerVariableName,
  type CredentialServer,
  type CredentialServerOptions,
  containerCredentialsJson,
  isLoopbackHost,
  type RequestEvent,
  ROLE_PATH_PREFIX,
  startCredentialServer,
} from './credential-server.js'

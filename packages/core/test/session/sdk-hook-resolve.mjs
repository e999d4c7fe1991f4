let port
export function initialize(data) {
  port = data.port
}
export async function resolve(specifier, context, next) {
  port.postMessage(specifier)
  return next(specifier, context)
}

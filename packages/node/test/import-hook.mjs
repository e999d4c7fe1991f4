// `node --import ./import-hook.mjs`: records every specifier the process resolves into
// globalThis.__resolved (the hooks run on another thread and report over a MessagePort).
import { register } from 'node:module'
import { MessageChannel } from 'node:worker_threads'

globalThis.__resolved = []
const { port1, port2 } = new MessageChannel()
port1.on('message', (specifier) => globalThis.__resolved.push(specifier))
port1.unref()
register(
  `data:text/javascript,${encodeURIComponent(`
let port
export function initialize(data) { port = data.port }
export async function resolve(specifier, context, next) { port.postMessage(specifier); return next(specifier, context) }
`)}`,
  { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] },
)

// `node --import ./sdk-hook.mjs`: records every module specifier the process resolves, so a test
// can prove that the warm credential path never loads an @aws-sdk/* module. The hooks run on a
// separate thread; specifiers come back over a MessagePort into globalThis.__idcResolved.
import { register } from 'node:module'
import { MessageChannel } from 'node:worker_threads'

globalThis.__idcResolved = []
const { port1, port2 } = new MessageChannel()
port1.on('message', (specifier) => globalThis.__idcResolved.push(specifier))
port1.unref()
register('./sdk-hook-resolve.mjs', {
  parentURL: import.meta.url,
  data: { port: port2 },
  transferList: [port2],
})

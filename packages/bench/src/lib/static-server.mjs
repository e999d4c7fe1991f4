// The baseline of the request/s rows: a Node HTTP server in its own process that answers every
// request with the same fixed JSON body, i.e. the least any server can do per request.
import { spawn } from 'node:child_process'

const SCRIPT = `
const body = process.argv[1]
const server = require('node:http').createServer((req, res) => {
  req.resume()
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body))
})
server.listen(0, '127.0.0.1', () => console.log(server.address().port))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
`

/** @param {string} body @param {Record<string, string>} env */
export async function startStaticServer(body, env) {
  const child = spawn(process.execPath, ['-e', SCRIPT, body], { env, stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').once('data', (d) => resolve(Number(d.trim())))
    child.once('exit', (code) => reject(new Error(`static server exited ${code}`)))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await exited
    },
  }
}

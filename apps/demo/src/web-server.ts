/**
 * A plain HTTP server for the page: the files esbuild wrote to dist/page, and endpoints.json, which tells
 * the page where the market's ws:// endpoints ended up (their ports may be ephemeral).
 */
import { readdir, readFile } from 'node:fs/promises'
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join } from 'node:path'

export interface WebServerOptions {
  /** A port number, or `*` for an ephemeral one. */
  port: string
  /** The directory holding index.html and the page's bundle. */
  pageDir: string
  /** What the page needs to know, asked on every request since the service starts after the server. */
  pageConfig: () => object
  log: (line: string) => void
}

export interface WebServer {
  url: string
  close(): Promise<void>
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  // Only the files present at start are served, by exact name: no path from a request reaches the disk.
  const files = new Set(await readdir(options.pageDir))
  if (!files.has('index.html')) throw new Error(`${options.pageDir} has no index.html: run the build first`)

  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end()
    } else if (path === '/endpoints.json') {
      send(response, 'application/json', JSON.stringify(options.pageConfig()))
    } else {
      const name = path === '/' ? 'index.html' : path.slice(1)
      if (!files.has(name)) return void response.writeHead(404).end('not found')
      const type = CONTENT_TYPES[extname(name)] ?? 'application/octet-stream'
      try {
        send(response, type, await readFile(join(options.pageDir, name)))
      } catch (error) {
        // Only if the file went away since start (a rebuild running, say).
        options.log(`cannot serve ${name}: ${error}`)
        response.writeHead(500).end()
      }
    }
  })

  const port = await listen(server, options.port === '*' ? 0 : Number(options.port)).catch((error) => {
    if (error.code !== 'EADDRINUSE' || options.port === '*') throw error
    options.log(`port ${options.port} is in use; serving the page on an ephemeral port instead`)
    return listen(server, 0)
  })
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // A browser keeps idle connections open; without this, close() would wait for them to time out.
        server.closeAllConnections()
      }),
  }
}

function send(response: ServerResponse, type: string, body: string | Buffer): void {
  // no-store: the page is rebuilt often while hacking on the demo, and endpoints.json changes per run.
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body)
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

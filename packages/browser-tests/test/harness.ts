import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { Socket, SocketEventType } from '@zmtp/patterns'
import { requirePeer } from '@zmtp/test-peers'
import { type Browser, chromium, type Page } from 'playwright-core'
import { installKit } from './page-kit.js'

export const CHROMIUM = '/usr/bin/chromium'

/**
 * `'run'` when Chromium is installed. Without it: under CI (`CI=true`) throws, failing the file;
 * elsewhere warns and returns `'skip'`.
 */
export function requireChromium(): 'run' | 'skip' {
  return requirePeer('Chromium', existsSync(CHROMIUM), `no browser at ${CHROMIUM} (apt-get install chromium)`)
}

/** One headless Chromium per test file, with `extraArgs` after the usual flags; its traffic stays on 127.0.0.1. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  })
}

const dist = (name: string) => fileURLToPath(new URL(`../dist/${name}`, import.meta.url))

export interface PageServer {
  /** `http://127.0.0.1:<port>`: the origin of the test page. */
  origin: string
  close(): Promise<void>
}

/**
 * Serves the test page and the bundle (dist/, built by scripts/bundle.mjs in the global setup) on
 * 127.0.0.1 at an ephemeral port.
 */
export async function startPageServer(): Promise<PageServer> {
  const files: Record<string, { type: string; body: Buffer }> = {
    '/': { type: 'text/html; charset=utf-8', body: readFileSync(dist('index.html')) },
    '/zmtp.browser.js': {
      type: 'text/javascript; charset=utf-8',
      body: readFileSync(dist('zmtp.browser.js')),
    },
  }
  // The secure page (--entry secure: PLAIN and CURVE registered) and the WebRTC page (--entry webrtc)
  // with their bundles, when built.
  for (const [page, bundle] of [
    ['secure.html', 'zmtp.secure.js'],
    ['webrtc.html', 'zmtp.webrtc.js'],
    ['majordomo.html', 'zmtp.majordomo.js'],
  ] as const) {
    if (!existsSync(dist(page))) continue
    files[`/${page}`] = { type: 'text/html; charset=utf-8', body: readFileSync(dist(page)) }
    files[`/${bundle}`] = { type: 'text/javascript; charset=utf-8', body: readFileSync(dist(bundle)) }
  }
  const server = createServer((request, response) => {
    const file = files[request.url ?? '']
    if (!file) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * A fresh page (in its own context) with the kit installed and a bundle loaded: `path` `/` is the page
 * without security (dist/zmtp.browser.js), `/secure.html` the one with PLAIN and CURVE. The page is
 * loaded once its bundle has set `globalThis[api]` (`zmtp`; the Majordomo page sets `mdp`).
 */
export async function openPage(browser: Browser, origin: string, path = '/', api = 'zmtp'): Promise<Page> {
  const page = await browser.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.addInitScript(installKit)
  await page.goto(`${origin}${path}`)
  try {
    // Each entry sets its global last, once every module of the bundle has run.
    await page.waitForFunction(
      (name) => typeof (globalThis as Record<string, unknown>)[name] === 'object',
      api,
      {
        timeout: 5000,
      },
    )
  } catch (error) {
    throw new Error(`the bundle did not load: ${errors.join('; ') || (error as Error).message}`)
  }
  return page
}

/** Closes the page's sockets, then the page (and its context). */
export async function closePage(page: Page | undefined): Promise<void> {
  if (!page || page.isClosed()) return
  await page.evaluate(() => kit.closeAll()).catch(() => {})
  await page.close()
}

/** Closes every Node socket given to `track` when `cleanup` runs (call it from afterEach). */
export function socketTracker() {
  const sockets: Socket[] = []
  return {
    track<T extends Socket>(socket: T): T {
      sockets.push(socket)
      return socket
    },
    cleanup(): void {
      for (const socket of sockets.splice(0)) socket.close()
    },
  }
}

/** Resolves with the next event of `type` on `socket`; rejects after `timeout` ms. */
export function nextEvent(socket: Socket, type: SocketEventType, timeout = 5000) {
  return new Promise<{ address?: string; error?: Error }>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.events.off(type, listener)
      reject(new Error(`no ${type} event within ${timeout} ms`))
    }, timeout)
    const listener = (event: { address?: string; error?: Error }) => {
      clearTimeout(timer)
      socket.events.off(type, listener)
      resolve(event)
    }
    socket.events.on(type, listener)
  })
}

/** A Node socket's monitor event as recorded: its type and, for errors, the error's code. */
export interface RecordedEvent {
  type: SocketEventType
  code?: string
}

/** Records a Node socket's monitor events, for assertions about what did and did not happen. */
export function recordEvents(socket: Socket): RecordedEvent[] {
  const events: RecordedEvent[] = []
  void (async () => {
    for await (const event of socket.events) {
      const code = (event.error as { code?: string } | undefined)?.code
      events.push(code === undefined ? { type: event.type } : { type: event.type, code })
    }
  })()
  return events
}

/** The types of recorded events, in order. */
export const types = (events: readonly { type: string }[]): string[] => events.map((event) => event.type)

/**
 * Sends with `send` until `receive` resolves: a subscription travels asynchronously, so a publisher
 * cannot know when a subscriber starts to match. Fails after `timeout` ms.
 */
export async function publishUntilReceived<T>(
  send: () => Promise<unknown>,
  receive: Promise<T>,
  timeout = 5000,
): Promise<T> {
  let done = false
  let failed: unknown
  const receiving = receive.then(
    (value) => {
      done = true
      return value
    },
    (error: unknown) => {
      done = true
      failed = error
    },
  )
  const deadline = Date.now() + timeout
  while (!done) {
    if (Date.now() > deadline) throw new Error(`nothing received within ${timeout} ms`)
    await send()
    await Promise.race([receiving, new Promise((resolve) => setTimeout(resolve, 10))])
  }
  if (failed !== undefined) throw failed
  return (await receiving) as T
}

const decoder = new TextDecoder()

/** Frames as text, for readable assertions. */
export function text(frames: Uint8Array[]): string[] {
  return frames.map((frame) => decoder.decode(frame))
}

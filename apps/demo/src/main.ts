/**
 * The zmtp showcase: a market service reached by a Node client over tcp:// and by a browser page over
 * ws://, with the same sockets and the same protobuf schema on every side.
 *
 *   node dist/main.js          run until Ctrl-C; open the printed URL
 *   node dist/main.js --once   run the service and the Node client once, check the page, exit (CI)
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { type SignalingServer, startSignalingServer } from '@zmtp/webrtc-signal'
import { checkChat } from './chat-check.js'
import { readConfig } from './config.js'
import { MarketService } from './market-service.js'
import { checkPage, checkWebSocket } from './once-check.js'
import { startWebServer, type WebServer } from './web-server.js'

/** What --once may take at most; it normally needs a second or two. */
const ONCE_DEADLINE_MS = 15_000

const config = readConfig()
const log = (line: string) => console.log(`[market] ${line}`)
const started = performance.now()

let market: MarketService | undefined
let web: WebServer | undefined
/** Introduces the chat's browser tabs to each other (WebRTC signaling); it carries no chat messages. */
let signaling: SignalingServer | undefined
let client: ChildProcess | undefined
let stopping = false
/** Stops the checks of --once still running when the demo stops. */
const checks = new AbortController()

async function stop(exitCode: number): Promise<void> {
  if (stopping) return
  stopping = true
  process.exitCode = exitCode
  client?.kill()
  checks.abort()
  await market?.close()
  signaling?.close()
  await web?.close()
  // Everything is closed, so the process ends by itself; this only reports a handle left open by mistake.
  setTimeout(() => {
    console.error('[market] something is still open after 2 s; exiting anyway')
    process.exit(exitCode)
  }, 2000).unref()
}

function fail(error: unknown): void {
  console.error(`[market] failed: ${error instanceof Error ? error.message : error}`)
  void stop(1)
}

/** Runs the Node client as a child process: it reaches the service over real TCP, like any program. */
function startClient(ticks: string, quotes: string): Promise<number | null> {
  const script = fileURLToPath(new URL('./client-process.js', import.meta.url))
  client = spawn(process.execPath, [script, ticks, quotes], { stdio: ['ignore', 'inherit', 'inherit'] })
  return new Promise((resolve, reject) => {
    client!.once('error', reject)
    client!.once('exit', (code) => resolve(code))
  })
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      log(`${signal}: closing`)
      void stop(0)
    })
  }

  // The web server starts first: its origin is the one the ws:// endpoints let browsers in from.
  web = await startWebServer({
    port: config.httpPort,
    pageDir: fileURLToPath(new URL('./page/', import.meta.url)),
    pageConfig: () => ({
      ticks: market?.endpoints.wsTicks,
      quotes: market?.endpoints.wsQuotes,
      signal: signaling?.endpoints[0],
    }),
    log,
  })
  const httpPort = new URL(web.url).port
  market = await MarketService.start({
    tcpPort: config.tcpPort,
    wsPort: config.wsPort,
    // Any other site open in the same browser could otherwise connect to a service on localhost.
    origins: [`http://127.0.0.1:${httpPort}`, `http://localhost:${httpPort}`],
    log,
  })
  signaling = await startSignalingServer({ bind: ['ws://127.0.0.1:*/signal'] })
  const { tcpTicks, tcpQuotes, wsTicks, wsQuotes } = market.endpoints
  log(`ticks  on ${tcpTicks} and ${wsTicks}`)
  log(`quotes on ${tcpQuotes} and ${wsQuotes}`)
  log(`page   on ${web.url}`)
  log(
    `chat   on ${web.url}chat.html#a and #b (browser to browser over WebRTC; signaling on ${signaling.endpoints[0]})`,
  )

  if (!config.once) {
    // The client prints a few ticks and quotes, then leaves the service to the browser.
    const code = await startClient(tcpTicks, tcpQuotes)
    if (stopping) return
    if (code !== 0) log(`the Node client exited with ${code}; the service keeps running`)
    console.log(`\n  Open ${web.url} in a browser to see the ticks live. Ctrl-C stops.\n`)
    return
  }

  const deadline = setTimeout(() => fail(`not done within ${ONCE_DEADLINE_MS / 1000} s`), ONCE_DEADLINE_MS)
  const [code, page, webSocket, chat] = await Promise.all([
    startClient(tcpTicks, tcpQuotes),
    checkPage(web.url),
    checkWebSocket(wsTicks, wsQuotes, checks.signal),
    checkChat(web.url, signaling.endpoints[0]!),
  ]).finally(() => clearTimeout(deadline))
  if (code !== 0) throw new Error(`the Node client exited with ${code}`)
  log(page)
  log(webSocket)
  log(chat)
  log(`--once passed in ${Math.round(performance.now() - started)} ms`)
  await stop(0)
}

main().catch(fail)

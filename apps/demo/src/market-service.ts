/**
 * The market service: a Publisher streaming ticks and a Router answering quote requests, each bound on
 * tcp:// (for Node and native ZeroMQ programs) and on ws:// (for browser pages). The sockets do not care
 * which transport a peer came in on: one loop serves both.
 */
import { ErrorCode, isZmtpError, type Message, Publisher, Router } from '@zmtp/patterns'
import { tcp } from '@zmtp/transport-tcp'
import { type OriginPolicy, ws } from '@zmtp/transport-ws'
import { bindOrEphemeral, portOf } from './bind.js'
import { Market } from './prices.js'
import { type QuoteRequest, quoteCodec, quoteRequestCodec, tickCodec } from './schema.js'

/** Four rounds of ticks a second: lively on the page, and --once has its ticks within a second. */
const TICK_INTERVAL_MS = 250

export interface MarketOptions {
  /** A port number, or `*` for an ephemeral one. Ticks go out on it, quotes are answered on the next. */
  tcpPort: string
  /** A port number or `*`. Ticks and quotes share it, on the paths /market and /quotes. */
  wsPort: string
  /** The browser origins allowed to connect over ws://. */
  origins: OriginPolicy
  log: (line: string) => void
}

/** The addresses actually bound, with real ports. */
export interface MarketEndpoints {
  tcpTicks: string
  tcpQuotes: string
  wsTicks: string
  wsQuotes: string
}

export class MarketService {
  readonly endpoints: MarketEndpoints
  readonly #publisher: Publisher
  readonly #router: Router
  readonly #market = new Market()
  readonly #ticker: ReturnType<typeof setInterval>
  readonly #serving: Promise<void>
  readonly #log: (line: string) => void

  private constructor(
    publisher: Publisher,
    router: Router,
    endpoints: MarketEndpoints,
    options: MarketOptions,
  ) {
    this.#publisher = publisher
    this.#router = router
    this.endpoints = endpoints
    this.#log = options.log
    this.#ticker = setInterval(() => this.#publishTicks(), TICK_INTERVAL_MS)
    this.#serving = this.#answerQuotes()
  }

  static async start(options: MarketOptions): Promise<MarketService> {
    const { log } = options
    const transports = [tcp(), ws({ origins: options.origins })]
    // linger 0: on shutdown, ticks and quotes still queued for slow peers are worth nothing; drop them.
    const publisher = new Publisher({ transports, linger: 0 })
    const router = new Router({ transports, linger: 0 })
    try {
      const tcpTicks = await bindOrEphemeral(publisher, `tcp://127.0.0.1:${options.tcpPort}`, log)
      const quotesPort = options.tcpPort === '*' ? '*' : String(Number(options.tcpPort) + 1)
      const tcpQuotes = await bindOrEphemeral(router, `tcp://127.0.0.1:${quotesPort}`, log)
      const wsTicks = await bindOrEphemeral(publisher, `ws://127.0.0.1:${options.wsPort}/market`, log)
      // Same port, another path: the two sockets share one HTTP server, which routes each upgrade by path.
      await router.bind(`ws://127.0.0.1:${portOf(wsTicks)}/quotes`)
      const wsQuotes = router.lastEndpoint!
      return new MarketService(publisher, router, { tcpTicks, tcpQuotes, wsTicks, wsQuotes }, options)
    } catch (error) {
      publisher.close()
      router.close()
      throw error
    }
  }

  /** Stops publishing and answering, and drops every connection. */
  async close(): Promise<void> {
    clearInterval(this.#ticker)
    this.#publisher.close()
    this.#router.close()
    await this.#serving
  }

  #publishTicks(): void {
    for (const tick of this.#market.step()) {
      // The topic is the symbol, so subscribers filter by symbol without decoding anything.
      // A Publisher never waits: a subscriber that cannot keep up misses ticks instead of slowing the rest.
      this.#publisher
        .send([tick.symbol, tickCodec.encode(tick)])
        .catch((error) => this.#log(`tick lost: ${error}`))
    }
  }

  async #answerQuotes(): Promise<void> {
    try {
      // The iteration ends when the socket closes.
      for await (const message of this.#router) await this.#answer(message)
    } catch (error) {
      if (!isZmtpError(error, ErrorCode.Closed)) this.#log(`quotes stopped: ${error}`)
    }
  }

  async #answer(message: Message): Promise<void> {
    // A Router receives [peer id, ...envelope, body]: a Request adds an empty delimiter part, a Dealer adds
    // nothing. Sending the same parts back before the answer routes it to that peer and satisfies either.
    const envelope = message.slice(0, -1)
    let request: QuoteRequest
    try {
      request = quoteRequestCodec.decode(message.at(-1)!)
    } catch (error) {
      // A peer sending garbage must not stop the service for everyone else.
      this.#log(`ignored a malformed quote request: ${error}`)
      return
    }
    const quote = this.#market.quote(request)
    const answer = quote.error ? quote.error : `bid ${quote.bid} ask ${quote.ask}`
    this.#log(`quote #${request.id} ${request.symbol} x${request.quantity}: ${answer}`)
    await this.#router.send([...envelope, quoteCodec.encode(quote)])
  }
}

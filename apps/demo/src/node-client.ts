/**
 * A Node client of the market over tcp://: it follows a couple of symbols and asks for a few quotes, as a
 * trading program would. It uses only the endpoints it is given, so it could as well be on another machine.
 */
import { Request, Subscriber } from '@zmtp/patterns'
import { tcp } from '@zmtp/transport-tcp'
import { type QuoteRequest, quoteCodec, quoteRequestCodec, tickCodec } from './schema.js'

export interface NodeClientOptions {
  ticksEndpoint: string
  quotesEndpoint: string
  /** Symbols to subscribe to. */
  symbols: string[]
  /** How many ticks to print before asking for quotes. */
  ticks: number
  /** Quote requests to send, one after the other. */
  quotes: Omit<QuoteRequest, 'id'>[]
  log: (line: string) => void
}

export interface NodeClientResult {
  ticks: number
  quotes: number
}

export async function runNodeClient(options: NodeClientOptions): Promise<NodeClientResult> {
  const { log } = options
  const subscriber = new Subscriber({ transports: [tcp()] })
  // A Request waits for ever by default; a demo should rather fail loudly when the service is gone.
  const request = new Request({ transports: [tcp()], receiveTimeout: 5000 })
  const result: NodeClientResult = { ticks: 0, quotes: 0 }
  try {
    subscriber.connect(options.ticksEndpoint)
    request.connect(options.quotesEndpoint)
    subscriber.subscribe(...options.symbols)
    log(`subscribed to ${options.symbols.join(', ')} on ${options.ticksEndpoint}`)

    while (result.ticks < options.ticks) {
      const [topic, body] = await subscriber.receive()
      const tick = tickCodec.decode(body!)
      log(`tick  ${new TextDecoder().decode(topic)} ${tick.price} (${tick.size} traded)`)
      result.ticks++
    }

    for (const [index, wanted] of options.quotes.entries()) {
      const id = index + 1
      await request.send(quoteRequestCodec.encode({ id, ...wanted }))
      const [body] = await request.receive()
      const quote = quoteCodec.decode(body!)
      const answer = quote.error ? `error: ${quote.error}` : `bid ${quote.bid} / ask ${quote.ask}`
      log(`quote #${quote.id} ${quote.symbol} x${quote.quantity}: ${answer}`)
      result.quotes++
    }
    return result
  } finally {
    subscriber.close()
    request.close()
  }
}

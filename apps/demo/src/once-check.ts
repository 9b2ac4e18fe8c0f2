/**
 * The checks of `--once` beyond the Node client: the page is served, and the ws:// endpoints the page
 * would use answer. The browser itself is not started here (CI has none to spare); a Node socket over the
 * Node ws() transport speaks the same ZMTP over WebSocket.
 */
import { Dealer, Subscriber } from '@zmtp/patterns'
import { ws } from '@zmtp/transport-ws'
import { quoteCodec, quoteRequestCodec, tickCodec } from './schema.js'

/** Fetches the page, its script and endpoints.json; throws unless all are there. */
export async function checkPage(url: string): Promise<string> {
  const html = await fetchText(url, 'text/html')
  const script = /<script[^>]+src="\.?\/?([^"]+)"/.exec(html)?.[1]
  if (!script) throw new Error('the page has no script')
  const code = await fetchText(new URL(script, url).href, 'text/javascript')
  const endpoints = JSON.parse(await fetchText(new URL('endpoints.json', url).href, 'application/json'))
  if (!String(endpoints.ticks).startsWith('ws://'))
    throw new Error('endpoints.json has no ws:// ticks endpoint')
  return `page served: index.html ${html.length} B, ${script} ${code.length} B, endpoints.json`
}

/** One tick and one quote over ws://, as the page gets them. Aborting closes the sockets at once. */
export async function checkWebSocket(
  ticksEndpoint: string,
  quotesEndpoint: string,
  signal: AbortSignal,
): Promise<string> {
  const subscriber = new Subscriber({ transports: [ws()], receiveTimeout: 5000 })
  const dealer = new Dealer({ transports: [ws()], receiveTimeout: 5000 })
  // When another check fails first, sockets still waiting to reconnect would keep the process alive.
  const close = () => {
    subscriber.close()
    dealer.close()
  }
  signal.addEventListener('abort', close)
  try {
    subscriber.connect(ticksEndpoint)
    subscriber.subscribe()
    dealer.connect(quotesEndpoint)
    const [, tickBody] = await subscriber.receive()
    const tick = tickCodec.decode(tickBody!)
    await dealer.send(quoteRequestCodec.encode({ id: 1, symbol: tick.symbol, quantity: 1 }))
    const [quoteBody] = await dealer.receive()
    const quote = quoteCodec.decode(quoteBody!)
    if (quote.id !== 1 || quote.error)
      throw new Error(`unexpected quote over ws://: ${JSON.stringify(quote)}`)
    return `ws:// works: tick ${tick.symbol} ${tick.price}, quote bid ${quote.bid} / ask ${quote.ask}`
  } finally {
    signal.removeEventListener('abort', close)
    close()
  }
}

async function fetchText(url: string, type: string): Promise<string> {
  const response = await fetch(url)
  const contentType = response.headers.get('content-type') ?? ''
  if (!response.ok || !contentType.startsWith(type)) {
    throw new Error(`GET ${url}: ${response.status} ${contentType}, expected 200 ${type}`)
  }
  return response.text()
}

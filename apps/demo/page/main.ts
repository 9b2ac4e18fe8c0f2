/**
 * The browser side: the same socket classes as in Node, with the browser ws() transport (the bundler picks
 * it), talking to the market service over ws://. Plain DOM, so that the zmtp part stays in view.
 */
import { Dealer, type Socket, Subscriber } from '@zmtp/patterns'
import { ws } from '@zmtp/transport-ws'
import { type Quote, quoteCodec, quoteRequestCodec, type Tick, tickCodec } from '../src/schema.js'

/** Written by the service's web server: the ports may be ephemeral, so the page cannot guess them. */
interface Endpoints {
  ticks: string
  quotes: string
}

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T

const endpoints = (await (await fetch('/endpoints.json')).json()) as Endpoints

// While the service is down, back off up to 5 s between attempts instead of retrying every 100 to 200 ms.
const options = { transports: [ws()], reconnectMaxInterval: 5000 }

const subscriber = new Subscriber(options)
showStatus(subscriber, element('ticks-status'))
subscriber.connect(endpoints.ticks)
// No topic: every symbol. A page showing one symbol would subscribe to it and the service would filter.
subscriber.subscribe()
element('ticks-endpoint').textContent = `a Subscriber on ${endpoints.ticks}`

// A Dealer rather than a Request: several quote requests may be in flight at once, and the answers are
// matched by the id the service echoes back.
const dealer = new Dealer(options)
showStatus(dealer, element('quotes-status'))
dealer.connect(endpoints.quotes)
element('quotes-endpoint').textContent = `a Dealer on ${endpoints.quotes}`

interface Row {
  last: number
  ticks: number
  cells: Record<'price' | 'change' | 'size' | 'ticks' | 'time', HTMLTableCellElement>
}
const rows = new Map<string, Row>()

function addRow(symbol: string, firstPrice: number): Row {
  const tr = element<HTMLTableSectionElement>('board').insertRow()
  tr.dataset.symbol = symbol
  const [name, price, change, size, ticks, time] = Array.from({ length: 6 }, () => tr.insertCell())
  name.textContent = symbol
  element<HTMLSelectElement>('symbol').add(new Option(symbol))
  return { last: firstPrice, ticks: 0, cells: { price, change, size, ticks, time } }
}

function showTick(tick: Tick): void {
  let row = rows.get(tick.symbol)
  if (!row) rows.set(tick.symbol, (row = addRow(tick.symbol, tick.price)))
  const { cells } = row
  const change = tick.price - row.last
  cells.price.textContent = String(tick.price)
  cells.change.textContent = `${change >= 0 ? '+' : ''}${((change / row.last) * 100).toFixed(3)}%`
  cells.change.className = cells.price.className = change > 0 ? 'up' : change < 0 ? 'down' : ''
  cells.size.textContent = String(tick.size)
  cells.ticks.textContent = String(++row.ticks)
  cells.time.textContent = new Date(tick.time).toLocaleTimeString()
  row.last = tick.price
}

let nextId = 1
const pending = new Map<number, HTMLLIElement>()

async function askQuote(symbol: string, quantity: number): Promise<void> {
  const id = nextId++
  const item = document.createElement('li')
  item.textContent = `#${id} ${symbol} x${quantity}: waiting…`
  element('quotes').prepend(item)
  pending.set(id, item)
  // A Dealer sends the body as is; the Router in front of it sees [our routing id, body] and answers alike.
  await dealer.send(quoteRequestCodec.encode({ id, symbol, quantity }))
}

function showQuote(quote: Quote): void {
  const item = pending.get(quote.id)
  if (!item) return
  pending.delete(quote.id)
  const answer = quote.error ? `error: ${quote.error}` : `bid ${quote.bid} / ask ${quote.ask}`
  item.textContent = `#${quote.id} ${quote.symbol} x${quote.quantity}: ${answer}`
  item.className = quote.error ? 'error' : 'answered'
}

element<HTMLFormElement>('quote-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const symbol = element<HTMLSelectElement>('symbol').value
  const quantity = Number(element<HTMLInputElement>('quantity').value)
  if (symbol && quantity > 0) void askQuote(symbol, quantity)
})
element('quote-all').addEventListener('click', () => {
  const quantity = Number(element<HTMLInputElement>('quantity').value) || 1
  for (const symbol of rows.keys()) void askQuote(symbol, quantity)
})

/** Shows on the page what the socket's monitor events say about its connection. */
function showStatus(socket: Socket, badge: HTMLElement): void {
  socket.events.on('handshake', () => {
    badge.textContent = 'connected'
    badge.dataset.state = 'connected'
  })
  socket.events.on('disconnect', () => {
    // The socket reconnects by itself; the page only has to say so.
    badge.textContent = 'reconnecting…'
    badge.dataset.state = 'disconnected'
  })
}

// Both loops run until the page goes away; a socket survives the service restarting.
void (async () => {
  for await (const [, body] of subscriber) showTick(tickCodec.decode(body!))
})()
void (async () => {
  for await (const [body] of dealer) showQuote(quoteCodec.decode(body!))
})()

/**
 * A make-believe market: a random walk per symbol. It knows nothing about sockets or encodings, so the
 * service around it shows only what zmtp does.
 */
import type { Quote, QuoteRequest, Tick } from './schema.js'

/** Starting prices. No symbol is a prefix of another, so subscribing to one never matches a second. */
const OPENING: Record<string, number> = {
  EURUSD: 1.0842,
  GBPUSD: 1.2715,
  USDJPY: 151.37,
  BTCUSD: 67250,
  ETHUSD: 3480,
}

/** Half the bid/ask spread, as a fraction of the price. */
const HALF_SPREAD = 0.0002

export class Market {
  readonly #prices = new Map(Object.entries(OPENING))

  get symbols(): string[] {
    return [...this.#prices.keys()]
  }

  /** Moves every price a little and returns one tick per symbol. */
  step(now = Date.now()): Tick[] {
    return this.symbols.map((symbol) => {
      const last = this.#prices.get(symbol)!
      // Up to ±0.05% per step: visible on the page without running off within a demo's lifetime.
      const price = round(last * (1 + (Math.random() - 0.5) * 0.001), last)
      this.#prices.set(symbol, price)
      return { symbol, price, size: 1 + Math.floor(Math.random() * 100), time: now }
    })
  }

  quote(request: QuoteRequest, now = Date.now()): Quote {
    const { id, symbol, quantity } = request
    const price = this.#prices.get(symbol)
    if (price === undefined)
      return { id, symbol, quantity, bid: 0, ask: 0, time: now, error: 'unknown symbol' }
    // Larger orders get a wider spread, as a dealer would charge for the risk.
    const halfSpread = price * HALF_SPREAD * (1 + Math.log10(Math.max(1, quantity)))
    return {
      id,
      symbol,
      quantity,
      bid: round(price - halfSpread, price),
      ask: round(price + halfSpread, price),
      time: now,
      error: '',
    }
  }
}

/** Rounds to 6 significant digits of the reference price (1.08421, 151.372), as such prices are shown. */
function round(value: number, reference: number): number {
  const decimals = Math.max(0, 5 - Math.floor(Math.log10(reference)))
  const factor = 10 ** decimals
  return Math.round(value * factor) / factor
}

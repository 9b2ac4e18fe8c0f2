/**
 * The market's wire format, shared by the Node service, the Node client and the browser page.
 *
 * The schema is built with protobufjs's reflection API rather than generated code, so there is no codegen
 * step and the same module is compiled by tsc for Node and bundled by esbuild for the page. The light build
 * is enough for reflection; it leaves out the .proto parser, which keeps the page bundle smaller.
 */
import protobuf from 'protobufjs/light.js'

const { Field, Root, Type } = protobuf

/** One price update, published under the topic of its symbol. */
export interface Tick {
  symbol: string
  price: number
  /** Units traded at that price. */
  size: number
  /** Milliseconds since the epoch; a double keeps it a plain number (uint64 would decode to a Long). */
  time: number
}

/** A request for a two-way price; `id` lets a Dealer with several requests in flight match the answers. */
export interface QuoteRequest {
  id: number
  symbol: string
  quantity: number
}

/** The answer to a QuoteRequest; `error` is set (and the prices are 0) when the symbol is unknown. */
export interface Quote {
  id: number
  symbol: string
  quantity: number
  bid: number
  ask: number
  time: number
  error: string
}

const tickType = new Type('Tick')
  .add(new Field('symbol', 1, 'string'))
  .add(new Field('price', 2, 'double'))
  .add(new Field('size', 3, 'uint32'))
  .add(new Field('time', 4, 'double'))

const quoteRequestType = new Type('QuoteRequest')
  .add(new Field('id', 1, 'uint32'))
  .add(new Field('symbol', 2, 'string'))
  .add(new Field('quantity', 3, 'uint32'))

const quoteType = new Type('Quote')
  .add(new Field('id', 1, 'uint32'))
  .add(new Field('symbol', 2, 'string'))
  .add(new Field('quantity', 3, 'uint32'))
  .add(new Field('bid', 4, 'double'))
  .add(new Field('ask', 5, 'double'))
  .add(new Field('time', 6, 'double'))
  .add(new Field('error', 7, 'string'))

// Types resolve their fields through a root; one namespace also gives them their full names (market.Tick).
new Root().define('market').add(tickType).add(quoteRequestType).add(quoteType)

/** Encoder and decoder for one message type, typed for the rest of the demo. */
export interface Codec<T> {
  encode(value: T): Uint8Array
  decode(bytes: Uint8Array): T
}

function codec<T extends object>(type: protobuf.Type): Codec<T> {
  return {
    encode: (value) => type.encode(type.fromObject(value)).finish(),
    // `defaults` fills fields that were not on the wire: proto3 omits zeros and empty strings.
    decode: (bytes) => type.toObject(type.decode(bytes), { defaults: true }) as T,
  }
}

export const tickCodec = codec<Tick>(tickType)
export const quoteRequestCodec = codec<QuoteRequest>(quoteRequestType)
export const quoteCodec = codec<Quote>(quoteType)

import type { Client, RequestOptions } from './client.js'
import type { Worker } from './worker.js'

/** Turns values of one type into a message part and back. */
export interface Codec<T> {
  encode(value: T): Uint8Array
  decode(bytes: Uint8Array): T
}

/**
 * The part of a protobufjs message class (`Type`, or a class made by `pbjs -t static-module`) that a codec
 * needs. protobufjs is not a dependency: any object of this shape works.
 */
export interface ProtobufType<T> {
  encode(message: T): { finish(): Uint8Array }
  decode(bytes: Uint8Array): T
}

/** A {@link Codec} for a protobufjs message type. */
export function protobufCodec<T>(type: ProtobufType<T>): Codec<T> {
  return {
    encode: (value) => type.encode(value).finish(),
    decode: (bytes) => type.decode(bytes),
  }
}

/** A service whose request and reply bodies are one part each, typed through codecs. */
export interface TypedService<Req, Res> {
  readonly name: string
  /** Sends a typed request through `client` and decodes the reply's first part. */
  call(client: Client, request: Req, options?: RequestOptions): Promise<Res>
  /** Answers requests from `worker` with `handler` until the worker closes. */
  serve(worker: Worker, handler: (request: Req) => Res | Promise<Res>): Promise<void>
}

/** Binds a service name to the codecs of its request and reply. */
export function typedService<Req, Res>(
  name: string,
  codecs: { request: Codec<Req>; reply: Codec<Res> },
): TypedService<Req, Res> {
  return {
    name,
    async call(client, request, options) {
      const [part] = await client.request(name, codecs.request.encode(request), options)
      return codecs.reply.decode(part ?? new Uint8Array(0))
    },
    async serve(worker, handler) {
      for await (const request of worker) {
        const value = codecs.request.decode(request.body[0] ?? new Uint8Array(0))
        await request.reply(codecs.reply.encode(await handler(value)))
      }
    },
  }
}

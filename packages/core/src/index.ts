/**
 * @zmtp/core: the ZeroMQ wire protocol (ZMTP 3.1 and ZWS 2.0) for TypeScript, browser-safe.
 *
 * It holds the codec (frames, greeting, commands, metadata), the security mechanisms, the per-connection
 * protocol engine, the helpers transports parse their endpoint URLs with, and the transport interface.
 * Most applications use the sockets in `@zmtp/patterns` instead; this package is for transports and tools
 * that speak ZMTP directly.
 *
 * @example
 * ```ts
 * import { encodeMessage, FrameDecoder } from '@zmtp/core'
 *
 * const bytes = encodeMessage([new TextEncoder().encode('hello')])
 * new FrameDecoder((flags, body) => console.log(flags, body)).push(bytes)
 * ```
 *
 * @packageDocumentation
 */

export * from './codec/command.js'
export * from './codec/frame.js'
export * from './codec/frame-decoder.js'
export * from './codec/frame-encoder.js'
export * from './codec/greeting.js'
export * from './codec/metadata.js'
export * from './codec/z85.js'
export * from './crypto/box.js'
export * from './crypto/keys.js'
export * from './crypto/noble-crypto.js'
export * from './endpoint/endpoint.js'
export * from './endpoint/host-port.js'
export { isIpv4, isIpv6 } from './endpoint/ip.js'
export * from './endpoint/url.js'
export * from './engine/engine.js'
export * from './engine/options.js'
export * from './errors.js'
export * from './mechanisms/curve-mechanism.js'
export * from './mechanisms/mechanism.js'
export * from './mechanisms/null-mechanism.js'
export * from './mechanisms/plain-mechanism.js'
export * from './mechanisms/refuse.js'
export * from './mechanisms/zap.js'
export * from './socket-types.js'
export * from './transport/abort.js'
export * from './transport/registry.js'
export * from './transport/system-error.js'
export * from './transport/transport.js'
export * from './util/bytes.js'
export * from './util/emitter.js'
export * from './util/timers.js'

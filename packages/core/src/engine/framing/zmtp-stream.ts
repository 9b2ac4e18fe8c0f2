import { FrameDecoder } from '../../codec/frame-decoder.js'
import { encodeGreeting, GreetingDecoder } from '../../codec/greeting.js'
import { ErrorCode, ProtocolError } from '../../errors.js'
import type { FramingHost, FramingSettings, FramingStrategy } from './framing.js'

/**
 * ZMTP 3.x over a byte stream (TCP, IPC, a data channel): the 64-octet greeting each way, then frames
 * with size headers, cut anywhere by the transport.
 * @internal
 */
export class StreamFraming implements FramingStrategy {
  readonly #host: FramingHost
  readonly #settings: FramingSettings
  /** Only while the peer's greeting is arriving: idle connections should not keep it. */
  #greeting: GreetingDecoder | null = null
  #greeted = false
  #peerMinor = 1
  readonly #decoder: FrameDecoder
  /** {@inheritDoc FramingStrategy.framesAsIs} */
  readonly framesAsIs = true

  constructor(host: FramingHost, settings: FramingSettings) {
    this.#host = host
    this.#settings = settings
    this.#decoder = new FrameDecoder(host.frame, { maxFrameSize: settings.maxMessageSize })
  }

  get mechanismName(): string {
    return this.#settings.mechanism.name
  }

  /** ZMTP 3.0 peers (libzmq up to 4.3.2) know only the data-message form. */
  get subscriptionCommands(): boolean {
    return this.#peerMinor >= 1
  }

  start(): void {
    const { mechanism, minorVersion } = this.#settings
    this.#host.output.writeRaw(
      encodeGreeting({ mechanism: mechanism.name, asServer: mechanism.asServer, minor: minorVersion ?? 1 }),
    )
  }

  receive(chunk: Uint8Array): void {
    let offset = 0
    if (!this.#greeted) {
      this.#greeting ??= new GreetingDecoder()
      offset = this.#greeting.push(chunk)
      const greeting = this.#greeting.greeting
      if (!greeting) return
      this.#greeting = null
      const ours = this.#settings.mechanism.name
      if (greeting.mechanism !== ours) {
        throw new ProtocolError(
          ErrorCode.MechanismMismatch,
          `peer uses mechanism ${JSON.stringify(greeting.mechanism)}, we use ${ours}`,
        )
      }
      this.#greeted = true
      // A later major version is bound to speak 3.1 to us (RFC 23's version negotiation).
      this.#peerMinor = greeting.major > 3 ? 1 : greeting.minor
      this.#host.startHandshake(this.#peerMinor)
      if (offset === chunk.length) return
    }
    this.#decoder.push(offset === 0 ? chunk : chunk.subarray(offset))
  }

  readAdvice(minimum: number, limit: number): Uint8Array | number | undefined {
    return this.#greeted ? this.#decoder.readAdvice(minimum, limit) : undefined
  }

  write(flags: number, body: Uint8Array): void {
    this.#host.output.writeFrame(flags, body)
  }
}

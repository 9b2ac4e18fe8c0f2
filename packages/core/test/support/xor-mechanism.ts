/**
 * A test-only security mechanism, "XOR", shaped like CURVE without the cryptography: a READY exchange as
 * NULL has, then every frame in both directions, data and commands alike, travels as a MESSAGE command
 * whose body is the frame's flags octet (MORE 0x01, COMMAND 0x02) and its body XORed with a key. Nothing
 * of the original frame stays readable on the wire, so a test can tell whether the engine wrapped and
 * unwrapped a frame. `accept` plays the part of ZAP: it may answer later, or refuse. A server with
 * `accept` sends its READY only once it has accepted, as libzmq's NULL with ZAP does, so that a refused
 * client is still in its handshake when the ERROR arrives; every other side sends READY at once.
 */
import {
  type Command,
  CommandName,
  decodeCommand,
  decodeError,
  decodeReady,
  ErrorCode,
  encodeCommand,
  encodeReady,
  type FlagsAndBody,
  FrameFlags,
  type Mechanism,
  type MechanismContext,
  type MechanismHandshake,
  type Metadata,
  PeerError,
  ProtocolError,
  refusePeer,
} from '../../src/index.js'

export const XOR_MESSAGE = 'MESSAGE'
const MORE = 0x01
const COMMAND = 0x02

export interface XorOptions {
  key: number
  /** Decides whether to let the peer in; a promise makes the handshake wait, as a ZAP request does. */
  accept?: (metadata: Metadata) => boolean | Promise<boolean>
}

export class XorMechanism implements Mechanism {
  readonly name = 'XOR'
  readonly asServer: boolean

  constructor(
    readonly options: XorOptions,
    asServer = false,
  ) {
    this.asServer = asServer
  }

  create(context: MechanismContext): MechanismHandshake {
    return new XorHandshake(context, this.options, this.asServer)
  }
}

class XorHandshake implements MechanismHandshake {
  #done = false
  readonly #readyFirst: boolean

  constructor(
    readonly context: MechanismContext,
    readonly options: XorOptions,
    asServer: boolean,
  ) {
    this.#readyFirst = !(asServer && options.accept)
  }

  start(): void {
    if (this.#readyFirst) this.context.send(encodeReady(this.context.metadata))
  }

  receive(command: Command): void | Promise<void> {
    if (command.name === CommandName.Error) throw new PeerError(decodeError(command.data))
    if (command.name !== CommandName.Ready || this.#done) {
      throw new ProtocolError(ErrorCode.MalformedCommand, `unexpected ${command.name} during XOR handshake`)
    }
    this.#done = true
    const metadata = decodeReady(command.data)
    this.context.checkPeerMetadata(metadata)
    const verdict = this.options.accept?.(metadata) ?? true
    if (typeof verdict === 'boolean') return this.#decide(verdict, metadata)
    return verdict.then((accepted) => this.#decide(accepted, metadata))
  }

  #decide(accepted: boolean, metadata: Metadata): void {
    if (!accepted) throw refusePeer(this.context, '400', 'XOR peer refused')
    if (!this.#readyFirst) this.context.send(encodeReady(this.context.metadata))
    this.context.complete(metadata, 'xor-user')
  }

  wrap(flags: number, body: Uint8Array): FlagsAndBody {
    return xorWrap(this.options.key, flags, body)
  }

  unwrap(flags: number, body: Uint8Array): FlagsAndBody {
    return xorUnwrap(this.options.key, flags, body)
  }
}

/** What the XOR mechanism puts on the wire for one frame. */
export function xorWrap(key: number, flags: number, body: Uint8Array): FlagsAndBody {
  const sealed = new Uint8Array(1 + body.length)
  sealed[0] = (flags & FrameFlags.More ? MORE : 0) | (flags & FrameFlags.Command ? COMMAND : 0)
  for (let i = 0; i < body.length; i++) sealed[1 + i] = body[i]! ^ key
  return [FrameFlags.Command, encodeCommand(XOR_MESSAGE, sealed)]
}

/** The frame inside one that the XOR mechanism put on the wire. */
export function xorUnwrap(key: number, flags: number, body: Uint8Array): FlagsAndBody {
  const command = decodeCommand(body)
  if (!(flags & FrameFlags.Command) || command.name !== XOR_MESSAGE || command.data.length === 0) {
    throw new ProtocolError(ErrorCode.MalformedCommand, 'XOR expected a MESSAGE command')
  }
  const inner = command.data
  const opened = new Uint8Array(inner.length - 1)
  for (let i = 0; i < opened.length; i++) opened[i] = inner[1 + i]! ^ key
  const innerFlags = (inner[0]! & MORE ? FrameFlags.More : 0) | (inner[0]! & COMMAND ? FrameFlags.Command : 0)
  return [innerFlags, opened]
}

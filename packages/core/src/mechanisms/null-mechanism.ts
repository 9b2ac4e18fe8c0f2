import { type Command, CommandName, decodeError, decodeReady, encodeReady } from '../codec/command.js'
import { ErrorCode, PeerError, ProtocolError } from '../errors.js'
import type { Mechanism, MechanismContext, MechanismHandshake } from './mechanism.js'

/**
 * The NULL mechanism (RFC 23/37): each side sends READY with its properties and waits for the peer's.
 * libzmq sends READY at once on both sides, whatever the 3.1 text says about ordering, so we do too.
 */
export class NullMechanism implements Mechanism {
  readonly name = 'NULL'
  readonly asServer = false

  create(context: MechanismContext): MechanismHandshake {
    return new NullHandshake(context)
  }
}

class NullHandshake implements MechanismHandshake {
  #done = false

  constructor(readonly context: MechanismContext) {}

  start(): void {
    this.context.send(encodeReady(this.context.metadata))
  }

  receive(command: Command): void {
    if (command.name === CommandName.Error) throw new PeerError(decodeError(command.data))
    if (command.name !== CommandName.Ready || this.#done) {
      throw new ProtocolError(ErrorCode.MalformedCommand, `unexpected ${command.name} during NULL handshake`)
    }
    const metadata = decodeReady(command.data)
    this.context.checkPeerMetadata(metadata)
    this.#done = true
    this.context.complete(metadata)
  }
}

/** The NULL mechanism, shared: it has no per-socket state. */
export const nullMechanism: Mechanism = new NullMechanism()

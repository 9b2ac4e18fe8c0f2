import { type Command, CommandName, decodeError, decodeReady } from '../../codec/command.js'
import { encodeMetadata, type Metadata } from '../../codec/metadata.js'
import { CURVE_KEY_BYTES, type CurveCrypto } from '../../crypto/box.js'
import { ErrorCode, PeerError, ProtocolError } from '../../errors.js'
import { type Authenticated, authenticatePeer, withAuthMetadata } from '../authenticate.js'
import type { FlagsAndBody, MechanismContext, MechanismHandshake } from '../mechanism.js'
import type { AuthOptions } from '../zap.js'
import {
  type CurveServerSession,
  decodeCurveHello,
  decodeCurveInitiate,
  encodeCurveReady,
  encodeCurveWelcome,
  type RawKeyPair,
} from './commands.js'
import { NonceCounter, NoncePrefix, PeerNonce } from './nonce.js'
import { CurveTraffic } from './traffic.js'
import { transientKeyPair } from './transient.js'

enum State {
  ExpectHello,
  ExpectInitiate,
  Authenticating,
  Done,
}

/**
 * One connection's CURVE handshake on the server side: WELCOME for a HELLO that opens under our secret
 * key, then, for an INITIATE with our cookie and a valid vouch, authentication and READY. Each connection
 * gets its own transient key pair and its own cookie key, as in libzmq.
 */
export class CurveServerHandshake implements MechanismHandshake {
  #state = State.ExpectHello
  readonly #counter = new NonceCounter()
  readonly #peerNonce = new PeerNonce()
  #session: CurveServerSession | null = null
  #traffic: CurveTraffic | null = null

  constructor(
    readonly context: MechanismContext,
    readonly server: RawKeyPair,
    readonly options: AuthOptions,
    readonly crypto: CurveCrypto,
  ) {}

  start(): void {
    // The client speaks first.
  }

  receive(command: Command): void | Promise<void> {
    if (this.#state === State.ExpectHello && command.name === CommandName.Hello) {
      const hello = decodeCurveHello(this.crypto, command.data, this.server.secretKey)
      this.#peerNonce.advance(hello.shortNonce)
      const transient = transientKeyPair(this.crypto)
      const cookieKey = this.crypto.randomBytes(CURVE_KEY_BYTES)
      this.#session = {
        cookieKey,
        clientTransientKey: hello.clientTransientKey,
        transient,
        serverKey: this.server.publicKey,
      }
      this.#state = State.ExpectInitiate
      this.context.send(
        encodeCurveWelcome(this.crypto, hello.clientTransientKey, hello.helloKey, transient, cookieKey),
      )
      return
    }
    if (this.#state === State.ExpectInitiate && command.name === CommandName.Initiate) {
      const initiate = decodeCurveInitiate(this.crypto, command.data, this.#session!)
      if (!this.#peerNonce.advance(initiate.shortNonce)) {
        throw new ProtocolError(ErrorCode.ReplayedNonce, 'CURVE INITIATE nonce is not above the HELLO nonce')
      }
      const metadata = decodeReady(initiate.metadata)
      this.context.checkPeerMetadata(metadata)
      this.#state = State.Authenticating
      const verdict = authenticatePeer(this.context, this.options, 'CURVE', [initiate.clientKey])
      if (verdict instanceof Promise) {
        return verdict.then((accepted) => this.#ready(initiate.sessionKey, metadata, accepted))
      }
      this.#ready(initiate.sessionKey, metadata, verdict)
      return
    }
    if (command.name === CommandName.Error && this.#state !== State.Done) {
      throw new PeerError(decodeError(command.data))
    }
    throw new ProtocolError(ErrorCode.MalformedCommand, `unexpected ${command.name} during CURVE handshake`)
  }

  #ready(sessionKey: Uint8Array, metadata: Metadata, authenticated: Authenticated): void {
    const session = this.#session!
    this.context.send(
      encodeCurveReady(this.crypto, sessionKey, this.#counter.next(), encodeMetadata(this.context.metadata)),
    )
    this.#state = State.Done
    // Nothing needs the cookie key or s' any more: the session key replaces them.
    session.cookieKey.fill(0)
    session.transient.secretKey.fill(0)
    this.#session = null
    this.#traffic = new CurveTraffic(
      this.crypto,
      sessionKey,
      NoncePrefix.MessageFromServer,
      NoncePrefix.MessageFromClient,
      this.#counter,
      this.#peerNonce,
    )
    this.context.complete(withAuthMetadata(metadata, authenticated), authenticated.userId)
  }

  wrap(flags: number, body: Uint8Array): FlagsAndBody {
    return this.#traffic!.wrap(flags, body)
  }

  unwrap(flags: number, body: Uint8Array): FlagsAndBody {
    return this.#traffic!.unwrap(flags, body)
  }
}

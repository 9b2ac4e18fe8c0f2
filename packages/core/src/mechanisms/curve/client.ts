import { type Command, CommandName, decodeError, decodeReady } from '../../codec/command.js'
import { encodeMetadata } from '../../codec/metadata.js'
import type { CurveCrypto } from '../../crypto/box.js'
import { ErrorCode, PeerError, ProtocolError } from '../../errors.js'
import type { FlagsAndBody, MechanismContext, MechanismHandshake } from '../mechanism.js'
import {
  decodeCurveReady,
  decodeCurveWelcome,
  encodeCurveHello,
  encodeCurveInitiate,
  type RawKeyPair,
} from './commands.js'
import { NonceCounter, NoncePrefix, PeerNonce } from './nonce.js'
import { CurveTraffic } from './traffic.js'
import { transientKeyPair } from './transient.js'

/** What a CURVE client needs, as raw bytes. */
export interface CurveClientKeys {
  client: RawKeyPair
  serverKey: Uint8Array
}

enum State {
  ExpectWelcome,
  ExpectReady,
  Done,
}

/** One connection's CURVE handshake on the client side: HELLO, then INITIATE once WELCOME arrives. */
export class CurveClientHandshake implements MechanismHandshake {
  #state = State.ExpectWelcome
  readonly #transient: RawKeyPair
  readonly #counter = new NonceCounter()
  readonly #peerNonce = new PeerNonce()
  #helloKey: Uint8Array | null = null
  #sessionKey: Uint8Array | null = null
  #traffic: CurveTraffic | null = null

  constructor(
    readonly context: MechanismContext,
    readonly keys: CurveClientKeys,
    readonly crypto: CurveCrypto,
  ) {
    this.#transient = transientKeyPair(crypto)
  }

  start(): void {
    try {
      this.#helloKey = this.crypto.sharedKey(this.keys.serverKey, this.#transient.secretKey)
    } catch {
      throw new ProtocolError(ErrorCode.DecryptFailed, 'the CURVE server key is not a usable public key')
    }
    this.context.send(encodeCurveHello(this.crypto, this.#helloKey, this.#transient, this.#counter.next()))
  }

  receive(command: Command): void {
    if (command.name === CommandName.Error && this.#state !== State.Done) {
      throw new PeerError(decodeError(command.data))
    }
    if (this.#state === State.ExpectWelcome && command.name === CommandName.Welcome) {
      const welcome = decodeCurveWelcome(this.crypto, command.data, this.#helloKey!)
      const sessionKey = this.crypto.sharedKey(welcome.serverTransientKey, this.#transient.secretKey)
      this.#sessionKey = sessionKey
      this.#state = State.ExpectReady
      this.context.send(
        encodeCurveInitiate(this.crypto, {
          cookie: welcome.cookie,
          shortNonce: this.#counter.next(),
          sessionKey,
          client: this.keys.client,
          clientTransientKey: this.#transient.publicKey,
          serverKey: this.keys.serverKey,
          serverTransientKey: welcome.serverTransientKey,
          metadata: encodeMetadata(this.context.metadata),
        }),
      )
      return
    }
    if (this.#state === State.ExpectReady && command.name === CommandName.Ready) {
      const sessionKey = this.#sessionKey!
      const ready = decodeCurveReady(this.crypto, command.data, sessionKey)
      this.#peerNonce.advance(ready.shortNonce)
      const metadata = decodeReady(ready.metadata)
      this.context.checkPeerMetadata(metadata)
      this.#state = State.Done
      this.#transient.secretKey.fill(0)
      this.#helloKey?.fill(0)
      this.#traffic = new CurveTraffic(
        this.crypto,
        sessionKey,
        NoncePrefix.MessageFromClient,
        NoncePrefix.MessageFromServer,
        this.#counter,
        this.#peerNonce,
      )
      this.context.complete(metadata)
      return
    }
    throw new ProtocolError(ErrorCode.MalformedCommand, `unexpected ${command.name} during CURVE handshake`)
  }

  wrap(flags: number, body: Uint8Array): FlagsAndBody {
    return this.#traffic!.wrap(flags, body)
  }

  unwrap(flags: number, body: Uint8Array): FlagsAndBody {
    return this.#traffic!.unwrap(flags, body)
  }
}

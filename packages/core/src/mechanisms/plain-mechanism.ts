import { type Command, CommandName, decodeError, decodeReady, encodeReady } from '../codec/command.js'
import { AuthError, ErrorCode, PeerError, ProtocolError } from '../errors.js'
import { utf8Encode } from '../util/bytes.js'
import { type Authenticated, authenticatePeer, withAuthMetadata } from './authenticate.js'
import type { Mechanism, MechanismContext, MechanismHandshake } from './mechanism.js'
import {
  decodePlainHello,
  encodePlainHello,
  encodePlainInitiate,
  encodePlainWelcome,
  type PlainCredentials,
} from './plain-commands.js'
import type { AuthOptions } from './zap.js'

/** The client side of PLAIN: credentials (`ZMQ_PLAIN_USERNAME`, `ZMQ_PLAIN_PASSWORD`). */
export interface PlainClientOptions {
  asServer?: false
  /** At most 255 octets as UTF-8. */
  username: string | Uint8Array
  /** At most 255 octets as UTF-8. Sent in the clear: use PLAIN only on a trusted or encrypted link. */
  password: string | Uint8Array
}

/**
 * The server side of PLAIN (`ZMQ_PLAIN_SERVER`): who may connect is up to `authenticate`. Without it
 * every client is refused, as libzmq 4.3 refuses PLAIN clients when no ZAP handler is bound (it closes
 * the connection without an ERROR, and so do we); checking nothing would make the password pointless.
 */
export interface PlainServerOptions extends AuthOptions {
  asServer: true
}

export type PlainOptions = PlainClientOptions | PlainServerOptions

/**
 * The PLAIN mechanism (RFC 24, as libzmq runs it): the client sends HELLO with a username and password,
 * the server answers WELCOME (or ERROR when authentication refuses), the client sends INITIATE with its
 * properties and the server READY with its own. Nothing is encrypted. The role comes from the options,
 * not from which side binds.
 */
export class PlainMechanism implements Mechanism {
  readonly name = 'PLAIN'
  readonly asServer: boolean
  readonly #options: PlainOptions
  readonly #credentials: PlainCredentials | null

  constructor(options: PlainOptions) {
    this.#options = options
    this.asServer = options.asServer === true
    if (options.asServer === true) {
      this.#credentials = null
    } else {
      const credentials = { username: bytesOf(options.username), password: bytesOf(options.password) }
      if (credentials.username.length > 255 || credentials.password.length > 255) {
        throw new TypeError('PLAIN username and password must be at most 255 octets each')
      }
      this.#credentials = credentials
    }
  }

  create(context: MechanismContext): MechanismHandshake {
    if (this.#credentials !== null) return new PlainClientHandshake(context, this.#credentials)
    return new PlainServerHandshake(context, this.#options as PlainServerOptions)
  }
}

enum ClientState {
  ExpectWelcome,
  ExpectReady,
  Done,
}

class PlainClientHandshake implements MechanismHandshake {
  #state = ClientState.ExpectWelcome

  constructor(
    readonly context: MechanismContext,
    readonly credentials: PlainCredentials,
  ) {}

  start(): void {
    this.context.send(encodePlainHello(this.credentials))
  }

  receive(command: Command): void {
    if (command.name === CommandName.Error && this.#state !== ClientState.Done) {
      throw new PeerError(decodeError(command.data))
    }
    if (this.#state === ClientState.ExpectWelcome && command.name === CommandName.Welcome) {
      if (command.data.length !== 0) throw unexpected('WELCOME with data')
      this.#state = ClientState.ExpectReady
      this.context.send(encodePlainInitiate(this.context.metadata))
      return
    }
    if (this.#state === ClientState.ExpectReady && command.name === CommandName.Ready) {
      const metadata = decodeReady(command.data)
      this.context.checkPeerMetadata(metadata)
      this.#state = ClientState.Done
      this.context.complete(metadata)
      return
    }
    throw unexpected(command.name)
  }
}

enum ServerState {
  ExpectHello,
  Authenticating,
  ExpectInitiate,
  Done,
}

class PlainServerHandshake implements MechanismHandshake {
  #state = ServerState.ExpectHello
  #authenticated: Authenticated = { metadata: [] }

  constructor(
    readonly context: MechanismContext,
    readonly options: PlainServerOptions,
  ) {}

  start(): void {
    // The client speaks first.
  }

  receive(command: Command): void | Promise<void> {
    if (this.#state === ServerState.ExpectHello && command.name === CommandName.Hello) {
      const { username, password } = decodePlainHello(command.data)
      this.#state = ServerState.Authenticating
      if (this.options.authenticate === undefined) {
        throw new AuthError(
          ErrorCode.AuthFailed,
          'PLAIN server has no authenticator: every client is refused',
        )
      }
      const verdict = authenticatePeer(this.context, this.options, 'PLAIN', [username, password])
      if (verdict instanceof Promise) return verdict.then((accepted) => this.#welcome(accepted))
      this.#welcome(verdict)
      return
    }
    if (this.#state === ServerState.ExpectInitiate && command.name === CommandName.Initiate) {
      const metadata = decodeReady(command.data)
      this.context.checkPeerMetadata(metadata)
      this.#state = ServerState.Done
      this.context.send(encodeReady(this.context.metadata))
      this.context.complete(withAuthMetadata(metadata, this.#authenticated), this.#authenticated.userId)
      return
    }
    if (command.name === CommandName.Error) throw new PeerError(decodeError(command.data))
    throw unexpected(command.name)
  }

  #welcome(authenticated: Authenticated): void {
    this.#authenticated = authenticated
    this.#state = ServerState.ExpectInitiate
    this.context.send(encodePlainWelcome())
  }
}

function unexpected(what: string): ProtocolError {
  return new ProtocolError(ErrorCode.MalformedCommand, `unexpected ${what} during PLAIN handshake`)
}

function bytesOf(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? utf8Encode(value) : value.slice()
}

import {
  type Authenticate,
  ErrorCode,
  type Mechanism,
  type MechanismContext,
  type MechanismHandshake,
  SocketError,
  type ZapRequest,
} from '@zmtp/core'
import { askInprocZap, inprocZapBound } from './inproc-zap.js'
import { mechanismFactory } from './registry.js'
import { type SecurityOptions, securityOptionNames } from './security-options.js'

/** The options a socket's mechanism is made from. */
export interface SecuritySettings extends SecurityOptions {
  /** The low-level escape hatch: used as it is when given. */
  mechanism?: Mechanism
}

interface Cached {
  values: unknown[]
  mechanism: Mechanism | undefined
}

/** The mechanism last made for each options object, with the option values it was made from. */
const made = new WeakMap<object, Cached>()

/**
 * The mechanism a socket's new connections run, made from its security options (undefined: NULL). Made
 * again only when one of those options changed since, so a CURVE key is decoded once, not per connection.
 *
 * @throws {@link SocketError} `EINVAL` when the options do not make a mechanism (a CURVE server without
 * its secret key, a CURVE client without its key pair); `ENOTSUP` when they ask for PLAIN or CURVE and
 * `@zmtp/patterns/security` was not imported (browser bundles); a ZmtpError `ERR_INVALID_Z85` for a
 * malformed key.
 * Messages name the option, never a key or password.
 */
export function mechanismOf(options: Readonly<SecuritySettings>): Mechanism | undefined {
  if (options.mechanism !== undefined) return options.mechanism
  const values = securityOptionNames.map((name) => options[name])
  const cached = made.get(options)
  if (cached?.values.every((value, i) => value === values[i])) return cached.mechanism
  const mechanism = makeMechanism(options)
  made.set(options, { values, mechanism })
  return mechanism
}

function makeMechanism(options: Readonly<SecurityOptions>): Mechanism | undefined {
  const zapDomain = options.zapDomain
  if (options.curveServer === true) {
    const curve = mechanismFactory('CURVE')
    const secretKey = required(options.curveSecretKey, 'curveServer needs curveSecretKey')
    const publicKey = options.curvePublicKey
    return new ZapRoutedMechanism(
      (authenticate) => curve({ asServer: true, secretKey, publicKey, zapDomain, authenticate }),
      options.zap,
    )
  }
  if (options.curveServerKey !== undefined) {
    return mechanismFactory('CURVE')({
      publicKey: required(options.curvePublicKey, 'a CURVE client needs curvePublicKey'),
      secretKey: required(options.curveSecretKey, 'a CURVE client needs curveSecretKey'),
      serverKey: options.curveServerKey,
    })
  }
  if (options.plainServer === true) {
    const plain = mechanismFactory('PLAIN')
    return new ZapRoutedMechanism(
      (authenticate) => plain({ asServer: true, zapDomain, authenticate }),
      options.zap,
    )
  }
  if (options.plainUsername !== undefined || options.plainPassword !== undefined) {
    return mechanismFactory('PLAIN')({
      username: options.plainUsername ?? '',
      password: options.plainPassword ?? '',
    })
  }
  return undefined
}

function required<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new SocketError(ErrorCode.InvalidArgument, message)
  return value
}

/**
 * A server mechanism whose authenticator is settled per connection, as libzmq settles it per session:
 * the socket's `zap` handler, else the handler bound at `inproc://zeromq.zap.01` when there is one at
 * that moment, else none (PLAIN then refuses, CURVE accepts).
 */
class ZapRoutedMechanism implements Mechanism {
  readonly name: string
  readonly asServer = true
  readonly #withHandler: Mechanism
  readonly #withoutHandler: Mechanism
  readonly #ownHandler: boolean

  constructor(make: (authenticate?: Authenticate) => Mechanism, zap: Authenticate | undefined) {
    const handler = zap ?? askInprocZap
    this.#ownHandler = zap !== undefined
    this.#withHandler = make((request: ZapRequest) =>
      handler({ ...request, address: zapAddressOf(request.address) }),
    )
    this.#withoutHandler = make(undefined)
    this.name = this.#withHandler.name
  }

  create(context: MechanismContext): MechanismHandshake {
    const chosen = this.#ownHandler || inprocZapBound() ? this.#withHandler : this.#withoutHandler
    return chosen.create(context)
  }
}

/**
 * The peer's address as libzmq puts it in a ZAP request: the IP address alone for tcp and ws
 * (`tcp://127.0.0.1:5555` gives `127.0.0.1`), the rest of the URL for other transports.
 */
export function zapAddressOf(peerAddress: string): string {
  const match = /^(?:tcp|wss?):\/\/(?:\[([^\]]*)\]|([^:/]*))/.exec(peerAddress)
  if (match) return match[1] ?? match[2] ?? ''
  const scheme = peerAddress.indexOf('://')
  return scheme >= 0 ? peerAddress.slice(scheme + 3) : peerAddress
}

/** The name of the mechanism `options` select, in lower case; null for NULL (ZMQ_MECHANISM). */
export function mechanismNameOf(options: Readonly<SecuritySettings>): string | null {
  if (options.mechanism) return options.mechanism.name.toLowerCase()
  if (options.curveServer || options.curveServerKey !== undefined) return 'curve'
  if (options.plainServer || options.plainUsername !== undefined || options.plainPassword !== undefined) {
    return 'plain'
  }
  return null
}

import { decodeCurveKey } from '../codec/z85.js'
import type { CurveCrypto } from '../crypto/box.js'
import type { CurveKey } from '../crypto/keys.js'
import { nobleCurveCrypto } from '../crypto/noble-crypto.js'
import { ErrorCode, ZmtpError } from '../errors.js'
import { CurveClientHandshake, type CurveClientKeys } from './curve/client.js'
import type { RawKeyPair } from './curve/commands.js'
import { sameBytes } from './curve/commands.js'
import { CurveServerHandshake } from './curve/server.js'
import type { Mechanism, MechanismContext, MechanismHandshake } from './mechanism.js'
import type { AuthOptions } from './zap.js'

/** The client side of CURVE: its permanent key pair and the server's public key. */
export interface CurveClientOptions {
  asServer?: false
  /** Our permanent public key (`ZMQ_CURVE_PUBLICKEY`). */
  publicKey: CurveKey
  /** Our permanent secret key (`ZMQ_CURVE_SECRETKEY`). */
  secretKey: CurveKey
  /** The server's permanent public key (`ZMQ_CURVE_SERVERKEY`): a server without its secret key cannot answer. */
  serverKey: CurveKey
  /** The primitives to use; pure JavaScript by default. Tests pass one with fixed random bytes. */
  crypto?: CurveCrypto
}

/** The server side of CURVE (`ZMQ_CURVE_SERVER`): who may connect is up to `authenticate`. */
export interface CurveServerOptions extends AuthOptions {
  asServer: true
  /** Our permanent secret key (`ZMQ_CURVE_SECRETKEY`). */
  secretKey: CurveKey
  /** Our permanent public key (`ZMQ_CURVE_PUBLICKEY`); derived from the secret key when left out. */
  publicKey?: CurveKey
  crypto?: CurveCrypto
}

export type CurveOptions = CurveClientOptions | CurveServerOptions

/**
 * The CURVE mechanism (CurveZMQ, RFC 26, as libzmq 4.3 runs it): a handshake that authenticates the
 * server by its permanent key and the client by its own, with forward secrecy from per-connection
 * transient keys; then every frame, commands included, travels encrypted in a MESSAGE command. The role
 * comes from the options (`asServer`), not from which side binds. Keys are checked when it is made.
 *
 * @throws {@link ZmtpError} `ERR_INVALID_Z85` for a malformed key, `EINVAL` for a public key that does not
 * belong to the secret key.
 */
export class CurveMechanism implements Mechanism {
  readonly name = 'CURVE'
  readonly asServer: boolean
  readonly #crypto: CurveCrypto
  readonly #keys: RawKeyPair
  readonly #serverKey: Uint8Array | null
  readonly #auth: AuthOptions

  constructor(options: CurveOptions) {
    this.asServer = options.asServer === true
    this.#crypto = options.crypto ?? nobleCurveCrypto
    const secretKey = decodeKey(options.secretKey, 'secretKey')
    const publicKey = this.#crypto.publicKey(secretKey)
    if (options.publicKey !== undefined && !sameBytes(decodeKey(options.publicKey, 'publicKey'), publicKey)) {
      throw new ZmtpError(ErrorCode.InvalidArgument, 'the CURVE public key does not belong to the secret key')
    }
    this.#keys = { publicKey, secretKey }
    if (options.asServer === true) {
      this.#serverKey = null
      this.#auth = { authenticate: options.authenticate, zapDomain: options.zapDomain }
    } else {
      this.#serverKey = decodeKey(options.serverKey, 'serverKey')
      this.#auth = {}
    }
  }

  create(context: MechanismContext): MechanismHandshake {
    if (this.#serverKey === null)
      return new CurveServerHandshake(context, this.#keys, this.#auth, this.#crypto)
    const keys: CurveClientKeys = { client: this.#keys, serverKey: this.#serverKey }
    return new CurveClientHandshake(context, keys, this.#crypto)
  }
}

/**
 * A key option as 32 bytes. The Z85 decoder's message quotes the offending characters, which for a secret
 * key would put part of it in an error (and a log): ours names only the option.
 */
function decodeKey(key: CurveKey, option: string): Uint8Array {
  try {
    return decodeCurveKey(key)
  } catch {
    throw new ZmtpError(
      ErrorCode.InvalidZ85,
      `CURVE ${option} must be 32 bytes or 40 Z85 characters (41 with a trailing NUL)`,
    )
  }
}

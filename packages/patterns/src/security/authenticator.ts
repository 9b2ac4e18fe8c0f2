import {
  type Authenticate,
  type CurveKey,
  utf8Decode,
  type ZapReply,
  type ZapRequest,
  z85Decode,
  z85Encode,
} from '@zmtp/core'

/** What an {@link Authenticator} starts with; each list can be changed afterwards. */
export interface AuthenticatorOptions {
  /** Peer IP addresses let through; when any is given, every other address is refused. */
  allow?: Iterable<string>
  /** Peer IP addresses refused (ignored while an allow list is set, as in pyzmq's authenticator). */
  deny?: Iterable<string>
  /** PLAIN usernames and their passwords. */
  plainUsers?: Iterable<[string, string]> | Record<string, string>
  /** CURVE client public keys let in (Z85 or 32 bytes). */
  curveKeys?: Iterable<CurveKey>
  /** Let every CURVE client in that completes the handshake (encryption without client authentication). */
  anyCurveKey?: boolean
}

/**
 * A ready-made ZAP handler with allow and deny lists, as pyzmq's and zeromq.js users know them: pass
 * `authenticator.authenticate` as a server socket's `zap` option, or serve it to every socket of the
 * process at `inproc://zeromq.zap.01`. The user id of an admitted peer is its PLAIN username, or its
 * CURVE public key in Z85.
 */
export class Authenticator {
  readonly allowed = new Set<string>()
  readonly denied = new Set<string>()
  readonly plainUsers = new Map<string, string>()
  /** Admitted CURVE client keys, in Z85. */
  readonly curveKeys = new Set<string>()
  anyCurveKey: boolean

  constructor(options: AuthenticatorOptions = {}) {
    for (const address of options.allow ?? []) this.allowed.add(address)
    for (const address of options.deny ?? []) this.denied.add(address)
    const users = options.plainUsers ?? []
    const entries = Symbol.iterator in users ? users : Object.entries(users)
    for (const [name, password] of entries as Iterable<[string, string]>) this.plainUsers.set(name, password)
    for (const key of options.curveKeys ?? []) this.allowCurveKey(key)
    this.anyCurveKey = options.anyCurveKey === true
  }

  /** Admits a CURVE client key (Z85 or 32 bytes). */
  allowCurveKey(key: CurveKey): this {
    this.curveKeys.add(typeof key === 'string' ? z85Encode(z85Decode(key)) : z85Encode(key))
    return this
  }

  /** The handler: bound, so it can be passed on as it is. */
  readonly authenticate: Authenticate = (request: ZapRequest): ZapReply => {
    if (this.allowed.size > 0 ? !this.allowed.has(request.address) : this.denied.has(request.address)) {
      return { status: '400', statusText: 'address not allowed' }
    }
    if (request.mechanism === 'PLAIN') {
      const [username, password] = request.credentials
      const name = username === undefined ? '' : utf8Decode(username)
      const expected = this.plainUsers.get(name)
      if (expected === undefined || password === undefined || utf8Decode(password) !== expected) {
        return { status: '400', statusText: 'invalid username or password' }
      }
      return { status: '200', statusText: 'OK', userId: name }
    }
    if (request.mechanism === 'CURVE') {
      const key = request.credentials[0]
      const text = key?.length === 32 ? z85Encode(key) : ''
      if (!this.anyCurveKey && !this.curveKeys.has(text)) {
        return { status: '400', statusText: 'unknown key' }
      }
      return { status: '200', statusText: 'OK', userId: text }
    }
    return { status: '200', statusText: 'OK' }
  }
}

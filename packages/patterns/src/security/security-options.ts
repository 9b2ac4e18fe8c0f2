import type { Authenticate, CurveKey } from '@zmtp/core'

/**
 * The security options every socket takes, named as zeromq.js names them. They choose the mechanism
 * the socket's connections run (inproc connections run none, as in libzmq): CURVE when `curveServer`
 * or `curveServerKey` is set, else PLAIN when `plainServer` or `plainUsername` is set, else NULL. The
 * low-level `mechanism` option, when given, takes precedence over all of them.
 */
export interface SecurityOptions {
  /** Play the PLAIN server: check clients' usernames and passwords with the ZAP handler (ZMQ_PLAIN_SERVER). */
  plainServer?: boolean
  /** The PLAIN client's username, at most 255 octets (ZMQ_PLAIN_USERNAME). */
  plainUsername?: string
  /** The PLAIN client's password, at most 255 octets; it crosses the wire in the clear (ZMQ_PLAIN_PASSWORD). */
  plainPassword?: string
  /** Play the CURVE server; needs `curveSecretKey` (ZMQ_CURVE_SERVER). */
  curveServer?: boolean
  /** This socket's long-term CURVE public key, 40 Z85 characters or 32 bytes (ZMQ_CURVE_PUBLICKEY). */
  curvePublicKey?: CurveKey
  /** This socket's long-term CURVE secret key, 40 Z85 characters or 32 bytes (ZMQ_CURVE_SECRETKEY). */
  curveSecretKey?: CurveKey
  /** The server's CURVE public key: setting it makes this socket a CURVE client (ZMQ_CURVE_SERVERKEY). */
  curveServerKey?: CurveKey
  /** The ZAP domain sent with this server socket's authentication requests (ZMQ_ZAP_DOMAIN). */
  zapDomain?: string
  /**
   * An in-process ZAP handler for this server socket: called once per connecting PLAIN or CURVE peer
   * before the handshake completes; status `'200'` lets the peer in, `'300'`, `'400'` or `'500'` refuse
   * it. Without one, the handler bound at `inproc://zeromq.zap.01` in this process is asked, if any
   * (libzmq's convention); with neither, a PLAIN server refuses every client and a CURVE server accepts
   * every client that completes the handshake, as libzmq 4.3 does. No libzmq counterpart.
   */
  zap?: Authenticate
}

/** The names of {@link SecurityOptions}, for the socket's property accessors. */
export const securityOptionNames: readonly (keyof SecurityOptions)[] = [
  'plainServer',
  'plainUsername',
  'plainPassword',
  'curveServer',
  'curvePublicKey',
  'curveSecretKey',
  'curveServerKey',
  'zapDomain',
  'zap',
]

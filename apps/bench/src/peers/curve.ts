/**
 * CURVE for the benchmark workers: the case hands both sides the same key pairs, and each worker turns
 * them into socket options (the same names in zmtp and zeromq.js). The side that binds plays the server.
 */
import type { SocketSettings } from './socket-lib.js'

/** The key pairs of one CURVE measurement, as Z85 strings. */
export interface CurveKeys {
  serverPublicKey: string
  serverSecretKey: string
  clientPublicKey: string
  clientSecretKey: string
}

/** Options for a socket on the binding (server) or connecting (client) side; none without keys. */
export function curveOptions(keys: CurveKeys | undefined, binds: boolean): SocketSettings {
  if (keys === undefined) return {}
  return binds
    ? { curveServer: true, curveSecretKey: keys.serverSecretKey }
    : {
        curveServerKey: keys.serverPublicKey,
        curvePublicKey: keys.clientPublicKey,
        curveSecretKey: keys.clientSecretKey,
      }
}

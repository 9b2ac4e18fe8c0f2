import {
  CurveMechanism,
  curveKeyPair,
  decodeCurveKey,
  type Mechanism,
  PlainMechanism,
  type ZapRequest,
} from '@zmtp/core'
import { CliError } from '../cli-error.js'

/** The `--curve-*` and `--plain-*` flags. Without any, the socket uses NULL (no security). */
export interface SecurityFlags {
  curveServer?: boolean
  curveSecretKey?: string
  curvePublicKey?: string
  curveServerKey?: string
  curveAllow?: string[]
  plainServer?: boolean
  plainUser?: string
  plainPassword?: string
  plainAllow?: string[]
}

function keyBytes(key: string, option: string): Uint8Array {
  try {
    return decodeCurveKey(key)
  } catch {
    throw new CliError(
      'ERR_USAGE',
      `${option} is not a CURVE key`,
      'give 40 Z85 characters, as `zmtp keygen` prints',
    )
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((octet, i) => octet === b[i])
}

/** The mechanism the flags ask for, or undefined for NULL. Mixing CURVE and PLAIN flags is a usage error. */
export function mechanismFrom(flags: SecurityFlags): Mechanism | undefined {
  const curve = flags.curveServer || flags.curveServerKey !== undefined
  const plain = flags.plainServer || flags.plainUser !== undefined
  if (curve && plain)
    throw new CliError('ERR_USAGE', 'CURVE and PLAIN flags exclude each other', 'pick one mechanism')
  if (flags.curveServer) {
    if (flags.curveSecretKey === undefined) {
      throw new CliError(
        'ERR_USAGE',
        '--curve-server needs --curve-secret-key',
        'make a key pair with `zmtp keygen`',
      )
    }
    const allowed = (flags.curveAllow ?? []).map((key) => keyBytes(key, '--curve-allow'))
    return new CurveMechanism({
      asServer: true,
      secretKey: keyBytes(flags.curveSecretKey, '--curve-secret-key'),
      ...(allowed.length > 0
        ? {
            authenticate: (request: ZapRequest) =>
              allowed.some((key) => sameBytes(key, request.credentials[0] ?? new Uint8Array(0)))
                ? { status: '200' as const }
                : { status: '400' as const, statusText: 'key not allowed' },
          }
        : {}),
    })
  }
  if (flags.curveServerKey !== undefined) {
    // A client without keys of its own gets a fresh pair: the server then knows it by nothing else.
    const own =
      flags.curveSecretKey !== undefined && flags.curvePublicKey !== undefined
        ? { publicKey: flags.curvePublicKey, secretKey: flags.curveSecretKey }
        : curveKeyPair()
    return new CurveMechanism({
      serverKey: keyBytes(flags.curveServerKey, '--curve-server-key'),
      publicKey: keyBytes(own.publicKey, '--curve-public-key'),
      secretKey: keyBytes(own.secretKey, '--curve-secret-key'),
    })
  }
  if (flags.plainServer) {
    const allowed = new Set(flags.plainAllow ?? [])
    if (allowed.size === 0) {
      throw new CliError(
        'ERR_USAGE',
        '--plain-server needs --plain-allow user:password',
        'name who may connect',
      )
    }
    return new PlainMechanism({
      asServer: true,
      authenticate: (request) => {
        const [user, password] = request.credentials.map((c) => Buffer.from(c).toString())
        return allowed.has(`${user}:${password}`) ? { status: '200', userId: user } : { status: '400' }
      },
    })
  }
  if (flags.plainUser !== undefined) {
    return new PlainMechanism({ username: flags.plainUser, password: flags.plainPassword ?? '' })
  }
  return undefined
}

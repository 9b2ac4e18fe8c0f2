import { readFileSync } from 'node:fs'
import type { Transport } from '@zmtp/core'
import { tcp } from '@zmtp/transport-tcp'
import { ws } from '@zmtp/transport-ws'
import { CliError } from '../cli-error.js'

/** The TLS files `wss://` needs: a certificate and key to bind, a CA to trust when connecting. */
export interface TlsFlags {
  tlsCert?: string
  tlsKey?: string
  tlsCa?: string
  insecure?: boolean
}

function readPem(path: string, option: string): Buffer {
  try {
    return readFileSync(path)
  } catch (error) {
    throw new CliError(
      'ERR_USAGE',
      `cannot read ${option} ${path}: ${(error as Error).message}`,
      `give ${option} a readable PEM file`,
    )
  }
}

/** tcp:// and ipc:// from @zmtp/transport-tcp; ws:// and wss:// from @zmtp/transport-ws, with the TLS flags. */
export function transports(flags: TlsFlags): Transport[] {
  const tls =
    flags.tlsCert !== undefined || flags.tlsKey !== undefined
      ? {
          cert: flags.tlsCert !== undefined ? readPem(flags.tlsCert, '--tls-cert') : undefined,
          key: flags.tlsKey !== undefined ? readPem(flags.tlsKey, '--tls-key') : undefined,
        }
      : undefined
  const connectTls =
    flags.tlsCa !== undefined || flags.insecure
      ? {
          ...(flags.tlsCa !== undefined ? { ca: readPem(flags.tlsCa, '--tls-ca') } : {}),
          ...(flags.insecure ? { rejectUnauthorized: false } : {}),
        }
      : undefined
  return [tcp(), ws({ ...(tls ? { tls } : {}), ...(connectTls ? { connectTls } : {}) }) as Transport]
}

import { bytes, text, toParts } from '../bytes.js'
import type { Client, RequestOptions } from '../client.js'
import { MajordomoError, MajordomoErrorCode } from '../errors.js'
import type { Body } from '../worker.js'

/** What `titanic.reply` said about a request. */
export type TitanicResult =
  | { status: 'done'; reply: Uint8Array[] }
  | { status: 'pending' }
  | { status: 'unknown' }
  | { status: 'error'; detail: string }

/**
 * The client side of Titanic (RFC 9) over a Majordomo {@link Client}: `submit()` stores a request and
 * returns its id, `fetch()` asks for the reply, `close()` lets the server forget it.
 */
export class TitanicClient {
  constructor(
    readonly client: Client,
    readonly options: RequestOptions = {},
  ) {}

  /** Stores a request for `service`; resolves with its id once the server has it on disk. */
  async submit(service: string, body: Body): Promise<string> {
    const [status, id] = await this.client.request(
      'titanic.request',
      [bytes(service), ...toParts(body)],
      this.options,
    )
    if (!text(status).startsWith('200') || id === undefined) {
      throw new MajordomoError(MajordomoErrorCode.Titanic, `titanic.request answered ${text(status)}`)
    }
    return text(id)
  }

  /** Asks for the reply to request `id`. */
  async fetch(id: string): Promise<TitanicResult> {
    const [status, ...reply] = await this.client.request('titanic.reply', id, this.options)
    const code = text(status).slice(0, 3)
    if (code === '200') return { status: 'done', reply }
    if (code === '300') return { status: 'pending' }
    if (code === '400') return { status: 'unknown' }
    return { status: 'error', detail: text(status) }
  }

  /** Tells the server the reply was received, so it may delete request and reply. */
  async close(id: string): Promise<void> {
    const [status] = await this.client.request('titanic.close', id, this.options)
    if (!text(status).startsWith('200')) {
      throw new MajordomoError(MajordomoErrorCode.Titanic, `titanic.close answered ${text(status)}`)
    }
  }
}

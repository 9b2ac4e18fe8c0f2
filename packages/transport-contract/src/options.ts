import type { ErrorCode, Transport } from '@zmtp/core'
import type { Opened } from './harness.js'

/** The endpoints {@link transportContract} runs a transport with. */
export interface ContractEndpoints {
  /**
   * A fresh URL to listen on, ephemeral where the transport allows it (`tcp://127.0.0.1:*`,
   * `ipc://@contract-<unique>`), so that tests never collide. Must be on the loopback interface.
   */
  listen(): string
  /** URLs that must survive `parse` then `format` then `parse` unchanged. */
  samples: readonly string[]
  /** URLs that can be bound but never connected to: `parse(url, 'connect')` must throw. */
  bindOnly?: readonly string[]
  /** The code a dial to an address nobody listens on rejects with (default `ECONNREFUSED`). */
  refusedCode?: ErrorCode
}

/** What each group of cases gets: the transport to test, its endpoints, and the cleanup list. */
export interface ContractContext {
  factory: () => Transport
  endpoints: ContractEndpoints
  opened: Opened
}

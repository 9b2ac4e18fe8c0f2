/**
 * zeromq.js options with no counterpart here, accepted and kept so programs that set them keep running:
 * multicast (PGM/NORM), VMCI, GSSAPI, SOCKS, OS buffer sizes and TCP tuning that Node sets itself.
 * Each is type-checked as zeromq.js checks it and reads back what was set; none changes behaviour.
 * The package README lists them.
 */
export const inertOptions = {
  sendBufferSize: -1,
  receiveBufferSize: -1,
  multicastHops: 1,
  affinity: 0,
  rate: 100,
  recoveryInterval: 10_000,
  backlog: 100,
  tcpKeepalive: -1,
  tcpKeepaliveCount: -1,
  tcpKeepaliveIdle: -1,
  tcpKeepaliveInterval: -1,
  tcpAcceptFilter: null,
  typeOfService: 0,
  gssapiServer: false,
  gssapiPrincipal: null,
  gssapiServicePrincipal: null,
  gssapiPlainText: false,
  socksProxy: null,
  connectTimeout: 0,
  tcpMaxRetransmitTimeout: 0,
  multicastMaxTransportDataUnit: 1500,
  vmciBufferSize: 0,
  vmciBufferMinSize: 0,
  vmciBufferMaxSize: 0,
  vmciConnectTimeout: -1,
  interface: null,
  zapEnforceDomain: false,
  loopbackFastPath: false,
  ipv6: false,
} as const satisfies Record<string, number | boolean | string | null>

/** The inert options, typed for constructors. */
export type InertOptions = {
  [K in keyof typeof inertOptions]?: (typeof inertOptions)[K] extends number
    ? number
    : (typeof inertOptions)[K] extends boolean
      ? boolean
      : string | null
}

/** Checks `value` against the type of the option's default, with zeromq.js's messages. */
export function checkInert(name: string, value: unknown): void {
  const initial = (inertOptions as Record<string, unknown>)[name]
  if (typeof initial === 'number' && typeof value !== 'number') {
    throw new TypeError('Option value must be a number')
  }
  if (typeof initial === 'boolean' && typeof value !== 'boolean') {
    throw new TypeError('Option value must be a boolean')
  }
  if (initial === null && value != null && typeof value !== 'string' && !(value instanceof Uint8Array)) {
    throw new TypeError('Option value must be a string or buffer')
  }
}

/**
 * The libzmq version whose behaviour this package follows. zeromq.js reports the version of the libzmq
 * it links; programs compare it (`semver.satisfies(zmq.version, '>= 4.2')`) to pick features, and
 * every feature they test for at 4.3 works here.
 */
export const version = '4.3.5'

/**
 * Which transports and mechanisms are available, as zeromq.js reports libzmq's `zmq_has`: ipc, tcp,
 * ws and CURVE are; the multicast and VMCI transports, GSSAPI and the draft sockets are not.
 */
export const capability: Readonly<Partial<Record<string, boolean>>> = Object.freeze({
  ipc: true,
  pgm: false,
  tipc: false,
  norm: false,
  curve: true,
  gssapi: false,
  draft: false,
})

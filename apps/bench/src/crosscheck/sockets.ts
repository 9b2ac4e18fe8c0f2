/**
 * The cross-check's plain program for zmtp and zeromq.js (their APIs match): what a user would write to
 * measure either library, with none of the suite's harness (no role code, no line protocol, no shared
 * worker module). One process per side, started by run.ts:
 *
 *   node sockets.js <zmtp|zeromqjs> rep|pull - <size> <warmup> <count>   binds, prints its endpoint
 *   node sockets.js <zmtp|zeromqjs> req|push <endpoint> <size> <warmup> <count>
 *
 * The timing side (req, pull) prints one JSON line: {"events", "elapsedNs"} over `count` round trips or
 * messages after `warmup` untimed ones. The other side runs until it is killed.
 */

interface Socket {
  readonly lastEndpoint?: string | null
  bind(endpoint: string): Promise<void>
  connect(endpoint: string): void
  send(message: Uint8Array | Uint8Array[]): Promise<void>
  receive(): Promise<Uint8Array[]>
}
type Kind = 'Push' | 'Pull' | 'Request' | 'Reply'

async function library(name: string): Promise<(kind: Kind) => Socket> {
  if (name === 'zeromqjs') {
    const zmq = await import('zeromq')
    return (kind) => new zmq[kind]() as unknown as Socket
  }
  const patterns = await import('@zmtp/patterns')
  const { tcp } = await import('@zmtp/transport-tcp')
  const transports = [tcp()]
  return (kind) => new patterns[kind]({ transports }) as unknown as Socket
}

async function main(): Promise<void> {
  const [name, role, endpoint, size, warmup, count] = process.argv.slice(2)
  const create = await library(name!)
  if (role === 'rep' || role === 'pull') {
    const socket = create(role === 'rep' ? 'Reply' : 'Pull')
    await socket.bind('tcp://127.0.0.1:*')
    console.log(JSON.stringify({ endpoint: socket.lastEndpoint }))
    if (role === 'rep') for (;;) await socket.send(await socket.receive())
    const skip = 1 + Number(warmup)
    for (let i = 0; i < skip; i++) await socket.receive()
    const start = process.hrtime.bigint()
    for (let i = 0; i < Number(count); i++) await socket.receive()
    const elapsedNs = Number(process.hrtime.bigint() - start)
    console.log(JSON.stringify({ events: Number(count), elapsedNs }))
    return
  }
  const message = new Uint8Array(Number(size)).map((_, i) => i & 0xff)
  const socket = create(role === 'req' ? 'Request' : 'Push')
  socket.connect(endpoint!)
  if (role === 'push') for (;;) await socket.send(message)
  for (let i = 0; i < Number(warmup); i++) {
    await socket.send(message)
    await socket.receive()
  }
  const start = process.hrtime.bigint()
  for (let i = 0; i < Number(count); i++) {
    await socket.send(message)
    await socket.receive()
  }
  const elapsedNs = Number(process.hrtime.bigint() - start)
  console.log(JSON.stringify({ events: Number(count), elapsedNs }))
}

void main()

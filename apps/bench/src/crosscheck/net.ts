/**
 * The cross-check's plain program for raw `net`: the ping-pong and the stream a user would write, each
 * message a 4-octet length and its body, with no library and none of the suite's harness. Arguments and
 * output as in sockets.ts (`node net.js rep|pull - <size> <warmup> <count>`, `node net.js req|push <endpoint> <size> <warmup>
 * <count>`). The pusher writes bursts of 256 messages corked, and waits for `drain` when the socket asks it to.
 */
import { once } from 'node:events'
import { createServer, connect as dial, type Socket } from 'node:net'

/** Calls `onMessage` with each length-prefixed body in a stream of chunks. */
function reader(onMessage: (body: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0)
  return (chunk) => {
    let data: Buffer = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
    while (data.length >= 4 && data.length >= 4 + data.readUInt32BE(0)) {
      const end = 4 + data.readUInt32BE(0)
      onMessage(data.subarray(4, end))
      data = data.subarray(end)
    }
    pending = data
  }
}

function frame(body: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(4 + body.length)
  out.writeUInt32BE(body.length, 0)
  out.set(body, 4)
  return out
}

/** Messages written between a cork and its uncork. */
const BURST = 256

async function main(): Promise<void> {
  const [role, endpoint, size, warmup, count] = process.argv.slice(2)
  if (role === 'rep' || role === 'pull') {
    const skip = 1 + Number(warmup)
    const total = skip + Number(count)
    let seen = 0
    let start = 0n
    const server = createServer((socket) => {
      socket.setNoDelay(true)
      socket.on(
        'data',
        reader((body) => {
          if (role === 'rep') {
            socket.write(frame(body))
            return
          }
          if (++seen === skip) start = process.hrtime.bigint()
          else if (seen === total) {
            const elapsedNs = Number(process.hrtime.bigint() - start)
            console.log(JSON.stringify({ events: Number(count), elapsedNs }))
          }
        }),
      )
    })
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    console.log(
      JSON.stringify({ endpoint: `tcp://127.0.0.1:${(server.address() as { port: number }).port}` }),
    )
    return
  }
  const url = new URL(endpoint!)
  const socket: Socket = dial(Number(url.port), url.hostname)
  socket.setNoDelay(true)
  await once(socket, 'connect')
  const message = frame(new Uint8Array(Number(size)).map((_, i) => i & 0xff))
  if (role === 'push') {
    // Corked in bursts, so that small messages leave in one writev each burst rather than one write(2)
    // each; the suite's raw row batches too (length-prefixed.ts).
    for (;;) {
      socket.cork()
      let ok = true
      for (let i = 0; i < BURST; i++) ok = socket.write(message)
      socket.uncork()
      if (!ok) await once(socket, 'drain')
    }
  }
  let answered: () => void = () => {}
  socket.on(
    'data',
    reader(() => answered()),
  )
  const roundTrip = () =>
    new Promise<void>((resolve) => {
      answered = resolve
      socket.write(message)
    })
  for (let i = 0; i < Number(warmup); i++) await roundTrip()
  const start = process.hrtime.bigint()
  for (let i = 0; i < Number(count); i++) await roundTrip()
  const elapsedNs = Number(process.hrtime.bigint() - start)
  console.log(JSON.stringify({ events: Number(count), elapsedNs }))
  socket.destroy()
}

void main()

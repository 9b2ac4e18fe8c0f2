// The raw baseline over TCP: Node `net` moving the same messages as length-prefixed frames, no ZMTP.
import { once } from 'node:events'
import { createServer, connect as dial, type Socket } from 'node:net'
import { FrameReader, FrameWriter } from './length-prefixed.js'
import { payload, type RoleSettings } from './roles.js'
import { emit, now, runWorker, settings, stopped } from './worker-io.js'

async function receive(s: RoleSettings): Promise<void> {
  const count = s.count!
  let received = 0
  let bytes = 0
  let start = 0n
  let finish: () => void = () => {}
  const done = new Promise<void>((resolve) => (finish = resolve))
  const server = createServer((socket) => {
    socket.setNoDelay(true)
    const reader = new FrameReader((body) => {
      if (received++ === 0) {
        start = now()
        return
      }
      bytes += body.length
      if (received === count) finish()
    })
    socket.on('data', (chunk: Buffer) => reader.push(chunk))
    socket.on('error', () => {})
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address() as { port: number }
  emit({ type: 'ready', endpoint: `tcp://127.0.0.1:${address.port}` })
  await done
  emit({ type: 'result', messages: count - 1, bytes, elapsedNs: Number(now() - start) })
  await stopped
  server.close()
  server.unref()
}

async function send(s: RoleSettings): Promise<void> {
  const url = new URL(s.connect!)
  const socket: Socket = dial(Number(url.port), url.hostname)
  socket.setNoDelay(true)
  await once(socket, 'connect')
  const writer = new FrameWriter()
  const message = payload(s.size!)
  const chunks: Uint8Array[] = []
  const write = async () => {
    socket.cork()
    let ok = true
    for (const chunk of chunks) ok = socket.write(chunk)
    socket.uncork()
    chunks.length = 0
    if (!ok) await once(socket, 'drain')
  }
  for (let i = 0; i < s.count!; i++) {
    writer.add(message, chunks)
    if (chunks.length > 0) await write()
  }
  writer.flush(chunks)
  await write()
  await stopped
  socket.destroy()
}

runWorker(async () => {
  const s = settings<RoleSettings>()
  if (s.role === 'pull-thr') await receive(s)
  else if (s.role === 'push-thr') await send(s)
  else throw new Error(`net worker has no role ${s.role}`)
})

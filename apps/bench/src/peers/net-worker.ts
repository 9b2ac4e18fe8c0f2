// The raw baseline over TCP: Node `net` moving the same messages as length-prefixed frames, no ZMTP.
import { once } from 'node:events'
import { createServer, connect as dial, type Socket } from 'node:net'
import { FrameReader, FrameWriter } from './length-prefixed.js'
import { payload, type RoleSettings } from './roles.js'
import { timeRoundTrips } from './round-trips.js'
import { WindowClock } from './windows.js'
import { emit, runWorker, settings, stopped } from './worker-io.js'

/** Listens on an ephemeral port of 127.0.0.1 and tells the runner where. */
async function listen(onSocket: (socket: Socket) => void) {
  const server = createServer(onSocket)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address() as { port: number }
  emit({ type: 'ready', endpoint: `tcp://127.0.0.1:${address.port}` })
  return server
}

async function receive(s: RoleSettings): Promise<void> {
  const clock = new WindowClock(s)
  let finish: () => void = () => {}
  const done = new Promise<void>((resolve) => (finish = resolve))
  const server = await listen((socket) => {
    socket.setNoDelay(true)
    const reader = new FrameReader((body) => {
      if (clock.message(body.length)) finish()
    })
    socket.on('data', (chunk: Buffer) => reader.push(chunk))
    socket.on('error', () => {})
  })
  await done
  emit({ type: 'result', ...clock.result() })
  await stopped
  server.close()
  server.unref()
}

const openSockets = new Set<Socket>()

/** Echoes every frame back at once: the plain `net` ping-pong's server. */
async function reply(): Promise<void> {
  const server = await listen((socket) => {
    openSockets.add(socket)
    socket.setNoDelay(true)
    const writer = new FrameWriter()
    const chunks: Uint8Array[] = []
    const reader = new FrameReader((body) => {
      writer.add(body, chunks)
      writer.flush(chunks)
      for (const chunk of chunks) socket.write(chunk)
      chunks.length = 0
    })
    socket.on('data', (chunk: Buffer) => reader.push(chunk))
    socket.on('error', () => {})
  })
  await stopped
  server.close()
  server.unref()
  for (const socket of openSockets) socket.destroy()
}

/** The plain `net` ping-pong's client: one frame out, one `await` for the echo, as the library roles. */
async function request(s: RoleSettings): Promise<void> {
  const url = new URL(s.connect!)
  const socket: Socket = dial(Number(url.port), url.hostname)
  socket.setNoDelay(true)
  await once(socket, 'connect')
  const writer = new FrameWriter()
  const chunks: Uint8Array[] = []
  let answered: () => void = () => {}
  const reader = new FrameReader(() => answered())
  socket.on('data', (chunk: Buffer) => reader.push(chunk))
  const message = payload(s.size!)
  const roundTrip = () => {
    const echoed = new Promise<void>((resolve) => (answered = resolve))
    writer.add(message, chunks)
    writer.flush(chunks)
    for (const chunk of chunks) socket.write(chunk)
    chunks.length = 0
    return echoed
  }
  emit({ type: 'result', ...(await timeRoundTrips(roundTrip, s)) })
  await stopped
  socket.destroy()
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
  else if (s.role === 'rep') await reply()
  else if (s.role === 'req-lat') await request(s)
  else throw new Error(`net worker has no role ${s.role}`)
})

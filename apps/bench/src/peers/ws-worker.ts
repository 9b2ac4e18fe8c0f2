// The raw baseline over WebSocket: the `ws` package sending one binary message per message, no ZWS.
import { once } from 'node:events'
import { WebSocket, WebSocketServer } from 'ws'
import { payload, type RoleSettings } from './roles.js'
import { WindowClock } from './windows.js'
import { emit, runWorker, settings, sleep, stopped } from './worker-io.js'

/** Above this much unsent data the sender waits, as a zmtp or zeromq.js sender waits at its HWM. */
const BUFFER_LIMIT = 1024 * 1024

async function receive(s: RoleSettings): Promise<void> {
  const clock = new WindowClock(s)
  let finish: () => void = () => {}
  const done = new Promise<void>((resolve) => (finish = resolve))
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/bench' })
  server.on('connection', (socket) => {
    socket.on('message', (data: Buffer) => {
      if (clock.message(data.length)) finish()
    })
  })
  await once(server, 'listening')
  const address = server.address() as { port: number }
  emit({ type: 'ready', endpoint: `ws://127.0.0.1:${address.port}/bench` })
  await done
  emit({ type: 'result', ...clock.result() })
  await stopped
  server.close()
  for (const client of server.clients) client.terminate()
}

async function send(s: RoleSettings): Promise<void> {
  const socket = new WebSocket(s.connect!, { perMessageDeflate: false })
  await once(socket, 'open')
  const message = payload(s.size!)
  for (let i = 0; i < s.count!; i++) {
    socket.send(message, { binary: true })
    // `ws` has no drain event of its own; waiting on bufferedAmount keeps memory bounded.
    while (socket.bufferedAmount > BUFFER_LIMIT) await sleep(1)
  }
  await stopped
  socket.terminate()
}

runWorker(async () => {
  const s = settings<RoleSettings>()
  if (s.role === 'pull-thr') await receive(s)
  else if (s.role === 'push-thr') await send(s)
  else throw new Error(`ws worker has no role ${s.role}`)
})

// The server under attack: our Router with the tcp and ws transports, echoing every message to its
// sender. Runs in its own process so an attack that exhausts memory kills this, not the test runner.
// Argument: options JSON (`maxMessageSize`). Prints JSON lines: `ready` with the bound endpoints,
// then `mem` (RSS and heap) every MEM_INTERVAL ms. Exits when stdin closes.
import { Router } from '@zmtp/patterns'
import { tcp } from '@zmtp/transport-tcp'
import { ws } from '@zmtp/transport-ws'

const MEM_INTERVAL = 100
const options = JSON.parse(process.argv[2] ?? '{}')

const router = new Router({
  transports: [tcp(), ws()],
  ...(options.maxMessageSize !== undefined ? { maxMessageSize: options.maxMessageSize } : {}),
})
await router.bind('tcp://127.0.0.1:*')
const tcpEndpoint = router.lastEndpoint
await router.bind('ws://127.0.0.1:*/zmq')
const wsEndpoint = router.lastEndpoint
console.log(JSON.stringify({ type: 'ready', tcp: tcpEndpoint, ws: wsEndpoint }))

const report = () => {
  const { rss, heapUsed, arrayBuffers } = process.memoryUsage()
  console.log(JSON.stringify({ type: 'mem', rss, heapUsed, arrayBuffers }))
}
const timer = setInterval(report, MEM_INTERVAL)

process.stdin.resume()
process.stdin.on('end', () => {
  clearInterval(timer)
  router.close()
  process.exit(0)
})

for await (const message of router) {
  // A full or vanished peer drops the reply (ROUTER without `mandatory`), as libzmq does.
  await router.send(message).catch(() => {})
}

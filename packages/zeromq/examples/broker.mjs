// zguide "Request-reply broker": Request clients talk to a Router front end, a Proxy forwards to a
// Dealer back end, and Reply workers answer. Clients never know which worker served them.
// Run: node examples/broker.mjs (from packages/zeromq, after `pnpm build`)
// biome-ignore lint/suspicious/noShadowRestrictedNames: zeromq.js's name for its proxy
import { Dealer, Proxy, Reply, Request, Router } from '@zmtp/zeromq'

const proxy = new Proxy(new Router(), new Dealer())
await proxy.frontEnd.bind('tcp://127.0.0.1:*')
await proxy.backEnd.bind('tcp://127.0.0.1:*')
const brokering = proxy.run()

const workers = [1, 2].map((id) => {
  const worker = new Reply()
  worker.connect(proxy.backEnd.lastEndpoint)
  const serving = (async () => {
    for await (const [request] of worker) await worker.send(`${request.toString()} served by worker ${id}`)
  })()
  return { worker, serving }
})

const clients = [1, 2, 3].map(async (id) => {
  const client = new Request()
  client.connect(proxy.frontEnd.lastEndpoint)
  for (let i = 0; i < 3; i++) {
    await client.send(`request ${i} of client ${id}`)
    const [reply] = await client.receive()
    console.log(reply.toString())
  }
  client.close()
})
await Promise.all(clients)

proxy.terminate()
await brokering
for (const { worker, serving } of workers) {
  worker.close()
  await serving
}

// zguide "Hello World": a Reply server answers "World" to each "Hello" from a Request client.
// Run: node examples/hello-world.mjs (from packages/zeromq, after `pnpm build`)
import { Reply, Request } from '@zmtp/zeromq'

const server = new Reply()
await server.bind('tcp://127.0.0.1:*')

const serving = (async () => {
  for await (const [request] of server) {
    console.log(`server: received ${request.toString()}`)
    await server.send('World')
  }
})()

const client = new Request()
client.connect(server.lastEndpoint)
for (let i = 0; i < 5; i++) {
  await client.send('Hello')
  const [reply] = await client.receive()
  console.log(`client: request ${i} got ${reply.toString()}`)
}

client.close()
server.close()
await serving

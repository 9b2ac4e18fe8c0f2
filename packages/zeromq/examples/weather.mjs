// zguide "Weather update": a Publisher sends random weather for random zip codes; a Subscriber
// filters on one zip code and averages the temperature over a number of updates.
// Run: node examples/weather.mjs [zip] (from packages/zeromq, after `pnpm build`)
import { Publisher, Subscriber } from '@zmtp/zeromq'

const zip = process.argv[2] ?? '10001'
const wanted = 20

const publisher = new Publisher()
await publisher.bind('tcp://127.0.0.1:*')

const subscriber = new Subscriber()
subscriber.connect(publisher.lastEndpoint)
subscriber.subscribe(`${zip} `)

let publishing = true
const publish = (async () => {
  while (publishing) {
    // Every tenth update is for the wanted zip code, so the example ends quickly.
    const code = Math.random() < 0.1 ? zip : String(10000 + Math.floor(Math.random() * 1000))
    const temperature = Math.floor(Math.random() * 135) - 80
    const humidity = Math.floor(Math.random() * 50) + 10
    await publisher.send(`${code} ${temperature} ${humidity}`)
  }
})()

let total = 0
for (let i = 0; i < wanted; i++) {
  const [update] = await subscriber.receive()
  total += Number(update.toString().split(' ')[1])
}
console.log(`average temperature for zip code ${zip} over ${wanted} updates: ${(total / wanted).toFixed(1)}F`)

publishing = false
await publish
subscriber.close()
publisher.close()

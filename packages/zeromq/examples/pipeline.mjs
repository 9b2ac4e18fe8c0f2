// zguide "Divide and conquer": a ventilator pushes tasks to workers, workers push results to a sink.
// Each task is a workload in milliseconds; the sink reports how long the whole batch took.
// Run: node examples/pipeline.mjs [workers] (from packages/zeromq, after `pnpm build`)
import { Pull, Push } from '@zmtp/zeromq'

const workerCount = Number(process.argv[2] ?? 3)
const taskCount = 30

const sink = new Pull()
await sink.bind('tcp://127.0.0.1:*')
const ventilator = new Push()
await ventilator.bind('tcp://127.0.0.1:*')

const workers = []
// As in the zguide, the ventilator waits until every worker is connected, else the first one to
// connect would get all the tasks.
const connected = new Promise((resolve) => {
  let count = 0
  ventilator.events.on('handshake', () => {
    if (++count === workerCount) resolve()
  })
})
for (let n = 0; n < workerCount; n++) {
  const tasks = new Pull()
  tasks.connect(ventilator.lastEndpoint)
  const results = new Push()
  results.connect(sink.lastEndpoint)
  workers.push(
    (async () => {
      for await (const [task] of tasks) {
        await new Promise((resolve) => setTimeout(resolve, Number(task.toString())))
        await results.send(`worker ${n} done`)
      }
      results.close()
    })(),
  )
  workers[n].tasks = tasks
}

await connected
const started = Date.now()
let expected = 0
for (let i = 0; i < taskCount; i++) {
  const workload = 1 + Math.floor(Math.random() * 20)
  expected += workload
  await ventilator.send(String(workload))
}
const perWorker = new Map()
for (let i = 0; i < taskCount; i++) {
  const [result] = await sink.receive()
  const who = result.toString()
  perWorker.set(who, (perWorker.get(who) ?? 0) + 1)
}
console.log(`${taskCount} tasks (${expected} ms of work) done in ${Date.now() - started} ms`)
for (const [who, count] of perWorker) console.log(`  ${who}: ${count} tasks`)

for (const worker of workers) worker.tasks.close()
await Promise.all(workers)
ventilator.close()
sink.close()

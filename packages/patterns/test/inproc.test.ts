import { expect, it } from 'vitest'
import { Publisher, Pull, Push, Subscriber, XPublisher, XSubscriber } from '../src/index.js'
import { text } from './helpers.js'

it('keeps order when a burst exceeds the high-water mark', async () => {
  const pull = new Pull()
  await pull.bind('inproc://dbg1')
  const push = new Push()
  push.connect('inproc://dbg1')
  const sends = []
  for (let i = 0; i < 5000; i++) sends.push(push.send(`${i}`))
  const got = []
  for (let i = 0; i < 5000; i++) got.push(text(await pull.receive())[0])
  await Promise.all(sends)
  expect(got).toEqual(Array.from({ length: 5000 }, (_, i) => `${i}`))
  pull.close()
  push.close()
})
it('delivers everything at HWM 1 when connecting before the bind', async () => {
  const push = new Push({ sendHighWaterMark: 1 })
  push.connect('inproc://dbg2')
  const sends = [push.send('a'), push.send('b'), push.send('c')]
  const pull = new Pull({ receiveHighWaterMark: 1 })
  await pull.bind('inproc://dbg2')
  const got = []
  for (let i = 0; i < 3; i++) got.push(text(await pull.receive())[0])
  await Promise.all(sends)
  expect(got).toEqual(['a', 'b', 'c'])
  pull.close()
  push.close()
})
it('delivers what a closed socket queued to a name bound later in the same thread (linger)', async () => {
  const push = new Push()
  push.connect('inproc://dbg-linger')
  await push.send('queued')
  push.close()
  const pull = new Pull()
  await pull.bind('inproc://dbg-linger')
  expect(text(await pull.receive())).toEqual(['queued'])
  pull.close()
})
it('drops what a closed socket with linger 0 queued to a name not bound yet', async () => {
  const push = new Push({ linger: 0 })
  push.connect('inproc://dbg-linger0')
  await push.send('dropped')
  push.close()
  const pull = new Pull()
  await pull.bind('inproc://dbg-linger0')
  // A dropped queue would have been linked at the bind, ahead of anything sent after it.
  const later = new Push()
  later.connect('inproc://dbg-linger0')
  await later.send('after')
  expect(text(await pull.receive())).toEqual(['after'])
  pull.close()
  later.close()
})
it('gives each inproc Subscriber a message array of its own', async () => {
  const pub = new Publisher()
  await pub.bind('inproc://dbg-fanout')
  const first = new Subscriber()
  const second = new Subscriber()
  for (const sub of [first, second]) {
    sub.connect('inproc://dbg-fanout')
    sub.subscribe('')
  }
  // Inproc subscriptions arrive synchronously with connect once the name is bound.
  await pub.send(['topic', 'body'])
  const a = await first.receive()
  a.shift()
  expect(text(await second.receive())).toEqual(['topic', 'body'])
  pub.close()
  first.close()
  second.close()
})

it('gives each inproc XPublisher an XSubscriber message array of its own', async () => {
  const left = new XPublisher()
  const right = new XPublisher()
  await left.bind('inproc://dbg-xfanout-left')
  await right.bind('inproc://dbg-xfanout-right')
  const xsub = new XSubscriber()
  xsub.connect('inproc://dbg-xfanout-left')
  xsub.connect('inproc://dbg-xfanout-right')
  await xsub.send(['hello', 'world'])
  const a = await left.receive()
  a.shift()
  a[0] = new TextEncoder().encode('changed')
  expect(text(await right.receive())).toEqual(['hello', 'world'])
  left.close()
  right.close()
  xsub.close()
})

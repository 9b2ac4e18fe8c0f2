import { afterEach, describe, expect, it } from 'vitest'
import { Dealer, Pull, Push, Router, type Socket, SocketError, Proxy as ZmtpProxy } from '../src/index.js'

const open: Socket[] = []
afterEach(() => {
  for (const socket of open.splice(0)) socket.close()
})
function pair(): [Router, Dealer] {
  const sockets: [Router, Dealer] = [new Router(), new Dealer()]
  open.push(...sockets)
  return sockets
}

describe('Proxy', () => {
  it('refuses what is not a socket: TypeError for a non-object, EINVAL for another object', () => {
    expect(() => new ZmtpProxy(undefined as never, new Dealer())).toThrow(TypeError)
    let error: unknown
    try {
      new ZmtpProxy({} as never, {} as never)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(SocketError)
    expect((error as SocketError).code).toBe('EINVAL')
  })

  it('run() rejects with EINVAL when a socket is neither bound nor connected, or closed', async () => {
    const [front, back] = pair()
    await back.bind('inproc://proxy-back-1')
    await expect(new ZmtpProxy(front, back).run()).rejects.toThrow(
      'Front-end socket must be bound or connected',
    )
    await front.bind('inproc://proxy-front-1')
    back.close()
    await expect(new ZmtpProxy(front, back).run()).rejects.toMatchObject({
      code: 'EINVAL',
      message: 'Back-end socket must be bound or connected',
    })
  })

  it('terminate() throws ETERM unless running, and ends run()', async () => {
    const [front, back] = pair()
    await front.bind('inproc://proxy-front-2')
    await back.bind('inproc://proxy-back-2')
    const proxy = new ZmtpProxy(front, back)
    expect(() => proxy.terminate()).toThrow(expect.objectContaining({ code: 'ETERM' }))
    const running = proxy.run()
    proxy.terminate()
    await running
    expect(() => proxy.terminate()).toThrow(expect.objectContaining({ code: 'ETERM' }))
  })

  it('forwards a pipeline stage', async () => {
    const front = new Pull()
    const back = new Push()
    open.push(front, back)
    await front.bind('inproc://stage-in')
    await back.bind('inproc://stage-out')
    const proxy = new ZmtpProxy(front, back)
    const running = proxy.run()
    const producer = new Push()
    const consumer = new Pull()
    open.push(producer, consumer)
    producer.connect('inproc://stage-in')
    consumer.connect('inproc://stage-out')
    await producer.send('through')
    expect((await consumer.receive())[0]!.toString()).toBe('through')
    proxy.terminate()
    await running
  })

  it('copies every forwarded message to a capture that is any object with send(), and refuses one without', async () => {
    const [front, back] = [new Pull(), new Push()]
    open.push(front, back)
    await front.bind('inproc://capture-in')
    await back.bind('inproc://capture-out')
    expect(() => new ZmtpProxy(front, back, {} as never)).toThrow(TypeError)
    const captured: string[] = []
    const proxy = new ZmtpProxy(front, back, {
      closed: false,
      send: async (message) => {
        captured.push(String(message))
      },
    })
    const running = proxy.run()
    const producer = new Push()
    const consumer = new Pull()
    open.push(producer, consumer)
    producer.connect('inproc://capture-in')
    consumer.connect('inproc://capture-out')
    await producer.send('copied')
    expect((await consumer.receive())[0]!.toString()).toBe('copied')
    expect(captured).toEqual(['copied'])
    proxy.terminate()
    await running
  })
})

/**
 * How `Context`, `Proxy` and `Socket` are constructed, as zeromq.js's native classes are: their
 * messages when called without `new` or with too many arguments, and classes extending `Socket`.
 */
import { describe, expect, it } from 'vitest'
import * as zmq from '../src/index.js'
import { track } from './tracker.js'

const withoutNew = new TypeError("Class constructors cannot be invoked without 'new'")

describe('Context and Proxy', () => {
  it("fail with zeromq.js's message when called without new", () => {
    expect(() => (zmq.Context as unknown as () => unknown)()).toThrow(withoutNew)
    expect(() => (zmq.Proxy as unknown as () => unknown)()).toThrow(withoutNew)
  })

  it('count their arguments as zeromq.js does', () => {
    const Context = zmq.Context as unknown as new (...args: unknown[]) => unknown
    expect(() => new Context({}, 2)).toThrow(new TypeError('Expected 1 argument but received 2'))
    const AnyProxy = zmq.Proxy as unknown as new (...args: unknown[]) => unknown
    const [a, b, c] = [track(new zmq.Dealer()), track(new zmq.Dealer()), track(new zmq.Dealer())]
    expect(() => new AnyProxy(a, b, c)).toThrow(new TypeError('Expected 2 arguments but received 3'))
  })

  it('are still classes: instanceof, extends, and the name in messages', () => {
    const context = new zmq.Context({ ioThreads: 2 })
    expect(context).toBeInstanceOf(zmq.Context)
    expect(zmq.context).toBeInstanceOf(zmq.Context)
    class Mine extends zmq.Context {
      label() {
        return `mine with ${this.ioThreads}`
      }
    }
    const mine = new Mine()
    expect([mine instanceof zmq.Context, mine.label()]).toEqual([true, 'mine with 1'])
    expect(() => {
      ;(context as unknown as Record<string, unknown>).maxSocketsLimit = 1
    }).toThrow('Cannot set property maxSocketsLimit of #<Context> which has only a getter')
    const proxy = new zmq.Proxy(track(new zmq.Router()), track(new zmq.Dealer()))
    expect(proxy).toBeInstanceOf(zmq.Proxy)
  })
})

describe('classes extending Socket', () => {
  // Typed as a plain constructor: our `Socket` type is patterns' abstract base class.
  const Base = zmq.Socket as unknown as new (type: number, options?: object) => object

  it("are sockets of the type they pass, with that type's methods and their own", async () => {
    class Sender extends Base {
      constructor(options?: object) {
        super(8, options) // ZMQ_PUSH
      }
      shout(text: string) {
        return (this as unknown as zmq.Push).send(text.toUpperCase())
      }
    }
    const context = new zmq.Context()
    const sender = track(new Sender({ context }) as Sender & zmq.Push)
    expect(sender).toBeInstanceOf(zmq.Push)
    expect(sender).toBeInstanceOf(zmq.Socket)
    expect(sender).toBeInstanceOf(Sender)
    expect([sender.type, sender.context]).toEqual(['PUSH', context])
    expect(track(new Sender() as unknown as zmq.Push).context).toBe(zmq.context)

    const pull = track(new zmq.Pull())
    await pull.bind('inproc://extends-socket')
    sender.connect('inproc://extends-socket')
    await sender.shout('hello')
    expect((await pull.receive())[0]!.toString()).toBe('HELLO')
  })

  it('work when extended further, and are sealed as zeromq.js sockets are', () => {
    class Publishing extends Base {
      constructor() {
        super(1)
      }
    }
    class Loud extends Publishing {}
    const loud = track(new Loud() as zmq.Publisher)
    expect(loud).toBeInstanceOf(zmq.Publisher)
    expect(() => {
      ;(loud as unknown as Record<string, unknown>).doesNotExist = 1
    }).toThrow(/object is not extensible/)
  })

  it('make one socket type each', () => {
    class AnyType extends Base {}
    track(new AnyType(5) as zmq.Dealer)
    expect(() => track(new AnyType(6) as zmq.Router)).toThrow(/makes Dealer sockets, not Router/)
  })
})

import { afterEach, describe, expect, it } from 'vitest'
import { ErrorCode, TransportError } from '../src/errors.js'
import { findTransport, registerTransport, unregisterTransport } from '../src/transport/registry.js'
import type { Transport } from '../src/transport/transport.js'

function fakeTransport(name: string, protocols: string[]): Transport {
  const unused = () => Promise.reject(new Error(`${name} is a test double`))
  return { name, protocols, listen: unused, dial: unused }
}

// The registry is process-wide: undo every registration so tests stay independent of their order.
const registered: Transport[] = []
function register(transport: Transport): Transport {
  registered.push(transport)
  registerTransport(transport)
  return transport
}
afterEach(() => {
  for (const transport of registered.splice(0)) unregisterTransport(transport)
})

function noTransport(protocol: string, local?: readonly Transport[]): TransportError {
  try {
    findTransport(protocol, local)
  } catch (error) {
    expect(error).toBeInstanceOf(TransportError)
    return error as TransportError
  }
  throw new Error(`expected no transport for ${protocol}`)
}

describe('transport registry', () => {
  it('finds a registered transport under each of its schemes', () => {
    const tcp = register(fakeTransport('tcp', ['tcp', 'ipc']))
    expect(findTransport('tcp')).toBe(tcp)
    expect(findTransport('ipc')).toBe(tcp)
  })

  it('throws ERR_NO_TRANSPORT naming the scheme when nothing serves it', () => {
    register(fakeTransport('tcp', ['tcp']))
    const error = noTransport('ws')
    expect(error.code).toBe(ErrorCode.NoTransport)
    expect(error.message).toContain('"ws://"')
  })

  it('prefers local transports over registered ones', () => {
    register(fakeTransport('global', ['tcp', 'ws']))
    const local = fakeTransport('local', ['tcp'])
    expect(findTransport('tcp', [local])).toBe(local)
    expect(findTransport('ws', [local]).name).toBe('global')
  })

  it('takes the first matching local transport', () => {
    const first = fakeTransport('first', ['ws'])
    const second = fakeTransport('second', ['ws', 'wss'])
    expect(findTransport('ws', [first, second])).toBe(first)
    expect(findTransport('wss', [first, second])).toBe(second)
  })

  it('serves a scheme from local transports alone, without any registration', () => {
    const local = fakeTransport('local', ['inproc'])
    expect(findTransport('inproc', [local])).toBe(local)
    expect(noTransport('inproc').code).toBe(ErrorCode.NoTransport)
  })

  it('lets a later registration replace an earlier one for the same scheme', () => {
    const older = register(fakeTransport('older', ['tcp', 'ipc']))
    const newer = register(fakeTransport('newer', ['tcp']))
    expect(findTransport('tcp')).toBe(newer)
    expect(findTransport('ipc')).toBe(older)
  })

  it('unregisters every scheme of a transport and reports whether it removed one', () => {
    const tcp = register(fakeTransport('tcp', ['tcp', 'ipc']))
    expect(unregisterTransport(tcp)).toBe(true)
    expect(noTransport('tcp').code).toBe(ErrorCode.NoTransport)
    expect(noTransport('ipc').code).toBe(ErrorCode.NoTransport)
    expect(unregisterTransport(tcp)).toBe(false)
  })

  it('leaves other transports registered when one is removed', () => {
    const older = register(fakeTransport('older', ['tcp', 'ipc']))
    const newer = register(fakeTransport('newer', ['tcp']))
    expect(unregisterTransport(older)).toBe(true)
    expect(findTransport('tcp')).toBe(newer)
    expect(noTransport('ipc').code).toBe(ErrorCode.NoTransport)
  })

  it('does not resurrect a replaced registration when the replacement is removed', () => {
    register(fakeTransport('older', ['tcp']))
    const newer = register(fakeTransport('newer', ['tcp']))
    unregisterTransport(newer)
    expect(noTransport('tcp').code).toBe(ErrorCode.NoTransport)
  })

  it('is matched by exact scheme, without "://"', () => {
    register(fakeTransport('tcp', ['tcp']))
    expect(noTransport('tcp://').code).toBe(ErrorCode.NoTransport)
    expect(noTransport('TCP').code).toBe(ErrorCode.NoTransport)
  })
})

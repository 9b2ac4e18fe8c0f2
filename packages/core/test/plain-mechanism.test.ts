/** PLAIN (RFC 24) command by command, and its ZAP-shaped authentication hook. */
import { describe, expect, it } from 'vitest'
import {
  AuthError,
  decodeCommand,
  ErrorCode,
  fromHex,
  PeerError,
  PlainMechanism,
  ProtocolError,
  toHex,
  utf8Decode,
  utf8Encode,
  type ZapRequest,
  type ZmtpError,
} from '../src/index.js'
import { decodePlainHello, encodePlainHello } from '../src/mechanisms/plain-commands.js'
import { mechanismContext } from './support/mechanism-context.js'

const hex = (text: string) => toHex(utf8Encode(text))
const HELLO = `05${hex('HELLO')}05${hex('admin')}06${hex('secret')}`
const WELCOME = `07${hex('WELCOME')}`
const CLIENT_PROPERTIES = `0b${hex('Socket-Type')}00000006${hex('DEALER')}`
const INITIATE = `08${hex('INITIATE')}${CLIENT_PROPERTIES}`
const READY = `05${hex('READY')}0b${hex('Socket-Type')}00000006${hex('ROUTER')}`

const command = (hexBody: string) => decodeCommand(fromHex(hexBody))

function client() {
  const context = mechanismContext([['Socket-Type', 'DEALER']])
  const handshake = new PlainMechanism({ username: 'admin', password: 'secret' }).create(context)
  return { context, handshake }
}

function server(options: ConstructorParameters<typeof PlainMechanism>[0] = { asServer: true }) {
  const context = mechanismContext([
    ['Socket-Type', 'ROUTER'],
    ['Identity', 'router-1'],
  ])
  const handshake = new PlainMechanism(options).create(context)
  return { context, handshake }
}

async function rejection(run: () => unknown): Promise<ZmtpError> {
  try {
    await run()
  } catch (error) {
    return error as ZmtpError
  }
  throw new Error('expected a failure')
}

describe('PLAIN commands', () => {
  it('encodes HELLO with length-prefixed username and password, and decodes it back', () => {
    const body = encodePlainHello({ username: utf8Encode('admin'), password: utf8Encode('secret') })
    expect(toHex(body)).toBe(HELLO)
    const { username, password } = decodePlainHello(decodeCommand(body).data)
    expect([utf8Decode(username), utf8Decode(password)]).toEqual(['admin', 'secret'])
    expect(toHex(encodePlainHello({ username: new Uint8Array(0), password: new Uint8Array(0) }))).toBe(
      `05${hex('HELLO')}0000`,
    )
  })

  it('refuses HELLO data whose lengths overrun it or leave bytes over', () => {
    for (const data of ['', '05616263', '01610570', '0161016262']) {
      expect(() => decodePlainHello(fromHex(data))).toThrow(
        expect.objectContaining({ code: ErrorCode.MalformedCommand }),
      )
    }
    expect(() => new PlainMechanism({ username: 'u'.repeat(256), password: '' })).toThrow(TypeError)
  })

  it('runs HELLO, WELCOME, INITIATE, READY as the fixtures show, with a hook that accepts', async () => {
    const requests: ZapRequest[] = []
    const c = client()
    const s = server({
      asServer: true,
      zapDomain: 'global',
      authenticate: (request) => {
        requests.push(request)
        return {
          status: '200',
          userId: 'admin-user',
          metadata: [
            ['X-Role', 'ops'],
            ['Socket-Type', 'forged-by-zap'],
          ],
        }
      },
    })
    c.handshake.start()
    s.handshake.start()
    expect(c.context.sent.map(toHex)).toEqual([HELLO])
    expect(s.context.sent).toEqual([])

    await s.handshake.receive(command(HELLO))
    expect(requests).toEqual([
      {
        domain: 'global',
        address: '192.0.2.7',
        routingId: utf8Encode('router-1'),
        mechanism: 'PLAIN',
        credentials: [utf8Encode('admin'), utf8Encode('secret')],
      },
    ])
    expect(s.context.sent.map(toHex)).toEqual([WELCOME])

    c.handshake.receive(command(WELCOME))
    expect(toHex(c.context.sent[1]!)).toBe(INITIATE)
    await s.handshake.receive(command(INITIATE))
    expect(toHex(s.context.sent[1]!)).toBe(
      `05${hex('READY')}0b${hex('Socket-Type')}00000006${hex('ROUTER')}08${hex('Identity')}00000008${hex('router-1')}`,
    )
    // The authenticator's properties win over the peer's.
    expect(s.context.completed?.userId).toBe('admin-user')
    expect(utf8Decode(s.context.completed!.metadata.get('X-Role')!)).toBe('ops')
    expect(utf8Decode(s.context.completed!.metadata.get('Socket-Type')!)).toBe('forged-by-zap')

    c.handshake.receive(command(READY))
    expect(utf8Decode(c.context.completed!.metadata.get('Socket-Type')!)).toBe('ROUTER')
  })

  it('refuses with ERROR and the status code when the hook says 400, without the password in the error', async () => {
    const s = server({ asServer: true, authenticate: async () => ({ status: '400', statusText: 'no' }) })
    const error = await rejection(() => s.handshake.receive(command(HELLO)))
    expect(error).toBeInstanceOf(AuthError)
    expect(error.code).toBe(ErrorCode.AuthFailed)
    expect(error.message).not.toContain('secret')
    expect((error as AuthError).status).toBe(400)
    expect(s.context.sent.map(toHex)).toEqual([`05${hex('ERROR')}03${hex('400')}`])
  })

  it('ends the handshake with a ZAP protocol error from the hook as it is, without ERROR', async () => {
    const broken = new ProtocolError(ErrorCode.ZapBadVersion, 'ZAP reply version 9.9')
    const s = server({ asServer: true, authenticate: () => Promise.reject(broken) })
    const error = await rejection(() => s.handshake.receive(command(HELLO)))
    expect(error).toBe(broken)
    expect(s.context.sent).toEqual([])
  })

  it('gives the refused client the status code of the ERROR it got', () => {
    expect(new PeerError('400').status).toBe(400)
    expect(new PeerError('300').status).toBe(300)
    expect(new PeerError('no such thing').status).toBeUndefined()
  })

  it('refuses with ERROR 500 when the hook throws, keeping the cause', async () => {
    const boom = new Error('directory down')
    const s = server({
      asServer: true,
      authenticate: () => {
        throw boom
      },
    })
    const error = await rejection(() => s.handshake.receive(command(HELLO)))
    expect(error.code).toBe(ErrorCode.AuthFailed)
    expect((error as AuthError).status).toBe(500)
    expect(error.cause).toBe(boom)
    expect(s.context.sent.map(toHex)).toEqual([`05${hex('ERROR')}03${hex('500')}`])
  })

  it('refuses every client without a hook, sending nothing, as libzmq without a ZAP handler', async () => {
    const s = server()
    const error = await rejection(() => s.handshake.receive(command(HELLO)))
    expect([error.name, error.code]).toEqual(['AuthError', ErrorCode.AuthFailed])
    expect(s.context.sent).toEqual([])
  })

  it('fails the client with the reason of an ERROR, and on commands out of turn', async () => {
    const c = client()
    c.handshake.start()
    const error = await rejection(() => c.handshake.receive(command(`05${hex('ERROR')}03${hex('400')}`)))
    expect(error).toBeInstanceOf(PeerError)
    expect((error as PeerError).reason).toBe('400')
    const early = client()
    early.handshake.start()
    expect((await rejection(() => early.handshake.receive(command(READY)))).code).toBe(
      ErrorCode.MalformedCommand,
    )
    const s = server({ asServer: true, authenticate: () => ({ status: '200' }) })
    expect((await rejection(() => s.handshake.receive(command(INITIATE)))).code).toBe(
      ErrorCode.MalformedCommand,
    )
  })
})

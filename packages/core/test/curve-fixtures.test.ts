/**
 * CURVE commands byte for byte. The expected bytes were made with libsodium 1.0.18 (the library libzmq
 * links) through Python's ctypes, laid out as libzmq 4.3 lays them out, with the RFC 7748 key pairs as
 * permanent keys and a random source whose n-th call yields bytes all equal to n (see countingCrypto).
 */
import { describe, expect, it } from 'vitest'
import {
  type Command,
  CurveMechanism,
  decodeCommand,
  ErrorCode,
  FrameFlags,
  fromHex,
  nobleCurveCrypto,
  toHex,
  utf8Encode,
  type ZmtpError,
  z85Encode,
} from '../src/index.js'
import { countingCrypto, mechanismContext } from './support/mechanism-context.js'

const FIXTURE = {
  clientSecret: '77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a',
  clientPublic: '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
  serverSecret: '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb',
  serverPublic: 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f',
  beforenm: '1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389',
  hello:
    '0548454c4c4f0100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000a4e09292b651c278b9772c569f5fa9bb13d906b46ab68c9df9dc2b4409f8a209000000000000000173d0cf788dd035ed47993a786c99e259e61d1c81cc038f58f641dbba3c0fe4da9c7279a3af05699915ab1e32153be66b85cc6a16cd1b70ea2c5511534f41d2ca3f80d5d9183fa0447742b0891139673b',
  welcome:
    '0757454c434f4d4504040404040404040404040404040404147f7739f0e4c5fd76c740ab29762df58a831b0930f4fea8bde16d59b80ea1e063f77e44c564ba0809a1d5ba57fb0d05d8ace517d9f0ffd8ff783540ef5df303d868c78ac88835c20f2cae5348a16a564f3500cb3c620ab4edf8368e45ce4530ec506850b5b561cee92c813341cdd4b49a9c69fa49b2a7270223fde9aac18bc5fae95d02cffe1d5dea43a62b7694fd67',
  initiate:
    '08494e49544941544503030303030303030303030303030303e3abb53d8b381ec018b9dbc5149197bd91bf0fc483e3c07ec74a019890566386ab4911160fc9143f2add43763f130660c0ac23e5334252b9592fa9d76fe235499ab31413979abbb656a8c072e965703900000000000000022660e3d7e22ff10646b87fb5002f3fc8337b9d9128685f701eb70c810d51123128121beeb9c4caa68c0cacd1ea9e3327adee91e94d2382a736c3ecb0233c94bf2e1a8de34d6dc5a0d39a8b2cb84dc1bd066bb963c4dbb3256089d7873ee41c34d79531bba243c47ae108f96ea1f13cb12d8a9770975280f8a7d9c918bb9959586e70defbadac9f03c8fad870fac755a29ca41024c16819c88f9069a380a92078354267803a5235f8d61b42d445f8fc13b9f27f',
  ready:
    '055245414459000000000000000120fa22dc064d5a291506884be40c20871584516e7707665a7b45b6a517fc9c187cd58fd688be',
  /** `hello` with MORE (inner flags 0x01), client nonce 3. */
  messageFromClient: '074d4553534147450000000000000003447e136670fa27978e5ded8926c888847ae8b85097cf',
  /** SUBSCRIBE `news` as a command (inner flags 0x02), server nonce 2. */
  messageFromServer:
    '074d45535341474500000000000000026bba2240f416f70fe1a6eea6029317cd9b7ee38e84c38265cf2013bc4f84fe',
}

const command = (hex: string): Command => decodeCommand(fromHex(hex))

/** A client and a server handshake with the fixture keys and counting randomness. */
function fixtureHandshakes() {
  const client = mechanismContext([
    ['Socket-Type', 'DEALER'],
    ['Identity', new Uint8Array(0)],
  ])
  const server = mechanismContext([['Socket-Type', 'ROUTER']])
  const clientMechanism = new CurveMechanism({
    publicKey: fromHex(FIXTURE.clientPublic),
    secretKey: fromHex(FIXTURE.clientSecret),
    serverKey: z85Encode(fromHex(FIXTURE.serverPublic)),
    crypto: countingCrypto(),
  })
  const serverMechanism = new CurveMechanism({
    asServer: true,
    secretKey: z85Encode(fromHex(FIXTURE.serverSecret)),
    crypto: countingCrypto(),
  })
  return {
    client,
    server,
    clientHandshake: clientMechanism.create(client),
    serverHandshake: serverMechanism.create(server),
  }
}

describe('CURVE crypto against known answers', () => {
  it('derives RFC 7748 public keys and the NaCl shared key', () => {
    const crypto = nobleCurveCrypto
    expect(toHex(crypto.publicKey(fromHex(FIXTURE.clientSecret)))).toBe(FIXTURE.clientPublic)
    expect(toHex(crypto.publicKey(fromHex(FIXTURE.serverSecret)))).toBe(FIXTURE.serverPublic)
    const shared = crypto.sharedKey(fromHex(FIXTURE.serverPublic), fromHex(FIXTURE.clientSecret))
    expect(toHex(shared)).toBe(FIXTURE.beforenm)
    expect(toHex(crypto.sharedKey(fromHex(FIXTURE.clientPublic), fromHex(FIXTURE.serverSecret)))).toBe(
      FIXTURE.beforenm,
    )
  })

  it('refuses a low-order public key instead of agreeing on an all-zero key', () => {
    expect(() => nobleCurveCrypto.sharedKey(new Uint8Array(32), fromHex(FIXTURE.clientSecret))).toThrow()
  })

  it('opens only what it sealed, under the same key and nonce', () => {
    const key = new Uint8Array(32).fill(9)
    const nonce = new Uint8Array(24).fill(1)
    const sealed = nobleCurveCrypto.seal(key, nonce, utf8Encode('abc'))
    expect(sealed).toHaveLength(16 + 3)
    expect(nobleCurveCrypto.open(key, nonce, sealed)).toEqual(utf8Encode('abc'))
    expect(nobleCurveCrypto.open(key, new Uint8Array(24), sealed)).toBeNull()
    expect(nobleCurveCrypto.open(key, nonce, sealed.subarray(0, 10))).toBeNull()
  })
})

describe('CURVE handshake commands, byte for byte as libsodium and libzmq make them', () => {
  it('HELLO, WELCOME, INITIATE and READY match the fixtures, and each side accepts the other', () => {
    const { client, server, clientHandshake, serverHandshake } = fixtureHandshakes()
    clientHandshake.start()
    serverHandshake.start()
    expect(server.sent).toEqual([])
    expect(toHex(client.sent[0]!)).toBe(FIXTURE.hello)
    expect(client.sent[0]).toHaveLength(200)

    serverHandshake.receive(command(FIXTURE.hello))
    expect(toHex(server.sent[0]!)).toBe(FIXTURE.welcome)
    expect(server.sent[0]).toHaveLength(168)

    clientHandshake.receive(command(FIXTURE.welcome))
    expect(toHex(client.sent[1]!)).toBe(FIXTURE.initiate)

    serverHandshake.receive(command(FIXTURE.initiate))
    expect(toHex(server.sent[1]!)).toBe(FIXTURE.ready)
    expect(server.completed?.metadata.get('Socket-Type')).toEqual(utf8Encode('DEALER'))
    expect(server.completed?.userId).toBeUndefined()

    clientHandshake.receive(command(FIXTURE.ready))
    expect(client.completed?.metadata.get('Socket-Type')).toEqual(utf8Encode('ROUTER'))
  })

  it('MESSAGE carries the flags inside the box, with per-direction prefixes and counting nonces', () => {
    const { clientHandshake, serverHandshake } = fixtureHandshakes()
    clientHandshake.start()
    serverHandshake.receive(command(FIXTURE.hello))
    clientHandshake.receive(command(FIXTURE.welcome))
    serverHandshake.receive(command(FIXTURE.initiate))
    clientHandshake.receive(command(FIXTURE.ready))

    const [clientFlags, clientBody] = clientHandshake.wrap!(FrameFlags.More, utf8Encode('hello'))
    // The outer frame has no flags, as libzmq sends it.
    expect([clientFlags, toHex(clientBody)]).toEqual([0, FIXTURE.messageFromClient])
    expect(serverHandshake.unwrap!(0, clientBody)).toEqual([FrameFlags.More, utf8Encode('hello')])

    const subscribe = fromHex(`09${toHex(utf8Encode('SUBSCRIBE'))}${toHex(utf8Encode('news'))}`)
    const [serverFlags, serverBody] = serverHandshake.wrap!(FrameFlags.Command, subscribe)
    expect([serverFlags, toHex(serverBody)]).toEqual([0, FIXTURE.messageFromServer])
    expect(clientHandshake.unwrap!(FrameFlags.Command, serverBody)).toEqual([FrameFlags.Command, subscribe])
  })
})

describe('CURVE handshake failures', () => {
  const codeOf = (run: () => unknown): string | undefined => {
    try {
      run()
    } catch (error) {
      return (error as ZmtpError).code
    }
    return undefined
  }

  it('fails a HELLO boxed for another server key with ERR_DECRYPT_FAILED and sends nothing', () => {
    const { server, serverHandshake } = fixtureHandshakes()
    const wrongServer = new CurveMechanism({ asServer: true, secretKey: new Uint8Array(32).fill(5) })
    const wrong = mechanismContext([])
    expect(codeOf(() => wrongServer.create(wrong).receive(command(FIXTURE.hello)))).toBe(
      ErrorCode.DecryptFailed,
    )
    expect(wrong.sent).toEqual([])
    // The right server takes the same HELLO.
    serverHandshake.receive(command(FIXTURE.hello))
    expect(server.lastSent()).toBe('WELCOME')
  })

  it('fails a HELLO of the wrong size or version, or out of turn, with ERR_MALFORMED_COMMAND', () => {
    const hello = fromHex(FIXTURE.hello)
    const short = hello.subarray(0, 199)
    const version2 = hello.slice()
    version2[6] = 2
    for (const body of [short, version2]) {
      const { serverHandshake } = fixtureHandshakes()
      expect(codeOf(() => serverHandshake.receive(decodeCommand(body)))).toBe(ErrorCode.MalformedCommand)
    }
    const { serverHandshake } = fixtureHandshakes()
    expect(codeOf(() => serverHandshake.receive(command(FIXTURE.initiate)))).toBe(ErrorCode.MalformedCommand)
  })

  it('fails a WELCOME that is not from the server key we trust', () => {
    const client = mechanismContext([])
    const handshake = new CurveMechanism({
      publicKey: fromHex(FIXTURE.clientPublic),
      secretKey: fromHex(FIXTURE.clientSecret),
      serverKey: new Uint8Array(32).fill(7),
      crypto: countingCrypto(),
    }).create(client)
    handshake.start()
    expect(codeOf(() => handshake.receive(command(FIXTURE.welcome)))).toBe(ErrorCode.DecryptFailed)
  })

  it('fails an INITIATE whose cookie another connection got, or whose byte was changed', () => {
    // Each connection has its own cookie key: a second server connection cannot open the first's cookie.
    const first = fixtureHandshakes()
    first.serverHandshake.receive(command(FIXTURE.hello))
    const other = new CurveMechanism({ asServer: true, secretKey: fromHex(FIXTURE.serverSecret) }).create(
      mechanismContext([]),
    )
    other.receive(command(FIXTURE.hello))
    expect(codeOf(() => other.receive(command(FIXTURE.initiate)))).toBe(ErrorCode.DecryptFailed)

    for (const offset of [10, 110, 200, FIXTURE.initiate.length / 2 - 1]) {
      const { serverHandshake } = fixtureHandshakes()
      serverHandshake.receive(command(FIXTURE.hello))
      const tampered = fromHex(FIXTURE.initiate)
      tampered[offset]! ^= 0x01
      expect(
        codeOf(() => serverHandshake.receive(decodeCommand(tampered))),
        `offset ${offset}`,
      ).toBe(ErrorCode.DecryptFailed)
    }
  })

  it('rejects a public key that does not belong to the secret key, and malformed Z85', () => {
    expect(
      codeOf(
        () =>
          new CurveMechanism({
            publicKey: fromHex(FIXTURE.serverPublic),
            secretKey: fromHex(FIXTURE.clientSecret),
            serverKey: fromHex(FIXTURE.serverPublic),
          }),
      ),
    ).toBe(ErrorCode.InvalidArgument)
    expect(codeOf(() => new CurveMechanism({ asServer: true, secretKey: 'not a key' }))).toBe(
      ErrorCode.InvalidZ85,
    )
    // A secret key with one bad character: the error names the option, never the key's characters.
    let message = ''
    try {
      new CurveMechanism({ asServer: true, secretKey: `${'a'.repeat(39)}~` })
    } catch (error) {
      message = (error as ZmtpError).message
    }
    expect(message).toContain('secretKey')
    expect(message).not.toContain('~')
    expect(message).not.toContain('aaaaa')
  })
})

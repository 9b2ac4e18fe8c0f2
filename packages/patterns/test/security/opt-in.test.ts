/**
 * PLAIN and CURVE are registered, not imported: the browser entry (src/browser.ts) leaves them out, a socket
 * asking for them then fails at construction with ENOTSUP, and `@zmtp/patterns/security` (src/security/enable.ts)
 * brings them in. Each test file has its own module graph, so this file starts with an empty registry.
 */

import { curveKeyPair } from '@zmtp/core'
import { describe, expect, it } from 'vitest'
import { Dealer, ErrorCode, Router, SocketError } from '../../src/browser.js'
import { mechanismOf } from '../../src/security/socket-mechanism.js'

// Making keys needs core's crypto, not the registry: a browser app can hold keys before opting in.
const server = curveKeyPair()
const client = curveKeyPair()

const asking = {
  'a CURVE client': {
    curveServerKey: server.publicKey,
    curvePublicKey: client.publicKey,
    curveSecretKey: client.secretKey,
  },
  'a CURVE server': { curveServer: true, curveSecretKey: server.secretKey },
  'a PLAIN client': { plainUsername: 'admin', plainPassword: 'secret' },
  'a PLAIN server': { plainServer: true },
} as const

describe('security mechanisms as an opt-in', () => {
  it('without @zmtp/patterns/security, a socket asking for PLAIN or CURVE throws ENOTSUP naming the import', () => {
    for (const [what, options] of Object.entries(asking)) {
      const mechanism = what.includes('CURVE') ? 'CURVE' : 'PLAIN'
      let thrown: unknown
      try {
        new Dealer(options).close()
      } catch (error) {
        thrown = error
      }
      expect(thrown, what).toBeInstanceOf(SocketError)
      expect(thrown, what).toMatchObject({ code: ErrorCode.NotSupported })
      expect((thrown as Error).message, what).toContain(`the ${mechanism} mechanism is not registered`)
      expect((thrown as Error).message, what).toContain("import '@zmtp/patterns/security'")
    }
  })

  it('a socket without security options needs no registration', () => {
    new Router().close()
    expect(mechanismOf({})).toBeUndefined()
  })

  it('after importing @zmtp/patterns/security, the same options make PLAIN and CURVE sockets', async () => {
    await import('../../src/security/enable.js')
    for (const [what, options] of Object.entries(asking)) {
      new Dealer(options).close()
      expect(mechanismOf({ ...options }), what).toMatchObject({
        name: what.includes('CURVE') ? 'CURVE' : 'PLAIN',
      })
    }
  })
})

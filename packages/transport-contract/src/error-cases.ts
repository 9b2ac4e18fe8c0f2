import { EndpointError, ErrorCode, isZmtpError } from '@zmtp/core'
import { expect, it } from 'vitest'
import { dialTo, listenOn, MECHANISM } from './harness.js'
import type { ContractContext } from './options.js'
import { rejection } from './rejection.js'

/** Typed failures of listen and dial, and the endpoint syntax. */
export function errorCases({ factory, endpoints, opened }: ContractContext): void {
  it('rejects a dial to an address nobody listens on with its typed code', async () => {
    const transport = factory()
    const { listener } = await listenOn(transport, endpoints.listen(), opened)
    await listener.close()
    const error = await rejection(dialTo(transport, listener.endpoint, opened))
    expect(isZmtpError(error, endpoints.refusedCode ?? ErrorCode.ConnectionRefused), String(error)).toBe(true)
  })

  it('rejects a listen on a taken address with EADDRINUSE', async () => {
    const transport = factory()
    const { listener } = await listenOn(transport, endpoints.listen(), opened)
    const error = await rejection(listenOn(factory(), listener.endpoint, opened))
    expect(isZmtpError(error, ErrorCode.AddressInUse), String(error)).toBe(true)
  })

  it('rejects a dial with an AbortError when its signal aborts, before or during the dial', async () => {
    const transport = factory()
    const { listener } = await listenOn(transport, endpoints.listen(), opened)
    const endpoint = transport.parse(listener.endpoint, 'connect')
    const before = await rejection(transport.dial(endpoint, { ...MECHANISM, signal: AbortSignal.abort() }))
    expect(before).toMatchObject({ name: 'AbortError' })
    const abort = new AbortController()
    const dialling = transport.dial(endpoint, { ...MECHANISM, signal: abort.signal })
    abort.abort()
    expect(await rejection(dialling)).toMatchObject({ name: 'AbortError' })
  })

  it('parses and prints its endpoints so that they read back the same', () => {
    const transport = factory()
    for (const url of endpoints.samples) {
      const parsed = transport.parse(url)
      expect(transport.protocols, url).toContain(parsed.protocol)
      expect(transport.parse(transport.format(parsed)), url).toEqual(parsed)
    }
  })

  it('refuses at parse what it cannot serve: other schemes, and bind-only endpoints to connect to', () => {
    const transport = factory()
    expect(() => transport.parse('no-such-scheme://x')).toThrow(EndpointError)
    for (const url of endpoints.bindOnly ?? []) {
      expect(transport.parse(url, 'bind').protocol, url).toBe(transport.parse(url).protocol)
      expect(() => transport.parse(url, 'connect'), url).toThrow(EndpointError)
    }
  })
}

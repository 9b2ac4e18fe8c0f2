import type { HostPort } from '@zmtp/core'
import fc from 'fast-check'

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/)
const dnsName = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'))

/**
 * Hosts and ports as transports that address a host (tcp, ws...) parse them: `*`, IPv4, IPv6 and DNS
 * names, any port (0 is the ephemeral `*`). For property tests of a transport's parse and format.
 */
export const hostPortArbitrary: fc.Arbitrary<HostPort> = fc
  .record({
    port: fc.integer({ min: 0, max: 65535 }),
    family: fc.oneof(
      fc.constant({ host: '*', ipv6: false }),
      fc.ipV4().map((host) => ({ host, ipv6: false })),
      fc.ipV6().map((host) => ({ host, ipv6: true })),
      // All-numeric names are read as IPv4 and validated as such, so keep generated names non-numeric.
      dnsName.filter((host) => !/^[\d.]+$/.test(host)).map((host) => ({ host, ipv6: false })),
    ),
  })
  .map(({ port, family }) => ({ ...family, port }))

/** 1 to 30 characters that may appear in a URL path or an ipc path unescaped. */
export const urlTextArbitrary: fc.Arbitrary<string> = fc.stringMatching(
  /^[A-Za-z0-9._~!$&'()*+,;=:@%/-]{1,30}$/,
)

/** True for a dotted-quad IPv4 address without leading zeros, such as `10.0.0.1`. */
export function isIpv4(text: string): boolean {
  const parts = text.split('.')
  return parts.length === 4 && parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255)
}

/** True for an IPv6 address as written inside brackets, with an optional zone (`fe80::1%eth0`). */
export function isIpv6(text: string): boolean {
  // A zone names a local interface; it is kept as part of the host.
  const percent = text.indexOf('%')
  const address = percent < 0 ? text : text.slice(0, percent)
  if (percent >= 0 && percent === text.length - 1) return false
  const halves = address.split('::')
  if (halves.length > 2) return false
  let groups = 0
  for (let h = 0; h < halves.length; h++) {
    const half = halves[h]!
    if (half === '') continue
    const parts = half.split(':')
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!
      // An embedded IPv4 address may only close the whole address.
      const isLast = h === halves.length - 1 && i === parts.length - 1
      if (isLast && part.includes('.')) {
        if (!isIpv4(part)) return false
        groups += 2
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
        groups += 1
      } else {
        return false
      }
    }
  }
  return halves.length === 2 ? groups < 8 : groups === 8
}

import ipaddr from 'ipaddr.js'

/** Whether `ip` (as the request's client address, IPv4-mapped IPv6 included) falls in any range. */
export function ipAllowed(ip: string | undefined, ranges: readonly string[]): boolean {
  if (!ranges.length) return true
  if (!ip) return false
  let addr: ipaddr.IPv4 | ipaddr.IPv6
  try {
    addr = ipaddr.process(ip) // "::ffff:10.1.2.3" → 10.1.2.3
  }
  catch {
    return false
  }
  return ranges.some((range) => {
    try {
      const [network, bits] = ipaddr.parseCIDR(range)
      return network.kind() === addr.kind() && addr.match([network, bits] as never)
    }
    catch {
      return false
    }
  })
}

/** An address as people write it ("::ffff:10.1.2.3" → "10.1.2.3"), or null. */
export function plainIp(ip: string | undefined): string | null {
  if (!ip) return null
  try {
    return ipaddr.process(ip).toString()
  }
  catch {
    return ip
  }
}

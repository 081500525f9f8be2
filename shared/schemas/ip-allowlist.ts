import ipaddr from 'ipaddr.js'
import { z } from 'zod'

/** "10.0.0.0/8", "2001:db8::/32", or a single address (taken as /32 or /128); normalised. */
export function normaliseRange(value: string): string | null {
  const text = value.trim()
  try {
    if (text.includes('/')) {
      const [addr, bits] = ipaddr.parseCIDR(text)
      // The network address itself, so "10.1.2.3/8" is stored as "10.0.0.0/8".
      const network = addr.kind() === 'ipv4'
        ? ipaddr.IPv4.networkAddressFromCIDR(text)
        : ipaddr.IPv6.networkAddressFromCIDR(text)
      return `${network.toString()}/${bits}`
    }
    const addr = ipaddr.parse(text)
    return `${addr.toString()}/${addr.kind() === 'ipv4' ? 32 : 128}`
  }
  catch {
    return null
  }
}

/** PUT /api/settings/ip-allowlist: up to 100 ranges; an empty list lets everyone in. */
export const ipAllowlistSchema = z.object({
  ranges: z.array(z.string().max(64).transform((v, ctx) => {
    const range = normaliseRange(v)
    if (!range) ctx.addIssue({ code: 'custom', message: `"${v.trim()}" is not an IP address or CIDR range` })
    return range ?? ''
  })).max(100, 'at most 100 ranges').transform(r => [...new Set(r)]),
}).strict()

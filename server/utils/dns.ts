import { Resolver } from 'node:dns/promises'

/** What a TXT lookup found: the record strings (each record's chunks joined), or why there are none. */
export type TxtLookup = { ok: true, records: string[] } | { ok: false, error: string }

/**
 * A resolver on the servers from runtime config (`NUXT_DNS_SERVERS`, comma-separated
 * `ip[:port]`; empty = the system's), with the configured per-try timeout. Tests point it at a
 * DNS server on 127.0.0.1.
 */
function dnsResolver(): { resolver: Resolver, timeoutMs: number } {
  const config = useRuntimeConfig()
  const timeoutMs = Number(config.dnsTimeoutMs) || 3000
  const resolver = new Resolver({ timeout: timeoutMs, tries: 2 })
  const servers = String(config.dnsServers ?? '').split(',').map(s => s.trim()).filter(Boolean)
  if (servers.length) resolver.setServers(servers)
  return { resolver, timeoutMs }
}

const PLAIN: Record<string, string> = {
  ENODATA: 'no TXT record was found',
  ENOTFOUND: 'the name does not exist in DNS',
  ETIMEOUT: 'the DNS lookup timed out',
  ESERVFAIL: 'the domain\'s DNS servers failed to answer',
  EREFUSED: 'the DNS server refused the query',
  ECONNREFUSED: 'the DNS server could not be reached',
}

/** The TXT records at `name`, never throwing: a failure comes back as a sentence for the admin. */
export async function lookupTxt(name: string): Promise<TxtLookup> {
  const { resolver, timeoutMs } = dnsResolver()
  let timer: NodeJS.Timeout | undefined
  // c-ares has its own timeout per try; this bounds the whole lookup whatever the retries do.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })), timeoutMs * 2 + 500)
  })
  try {
    const records = await Promise.race([resolver.resolveTxt(name), deadline])
    return { ok: true, records: records.map(chunks => chunks.join('')) }
  }
  catch (error) {
    const code = (error as { code?: string }).code ?? ''
    return { ok: false, error: PLAIN[code] ?? `the DNS lookup failed (${code || 'unknown error'})` }
  }
  finally {
    clearTimeout(timer)
    resolver.cancel()
  }
}

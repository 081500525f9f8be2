import { inject } from 'vitest'
import type { VercelCall } from './fake-vercel'

/** Publishes TXT records at `name` on the test DNS server (replacing any there). */
export async function setTxt(name: string, values: string[]): Promise<void> {
  const res = await fetch(`${inject('dnsControlUrl')}/txt/${encodeURIComponent(name)}`, { method: 'PUT', body: JSON.stringify(values) })
  if (!res.ok) throw new Error(`test DNS refused the record: ${res.status}`)
}

/** Removes every record at `name` from the test DNS server. */
export async function clearTxt(name: string): Promise<void> {
  await fetch(`${inject('dnsControlUrl')}/txt/${encodeURIComponent(name)}`, { method: 'DELETE' })
}

/** Every call the test servers made to the fake Vercel API so far. */
export async function vercelCalls(): Promise<VercelCall[]> {
  return (await fetch(`${inject('vercelFakeUrl')}/__calls`)).json() as Promise<VercelCall[]>
}

// The Vercel adapter: when the app runs on Vercel, a custom domain must also be added to the
// Vercel project, or Vercel will not route it nor issue its certificate. Configured by
// NUXT_VERCEL_TOKEN + NUXT_VERCEL_PROJECT_ID (+ NUXT_VERCEL_TEAM_ID); off otherwise.

interface VercelConfig { token: string, projectId: string, teamId: string, apiUrl: string }

function vercelConfig(): VercelConfig | null {
  const config = useRuntimeConfig()
  const token = String(config.vercelToken ?? '')
  const projectId = String(config.vercelProjectId ?? '')
  if (!token || !projectId) return null
  return { token, projectId, teamId: String(config.vercelTeamId ?? ''), apiUrl: String(config.vercelApiUrl || 'https://api.vercel.com').replace(/\/+$/, '') }
}

async function vercelCall(c: VercelConfig, method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number, error?: string }> {
  const url = new URL(`${c.apiUrl}${path}`)
  if (c.teamId) url.searchParams.set('teamId', c.teamId)
  try {
    const res = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${c.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    })
    if (res.ok) return { status: res.status }
    const data = await res.json().catch(() => null) as { error?: { message?: string } } | null
    return { status: res.status, error: data?.error?.message ?? `HTTP ${res.status}` }
  }
  catch (error) {
    return { status: 0, error: (error as Error).name === 'TimeoutError' ? 'no answer within 10 seconds' : (error as Error).message }
  }
}

const refused = (what: string, error: string) =>
  apiError(502, 'DOMAIN_PROVIDER_FAILED', `The hosting provider (Vercel) did not ${what}: ${error}. Nothing was changed; try again later.`)

/** Adds the domain to the Vercel project (a no-op when the adapter is off); 502 if Vercel refuses. */
export async function providerAddDomain(hostname: string): Promise<void> {
  const c = vercelConfig()
  if (!c) return
  const res = await vercelCall(c, 'POST', `/v10/projects/${encodeURIComponent(c.projectId)}/domains`, { name: hostname })
  if (res.error) throw refused('accept the domain', res.error)
}

/** Removes the domain from the Vercel project; one Vercel no longer has counts as removed. */
export async function providerRemoveDomain(hostname: string, { quiet = false } = {}): Promise<void> {
  const c = vercelConfig()
  if (!c) return
  const res = await vercelCall(c, 'DELETE', `/v9/projects/${encodeURIComponent(c.projectId)}/domains/${encodeURIComponent(hostname)}`)
  if (res.error && res.status !== 404) {
    if (quiet) console.error(`[domains] Vercel kept ${hostname}: ${res.error}`)
    else throw refused('remove the domain', res.error)
  }
}

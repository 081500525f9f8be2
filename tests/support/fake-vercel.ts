import { createServer } from 'node:http'

/** One call the app made to the (fake) Vercel API. */
export interface VercelCall { method: string, path: string, teamId: string | null, authorization: string | null, body: unknown }

/**
 * A stand-in for Vercel's REST API on 127.0.0.1, where the test servers' Vercel adapter points
 * (NUXT_VERCEL_API_URL). It records every call (`GET /__calls` lists them) and accepts every
 * domain except those whose name contains `vercel-rejects`, which it refuses as Vercel would, and
 * fails to remove those whose name contains `vercel-sticky`.
 */
export async function startFakeVercel() {
  const calls: VercelCall[] = []
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value))
    if (url.pathname === '/__calls') return json(200, calls)
    let raw = ''
    req.on('data', (c) => {
      raw += c
    })
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) as { name?: string } : null
      calls.push({ method: req.method ?? '', path: url.pathname, teamId: url.searchParams.get('teamId'), authorization: req.headers.authorization ?? null, body })
      const add = /^\/v10\/projects\/([^/]+)\/domains$/.exec(url.pathname)
      if (req.method === 'POST' && add) {
        if (body?.name?.includes('vercel-rejects')) return json(400, { error: { code: 'forbidden', message: `You don't have permission to add ${body.name}` } })
        return json(200, { name: body?.name, projectId: add[1], verified: true })
      }
      const remove = /^\/v9\/projects\/([^/]+)\/domains\/([^/]+)$/.exec(url.pathname)
      if (req.method === 'DELETE' && remove) {
        if (remove[2]!.includes('vercel-sticky')) return json(500, { error: { code: 'internal', message: 'Vercel is having a moment' } })
        return json(200, {})
      }
      json(404, { error: { code: 'not_found', message: 'Not found' } })
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise(resolve => server.close(resolve)),
  }
}

import { readRawBody } from 'h3'

// Fourth, on a workspace's POST that carries `Idempotency-Key`: the first answer is kept for 24
// hours (per workspace and key) and a retry with the same request gets it again, marked
// `Idempotent-Replayed: true`, without running twice; the same key for another request (method,
// path or body) is a 422. A retry while the first is still running waits for it (up to 10 s, then
// 409). Only a success or a refusal of the input itself (400, 422) is kept: after a conflict, a
// limit or a server error, the retry runs again. Sign-in, incoming webhooks and the platform's
// routes have their own rules and are left alone.
const SKIPPED = ['/api/auth/', '/api/hooks/', '/api/platform/']
const KEY = /^[\x21-\x7E]{1,255}$/
const WAIT_MS = 10_000
const KEEP_BYTES = 1024 * 1024

export default defineEventHandler(async (event) => {
  if (event.method !== 'POST') return
  const key = getHeader(event, 'idempotency-key')
  const site = event.context.site
  if (key === undefined || site?.kind !== 'tenant' || !event.path.startsWith('/api/') || SKIPPED.some(p => event.path.startsWith(p))) return
  if (!KEY.test(key)) throw apiError(400, 'VALIDATION_FAILED', 'Invalid Idempotency-Key header: use 1 to 255 visible ASCII characters (a UUID is a good choice)')
  const tenantId = site.tenant.id
  const hash = requestHash(event.method, event.path, await readRawBody(event, false))

  let claim = await claimIdempotencyKey(tenantId, key, hash)
  for (const started = Date.now(); claim.kind === 'running' && Date.now() - started < WAIT_MS;) {
    await new Promise(r => setTimeout(r, 50))
    claim = await claimIdempotencyKey(tenantId, key, hash)
  }
  if (claim.kind === 'mismatch') throw apiError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for another request (another path or body). Use a new key for a new request.')
  if (claim.kind === 'running') throw apiError(409, 'CONFLICT', 'A request with this Idempotency-Key is still being answered. Retry in a moment.')
  if (claim.kind === 'replay') {
    setResponseStatus(event, claim.status)
    if (claim.contentType) setHeader(event, 'content-type', claim.contentType)
    setHeader(event, 'idempotent-replayed', 'true')
    return claim.body
  }

  // This request is the first: keep what it answers, as it is sent.
  const res = event.node.res
  const chunks: Buffer[] = []
  let kept = 0
  const keep = (chunk: unknown) => {
    if (chunk && typeof chunk !== 'function' && kept <= KEEP_BYTES) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
      chunks.push(buffer)
      kept += buffer.length
    }
  }
  const write = res.write.bind(res) as (...args: unknown[]) => boolean
  const end = res.end.bind(res) as (...args: unknown[]) => typeof res
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk)
    return write(chunk, ...rest)
  }) as typeof res.write
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk)
    return end(chunk, ...rest)
  }) as typeof res.end
  res.once('finish', () => {
    const final = res.statusCode < 300 || res.statusCode === 400 || res.statusCode === 422
    const done = !final || kept > KEEP_BYTES
      ? releaseIdempotencyKey(tenantId, key, hash)
      : finishIdempotencyKey(tenantId, key, hash, { status: res.statusCode, contentType: String(res.getHeader('content-type') ?? '') || null, body: Buffer.concat(chunks).toString('utf8') })
    done.catch(error => logger().warn({ cause: (error as Error).message }, 'idempotency: could not keep the answer'))
  })
  res.once('close', () => {
    // Cut off before an answer was sent: let the key go, so the retry runs.
    if (!res.writableFinished) releaseIdempotencyKey(tenantId, key, hash).catch(() => {})
  })
})

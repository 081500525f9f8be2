import { getHeader, readRawBody } from 'h3'
import { receiverParamsSchema } from '#shared/schemas/webhooks'
import { RECEIVER_MAX_BYTES, receiveWebhook } from '#server/services/webhooks/receivers'

// An incoming webhook from another system: verified (Standard Webhooks) against the raw body with
// the receiver's secret; logged either way, and only an accepted one goes on (202). No session:
// the signature is the credential. 401 for a bad or old signature, 413 for a body over 256 KB,
// 429 past 600 requests a minute to one receiver, 404 for a receiver that is not there or off.
export default defineEventHandler(async (event) => {
  requireFeature(event, 'webhooks')
  const { id } = await parseParams(event, receiverParamsSchema)
  if (await countAttempt('webhook-receiver', id, 600, 60) > 600) {
    setHeader(event, 'retry-after', 60)
    throw apiError(429, 'RATE_LIMITED', 'This receiver took more than 600 requests this minute. Try again in a minute.')
  }
  const declared = Number(getHeader(event, 'content-length') ?? 0)
  const raw = declared > RECEIVER_MAX_BYTES ? '' : (await readRawBody(event, 'utf8')) ?? ''
  const tooLarge = declared > RECEIVER_MAX_BYTES || Buffer.byteLength(raw) > RECEIVER_MAX_BYTES
  const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type', 'user-agent'].map(h => [h, getHeader(event, h)]))
  // Logged in its own transaction, then answered: a refusal must not roll its log entry back.
  const outcome = await withTenant(event, scope => receiveWebhook(scope, id, { raw, headers, tooLarge }))
  if (outcome.status === 413) throw apiError(413, 'PAYLOAD_TOO_LARGE', outcome.reason!)
  if (!outcome.accepted) throw apiError(401, 'UNAUTHENTICATED', outcome.reason!)
  setResponseStatus(event, outcome.status)
  return { received: true, duplicate: outcome.duplicate ?? false }
})

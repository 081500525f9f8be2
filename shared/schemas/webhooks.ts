import { z } from 'zod'
import { SUBSCRIBABLE_EVENT_TYPES } from '../events'

const url = z.string().trim().min(1, 'is required').max(2000, 'must be at most 2,000 characters')
  .refine((v) => {
    try {
      const u = new URL(v)
      return u.protocol === 'https:' || u.protocol === 'http:'
    }
    catch {
      return false
    }
  }, 'must be an https URL')

const eventTypes = z.array(z.string().refine(t => t === '*' || SUBSCRIBABLE_EVENT_TYPES.includes(t), 'is not an event type'))
  .min(1, 'pick at least one event').max(SUBSCRIBABLE_EVENT_TYPES.length + 1)
  .transform(t => (t.includes('*') ? ['*'] : [...new Set(t)]))

/** POST /api/webhooks: where to send, which events (`*` = all), and a note for people. */
export const webhookCreateSchema = z.object({
  url,
  eventTypes,
  description: z.string().trim().max(200, 'must be at most 200 characters').default(''),
}).strict()

/** PATCH /api/webhooks/:id: any of the fields, and switching it on or off. */
export const webhookUpdateSchema = z.object({
  url: url.optional(),
  eventTypes: eventTypes.optional(),
  description: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  enabled: z.boolean().optional(),
}).strict().refine(v => Object.keys(v).length > 0, 'send at least one field to change')

export const webhookParamsSchema = z.object({ id: z.uuid('must be a webhook endpoint id') })

export const webhookDeliveryParamsSchema = z.object({
  id: z.uuid('must be a webhook endpoint id'),
  deliveryId: z.uuid('must be a delivery id'),
})

/** GET /api/webhooks/:id/deliveries: newest first, a page at a time, optionally one status. */
export const webhookDeliveriesQuerySchema = z.object({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
}).strict()

/** POST /api/webhooks/:id/replay: sends again every failed delivery since a moment (at most 30 days back). */
export const webhookReplaySchema = z.object({
  since: z.iso.datetime({ offset: true, message: 'must be a date and time like 2026-01-31T09:00:00Z' })
    .refine(v => Date.parse(v) <= Date.now(), 'must not be in the future'),
}).strict()

export type WebhookCreate = z.infer<typeof webhookCreateSchema>
export type WebhookUpdate = z.infer<typeof webhookUpdateSchema>
export type WebhookDeliveriesQuery = z.infer<typeof webhookDeliveriesQuerySchema>

export interface WebhookEndpointRow {
  id: string
  url: string
  description: string
  eventTypes: string[]
  enabled: boolean
  /** Why the platform switched it off (five days of failures), or null. */
  disabledReason: string | null
  /** Since when every attempt has failed, or null while it is healthy. */
  failingSince: string | null
  /** While a rotated-out secret still signs (24 hours after a rotation). */
  previousSecretExpiresAt: string | null
  createdAt: string
  /** Deliveries of the last 24 hours by outcome. */
  recent: { delivered: number, failed: number, pending: number }
}

export interface WebhookDeliveryRow {
  id: string
  eventId: string
  eventType: string
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  nextAttemptAt: string | null
  lastStatus: number | null
  lastError: string | null
  deliveredAt: string | null
  createdAt: string
}

export interface WebhookAttemptRow {
  attempt: number
  startedAt: string
  durationMs: number
  requestHeaders: Record<string, string>
  requestBody: string
  responseStatus: number | null
  responseBody: string | null
  error: string | null
}

/** POST /api/webhooks/receivers: a name people recognise (the sending system). */
export const receiverCreateSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
}).strict()

/** PATCH /api/webhooks/receivers/:id: rename, or switch off (its address then answers 404). */
export const receiverUpdateSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters').optional(),
  enabled: z.boolean().optional(),
}).strict().refine(v => Object.keys(v).length > 0, 'send at least one field to change')

export const receiverParamsSchema = z.object({ id: z.uuid('must be a receiver id') })

/** GET /api/webhooks/receivers/:id/log: newest first, a page at a time, optionally one outcome. */
export const receiverLogQuerySchema = z.object({
  status: z.enum(['accepted', 'rejected']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
}).strict()

export type ReceiverCreate = z.infer<typeof receiverCreateSchema>
export type ReceiverUpdate = z.infer<typeof receiverUpdateSchema>
export type ReceiverLogQuery = z.infer<typeof receiverLogQuerySchema>

export interface WebhookReceiverRow {
  id: string
  name: string
  /** Where the other system posts: this workspace's address + /api/hooks/:id. */
  path: string
  enabled: boolean
  lastReceivedAt: string | null
  createdAt: string
}

export interface InboundWebhookRow {
  id: string
  messageId: string | null
  status: 'accepted' | 'rejected'
  reason: string | null
  headers: Record<string, string>
  body: string
  sourceIp: string | null
  receivedAt: string
}

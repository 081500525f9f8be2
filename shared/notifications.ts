import { z } from 'zod'

/**
 * What a person can be told about in the app (the bell) or by mail, and how they want each kind.
 * Workflows and approvals add their kinds here; each has a label and a line for the preferences page.
 */
export const NOTIFICATION_KINDS = {
  assignment: { label: 'Assigned to you', description: 'Someone else makes you the owner of a record' },
  mention: { label: 'Mentions', description: 'Someone mentions you in a note on a record you can see' },
  approval: { label: 'Approvals', description: 'A workflow asks you to approve or reject (the mail with its approve and reject links is always sent)' },
  workflow: { label: 'From workflows', description: 'A workflow\'s "notify" step names you or the record you own' },
  report: { label: 'Report schedules', description: 'A report you scheduled could not be delivered' },
} as const satisfies Record<string, { label: string, description: string }>

export type NotificationKind = keyof typeof NOTIFICATION_KINDS
export const NOTIFICATION_KIND_KEYS = Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]]

/** Where a kind goes: the bell, a mail, both, or nowhere. */
export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'both', 'none'] as const
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number]
export const CHANNEL_LABELS: Record<NotificationChannel, string> = { in_app: 'In the app', email: 'By email', both: 'In the app and by email', none: 'Off' }
/** Until a person chooses: in the app only. */
export const DEFAULT_CHANNEL: NotificationChannel = 'in_app'

export const showsInApp = (c: NotificationChannel) => c === 'in_app' || c === 'both'
export const sendsMail = (c: NotificationChannel) => c === 'email' || c === 'both'

export interface NotificationRow {
  id: string
  kind: NotificationKind
  title: string
  body: string | null
  /** A path in this workspace (`/deals/…`), never another origin. */
  link: string | null
  actor: { id: string, name: string } | null
  readAt: string | null
  createdAt: string
}

export const notificationsQuerySchema = z.strictObject({
  unread: z.enum(['true', 'false']).transform(v => v === 'true').optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})
export type NotificationsQuery = z.infer<typeof notificationsQuerySchema>

/** Marks some (by id) or all of one's notifications read. */
export const notificationsReadSchema = z.union([
  z.strictObject({ ids: z.array(z.uuid()).min(1).max(100) }),
  z.strictObject({ all: z.literal(true) }),
])
export type NotificationsRead = z.infer<typeof notificationsReadSchema>

/** A mail of what is still unread under the bell, at 08:00 in the workspace's time zone (weekly: on the first day of its week). */
export const DIGEST_FREQUENCIES = ['off', 'daily', 'weekly'] as const
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number]
export const DIGEST_LABELS: Record<DigestFrequency, string> = { off: 'Off', daily: 'Every morning', weekly: 'Every week' }

export const notificationPreferencesSchema = z.strictObject({
  ...Object.fromEntries(NOTIFICATION_KIND_KEYS.map(k => [k, z.enum(NOTIFICATION_CHANNELS).optional()])) as Record<NotificationKind, z.ZodOptional<z.ZodEnum<{ [K in NotificationChannel]: K }>>>,
  digest: z.enum(DIGEST_FREQUENCIES).optional(),
}).refine(v => Object.values(v).some(c => c !== undefined), 'Choose a channel for at least one kind, or the digest')
/** Each kind's channel, and the digest's frequency. */
export type NotificationPreferences = Record<NotificationKind, NotificationChannel> & { digest: DigestFrequency }

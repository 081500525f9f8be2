import { sql } from 'drizzle-orm'
import { boolean, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { tenantId, tenantRowId } from './columns'
import { users } from './identity'

/**
 * What a member is told about (shared/notifications.ts): shown under the bell when their channel
 * for the kind includes the app, mailed when it includes email (`mail_state` 'due' until the
 * minute's job sends it, then 'sent'). Rows for a removed member go with them. Tenant table (RLS).
 */
export const notifications = pgTable('notifications', {
  tenantId: tenantId(),
  id: tenantRowId(),
  userId: uuid('user_id').notNull(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body'),
  link: text('link'),
  actorId: uuid('actor_id'),
  /** Shown under the bell (the member's channel for the kind includes the app). */
  inApp: boolean('in_app').notNull().default(true),
  mailState: text('mail_state'),
  readAt: timestamp('read_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
  index('notifications_user_created_idx').on(t.tenantId, t.userId, t.createdAt),
  index('notifications_unread_idx').on(t.tenantId, t.userId).where(sql`read_at is null and in_app`),
  index('notifications_mail_due_idx').on(t.tenantId, t.createdAt).where(sql`mail_state = 'due'`),
])

/** A member's channel per kind; a kind without a row uses the default (in the app). Tenant table (RLS). */
export const notificationPreferences = pgTable('notification_preferences', {
  tenantId: tenantId(),
  userId: uuid('user_id').notNull(),
  kind: text('kind').notNull(),
  channel: text('channel').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.userId, t.kind] }),
  foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
])

/**
 * A member's email digest of what is unread under the bell: daily or weekly at 08:00 in the
 * workspace's time zone (`next_due_at`); no row means none. Tenant table (RLS).
 */
export const notificationDigests = pgTable('notification_digests', {
  tenantId: tenantId(),
  userId: uuid('user_id').notNull(),
  frequency: text('frequency').notNull(),
  nextDueAt: timestamp('next_due_at', { withTimezone: true }).notNull(),
  lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
}, t => [
  primaryKey({ columns: [t.tenantId, t.userId] }),
  foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }).onDelete('cascade'),
  index('notification_digests_due_idx').on(t.tenantId, t.nextDueAt),
])

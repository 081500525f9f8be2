import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { notificationPreferences, notifications, users } from '#drizzle/schema'
import type { NotificationChannel, NotificationKind, NotificationPreferences, NotificationRow, NotificationsQuery, NotificationsRead } from '#shared/notifications'
import { DEFAULT_CHANNEL, NOTIFICATION_KIND_KEYS, sendsMail, showsInApp } from '#shared/notifications'
import { keysetCursor, isTimeAndId } from '#server/utils/keyset-cursor'
import type { TenantScope } from '#server/utils/tenant-db'
import { digestOf, setDigest } from './digest'

/** What to tell whom: written in the transaction of the change it is about. */
export interface Notice {
  userIds: string[]
  kind: NotificationKind
  title: string
  body?: string | null
  /** A path in the workspace (`/deals/…`). */
  link?: string | null
  /** Who caused it: never told about their own doing. */
  actorId: string | null
}

/** Each recipient's channel for a kind (their choice, or the default). */
async function channels(scope: TenantScope, userIds: string[], kind: NotificationKind): Promise<Map<string, NotificationChannel>> {
  const chosen = await scope.tx.select({ userId: notificationPreferences.userId, channel: notificationPreferences.channel }).from(notificationPreferences)
    .where(scope.where(notificationPreferences, inArray(notificationPreferences.userId, userIds), eq(notificationPreferences.kind, kind)))
  const byUser = new Map(chosen.map(c => [c.userId, c.channel as NotificationChannel]))
  return new Map(userIds.map(id => [id, byUser.get(id) ?? DEFAULT_CHANNEL]))
}

/**
 * Tells active members about something, each by the channel they chose for its kind: under the
 * bell, by mail (sent within a minute by the `notifications-mail` job), both, or not at all.
 * Answers how many were told. Part of the caller's transaction: a change that rolls back tells nobody.
 */
export async function notify(scope: TenantScope, notice: Notice): Promise<number> {
  const candidates = [...new Set(notice.userIds)].filter(id => id !== notice.actorId)
  if (!candidates.length) return 0
  const active = await scope.tx.select({ id: users.id }).from(users)
    .where(scope.where(users, inArray(users.id, candidates), eq(users.status, 'active')))
  if (!active.length) return 0
  const byUser = await channels(scope, active.map(u => u.id), notice.kind)
  const rows = [...byUser].filter(([, c]) => c !== 'none').map(([userId, c]) => ({
    userId,
    kind: notice.kind,
    title: notice.title,
    body: notice.body ?? null,
    link: notice.link ?? null,
    actorId: notice.actorId,
    inApp: showsInApp(c),
    mailState: sendsMail(c) ? 'due' : null,
  }))
  if (rows.length) await scope.tx.insert(notifications).values(scope.values(notifications, rows))
  return rows.length
}

const mine = (scope: TenantScope, userId: string, ...more: (SQL | undefined)[]) =>
  scope.where(notifications, eq(notifications.userId, userId), eq(notifications.inApp, true), ...more)

/** How many of a member's notifications are unread. */
export async function unreadCount(scope: TenantScope, userId: string): Promise<number> {
  const [row] = await scope.tx.select({ n: sql<number>`count(*)::int` }).from(notifications).where(mine(scope, userId, isNull(notifications.readAt)))
  return row!.n
}

/** A member's notifications, newest first, `limit` after the cursor; with the unread count. */
export async function listNotifications(scope: TenantScope, userId: string, query: NotificationsQuery): Promise<{ items: NotificationRow[], nextCursor: string | null, unread: number }> {
  const [at, id] = query.cursor ? keysetCursor.decode(query.cursor, isTimeAndId) : []
  const rows = await scope.tx.select({ n: notifications, at: sql<string>`${notifications.createdAt}::text`, actorName: users.name }).from(notifications)
    .leftJoin(users, and(eq(users.tenantId, notifications.tenantId), eq(users.id, notifications.actorId)))
    .where(mine(scope, userId, query.unread ? isNull(notifications.readAt) : undefined,
      at !== undefined ? sql`(${notifications.createdAt}, ${notifications.id}) < (${at}::timestamptz, ${id}::uuid)` : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(query.limit + 1)
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  return {
    items: page.map(({ n, actorName }) => ({
      id: n.id,
      kind: n.kind as NotificationKind,
      title: n.title,
      body: n.body,
      link: n.link,
      actor: n.actorId ? { id: n.actorId, name: actorName ?? '(removed)' } : null,
      readAt: n.readAt?.toISOString() ?? null,
      createdAt: n.createdAt.toISOString(),
    })),
    nextCursor: rows.length > query.limit && last ? keysetCursor.encode([last.at, last.n.id]) : null,
    unread: await unreadCount(scope, userId),
  }
}

/** Marks some (ids of one's own) or all of one's notifications read. Answers the unread count left. */
export async function markRead(scope: TenantScope, userId: string, input: NotificationsRead): Promise<{ unread: number }> {
  await scope.tx.update(notifications).set({ readAt: sql`now()` })
    .where(mine(scope, userId, isNull(notifications.readAt), 'ids' in input ? inArray(notifications.id, input.ids) : undefined))
  return { unread: await unreadCount(scope, userId) }
}

/** A member's channel for every kind, and their digest. */
export async function getPreferences(scope: TenantScope, userId: string): Promise<NotificationPreferences> {
  const rows = await scope.tx.select().from(notificationPreferences).where(scope.where(notificationPreferences, eq(notificationPreferences.userId, userId)))
  const chosen = new Map(rows.map(r => [r.kind, r.channel as NotificationChannel]))
  const kinds = Object.fromEntries(NOTIFICATION_KIND_KEYS.map(k => [k, chosen.get(k) ?? DEFAULT_CHANNEL])) as Record<NotificationKind, NotificationChannel>
  return { ...kinds, digest: await digestOf(scope, userId) }
}

/** Sets a member's channel for the kinds given, and their digest if given (audited); the rest stay as they were. */
export async function setPreferences(scope: TenantScope, userId: string, input: Partial<NotificationPreferences>): Promise<NotificationPreferences> {
  const { digest, ...kinds } = input
  const rows = Object.entries(kinds).filter(([, c]) => c !== undefined).map(([kind, channel]) => ({ userId, kind, channel: channel!, updatedAt: new Date() }))
  if (rows.length) {
    await scope.tx.insert(notificationPreferences).values(scope.values(notificationPreferences, rows))
      .onConflictDoUpdate({ target: [notificationPreferences.tenantId, notificationPreferences.userId, notificationPreferences.kind], set: { channel: sql`excluded.channel`, updatedAt: sql`excluded.updated_at` } })
  }
  if (digest) await setDigest(scope, userId, digest)
  await scope.audit({ action: 'notification.preferences_changed', entityType: 'user', entityId: userId, after: { ...Object.fromEntries(rows.map(r => [r.kind, r.channel])), ...(digest ? { digest } : {}) } })
  return getPreferences(scope, userId)
}

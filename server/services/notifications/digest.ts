import { and, asc, desc, eq, gt, isNull, lte, sql } from 'drizzle-orm'
import { notificationDigests, notifications, users } from '#drizzle/schema'
import type { DigestFrequency } from '#shared/notifications'
import { nextDigestAt } from './schedule'
import { activeTenantsWhere } from '#server/utils/tenant-scan'
import { WHY_THIS_MAIL } from './mail'
import type { TenantScope } from '#server/utils/tenant-db'

/** At most this many notifications are listed in one digest (the rest are counted). */
const LISTED = 20

/** Sets a member's digest: the next one is due at its next 08:00; `off` removes it. */
export async function setDigest(scope: TenantScope, userId: string, frequency: DigestFrequency): Promise<void> {
  if (frequency === 'off') {
    await scope.tx.delete(notificationDigests).where(scope.where(notificationDigests, eq(notificationDigests.userId, userId)))
    return
  }
  const prefs = scope.request.tenant?.preferences
  const nextDueAt = nextDigestAt(frequency, prefs?.timeZone ?? 'UTC', prefs?.weekStartsOn ?? 1)
  await scope.tx.insert(notificationDigests).values(scope.values(notificationDigests, [{ userId, frequency, nextDueAt }]))
    .onConflictDoUpdate({ target: [notificationDigests.tenantId, notificationDigests.userId], set: { frequency, nextDueAt } })
}

/** A member's digest frequency (`off` without one). */
export async function digestOf(scope: TenantScope, userId: string): Promise<DigestFrequency> {
  const [row] = await scope.tx.select({ frequency: notificationDigests.frequency }).from(notificationDigests)
    .where(scope.where(notificationDigests, eq(notificationDigests.userId, userId))).limit(1)
  return (row?.frequency as DigestFrequency | undefined) ?? 'off'
}

/**
 * Every 15 minutes (`notifications-digest`): each digest that is due mails what is unread under
 * the member's bell and arrived since the last digest (nothing to say: no mail), and moves on to
 * its next 08:00. The rows are locked while their mails go out and moved on in the same
 * transaction, so two instances never send the same digest; a missed slot (server down) sends one
 * digest when it runs again, not one per slot missed.
 */
export async function sendDueDigests(): Promise<{ tenants: number, sent: number }> {
  const due = await activeTenantsWhere(`exists (select 1 from notification_digests where tenant_id = tid and next_due_at <= now())`)
  let sent = 0
  for (const tenantId of due) {
    const tenant = await tenantById(tenantId)
    if (!tenant) continue
    const origin = workspaceOrigin(tenant)
    sent += await runInTenant(tenantId, async (scope) => {
      const digests = await scope.tx.select({ d: notificationDigests, email: users.email, status: users.status }).from(notificationDigests)
        .innerJoin(users, and(eq(users.tenantId, notificationDigests.tenantId), eq(users.id, notificationDigests.userId)))
        .where(scope.where(notificationDigests, lte(notificationDigests.nextDueAt, sql`now()`)))
        .for('update', { of: notificationDigests, skipLocked: true })
      let mailed = 0
      for (const { d, email, status } of digests) {
        const unread = status !== 'active'
          ? []
          : await scope.tx.select({ title: notifications.title, link: notifications.link }).from(notifications)
              .where(scope.where(notifications, eq(notifications.userId, d.userId), eq(notifications.inApp, true), isNull(notifications.readAt),
                d.lastSentAt ? gt(notifications.createdAt, d.lastSentAt) : undefined))
              .orderBy(desc(notifications.createdAt), asc(notifications.id))
        if (unread.length) {
          const listed = unread.slice(0, LISTED).map(n => `• ${n.title}\n  ${origin}${n.link ?? '/'}`)
          if (unread.length > LISTED) listed.push(`… and ${unread.length - LISTED} more.`)
          await sendMail(null, brandedNotice(tenant, origin, {
            to: email,
            subject: `${unread.length} unread notification${unread.length > 1 ? 's' : ''} in ${tenant.name}`,
            text: `Still unread under your bell since ${d.frequency === 'daily' ? 'your last digest' : 'last week'}:\n\n${listed.join('\n')}\n\n${WHY_THIS_MAIL}`,
            action: 'Open your notifications',
            url: `${origin}/`,
          }))
          mailed++
        }
        const prefs = tenant.preferences
        await scope.tx.update(notificationDigests).set({
          nextDueAt: nextDigestAt(d.frequency as 'daily' | 'weekly', prefs.timeZone, prefs.weekStartsOn),
          ...(unread.length ? { lastSentAt: sql`now()` } : {}),
        }).where(scope.where(notificationDigests, eq(notificationDigests.userId, d.userId)))
      }
      return mailed
    })
  }
  return { tenants: due.length, sent }
}

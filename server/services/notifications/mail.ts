import { and, asc, eq, inArray } from 'drizzle-orm'
import { notifications, users } from '#drizzle/schema'
import { activeTenantsWhere } from '#server/utils/tenant-scan'

const BATCH = 100

/** The last line of every notification mail. */
export const WHY_THIS_MAIL = 'You get this mail because of your notification settings; change them under Account → Notifications.'

/**
 * Every minute (`notifications-mail`): mails each notification whose member chose email for its
 * kind, in the workspace's brand, with a button to what it is about. The rows are locked while
 * their mails go out and marked sent in the same transaction, so two instances never send the same
 * one; a crash between a send and the commit sends that mail again (at least once, never lost).
 */
export async function mailDueNotifications(): Promise<{ tenants: number, sent: number }> {
  const due = await activeTenantsWhere(`exists (select 1 from notifications where tenant_id = tid and mail_state = 'due')`)
  let sent = 0
  for (const tenantId of due) {
    const tenant = await tenantById(tenantId)
    if (!tenant) continue
    const origin = workspaceOrigin(tenant)
    for (;;) {
      const n = await runInTenant(tenantId, async (scope) => {
        const rows = await scope.tx.select({ id: notifications.id, title: notifications.title, body: notifications.body, link: notifications.link, email: users.email })
          .from(notifications)
          .innerJoin(users, and(eq(users.tenantId, notifications.tenantId), eq(users.id, notifications.userId)))
          .where(scope.where(notifications, eq(notifications.mailState, 'due')))
          .orderBy(asc(notifications.createdAt)).limit(BATCH).for('update', { of: notifications, skipLocked: true })
        for (const row of rows) {
          await sendMail(null, brandedNotice(tenant, origin, {
            to: row.email,
            subject: row.title,
            text: [row.title, row.body].filter(Boolean).join('\n\n') + `\n\n${WHY_THIS_MAIL}`,
            action: 'Open in ' + tenant.name,
            url: `${origin}${row.link ?? '/'}`,
          }))
        }
        if (rows.length) {
          await scope.tx.update(notifications).set({ mailState: 'sent' })
            .where(scope.where(notifications, inArray(notifications.id, rows.map(r => r.id))))
        }
        return rows.length
      })
      sent += n
      if (n < BATCH) break
    }
  }
  return { tenants: due.length, sent }
}

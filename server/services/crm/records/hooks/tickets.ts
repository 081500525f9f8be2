import type { WorkspacePreferences } from '#shared/schemas/workspace'
import type { SlaPriority } from '#shared/sla'
import { slaDueAt } from '#shared/sla'
import type { HookContext, RecordHooks } from '#server/services/crm/records/registry'

const DONE = ['resolved', 'closed']

const prefsOf = (ctx: HookContext): WorkspacePreferences => ctx.scope.tenant.preferences

/**
 * Tickets: the SLA due time from the priority and the workspace's working hours (set on create,
 * recomputed from the creation time when the priority changes, which re-arms the breach event);
 * the first response when the
 * status first leaves `new`; the resolution time follows the status.
 */
export const ticketHooks: RecordHooks = {
  async beforeCreate(ctx, values) {
    const createdAt = new Date()
    values.createdAt = createdAt
    values.slaDueAt = slaDueAt(createdAt, (values.priority as SlaPriority | undefined) ?? 'normal', prefsOf(ctx))
    if (DONE.includes(values.status as string)) values.resolvedAt = createdAt
  },
  async beforeUpdate(ctx, before, patch) {
    if (patch.priority !== undefined && patch.priority !== before.priority) {
      patch.slaDueAt = slaDueAt(before.createdAt as Date, patch.priority as SlaPriority, prefsOf(ctx))
      // A new due time may be breached in its turn (and announced again).
      patch.slaBreachedAt = null
    }
    if (patch.status === undefined || patch.status === before.status) return
    if (before.status === 'new' && !before.firstResponseAt) patch.firstResponseAt = new Date()
    const done = DONE.includes(patch.status as string)
    if (done !== DONE.includes(before.status as string)) patch.resolvedAt = done ? new Date() : null
  },
}

import type { RecordHooks } from '../registry'

const DONE = ['resolved', 'closed']

/** Tickets: the resolution time follows the status. */
export const ticketHooks: RecordHooks = {
  async beforeCreate(_ctx, values) {
    if (DONE.includes(values.status as string)) values.resolvedAt = new Date()
  },
  async beforeUpdate(_ctx, before, patch) {
    if (patch.status === undefined || patch.status === before.status) return
    const done = DONE.includes(patch.status as string)
    if (done !== DONE.includes(before.status as string)) patch.resolvedAt = done ? new Date() : null
  },
}

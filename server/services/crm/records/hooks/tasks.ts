import type { RecordHooks } from '#server/services/crm/records/registry'

/** Tasks: the completion time follows the status. */
export const taskHooks: RecordHooks = {
  async beforeCreate(_ctx, values) {
    if (values.status === 'done') values.completedAt = new Date()
  },
  async beforeUpdate(_ctx, before, patch) {
    if (patch.status === undefined || patch.status === before.status) return
    patch.completedAt = patch.status === 'done' ? new Date() : null
  },
}

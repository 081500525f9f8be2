import type { RecordHooks } from '#server/services/crm/records/registry'

const refuse = (path: string, message: string) => apiError(400, 'VALIDATION_FAILED', `Invalid body: ${path} ${message}`, [{ path, message }])

/**
 * Leads: new → contacted → qualified → converted (only through POST /api/leads/:id/convert) or
 * lost. A lost lead says why; it may be reopened (its reason is then cleared). A converted lead
 * keeps its status: the account, contact and deal made from it carry on.
 */
export const leadHooks: RecordHooks = {
  async beforeCreate(_ctx, values) {
    if (values.status === 'lost' && !values.lostReason) throw refuse('lostReason', 'is required when a lead is lost')
    if (values.status !== 'lost') values.lostReason = null
  },
  async beforeUpdate(_ctx, before, patch) {
    if (patch.status === undefined || patch.status === before.status) {
      if (patch.lostReason !== undefined && before.status !== 'lost' && patch.lostReason !== null) throw refuse('lostReason', 'only applies to a lost lead')
      if (before.status === 'lost' && patch.lostReason === null) throw refuse('lostReason', 'is required when a lead is lost')
      return
    }
    if (before.status === 'converted') throw apiError(409, 'CONFLICT', 'This lead is converted; its status no longer changes', [{ path: 'status', message: 'a converted lead keeps its status' }])
    if (patch.status === 'lost') {
      if (!patch.lostReason) throw refuse('lostReason', 'is required when a lead is lost')
    }
    else patch.lostReason = null
  },
}

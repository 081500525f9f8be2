import type { RecordHooks } from '../registry'

/** Leads: status lifecycle rules (conversion is its own route). */
export const leadHooks: RecordHooks = {}

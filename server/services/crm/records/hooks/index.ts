import type { RecordType } from '#shared/records'
import type { RecordHooks } from '#server/services/crm/records/registry'
import { dealHooks } from './deals'
import { leadHooks } from './leads'
import { taskHooks } from './tasks'
import { ticketHooks } from './tickets'

// What each record type adds to the generic engine (registry.ts says what a hook may do). Kept
// apart from the registry: hooks use pipelines and timelines, which read through the registry,
// so only the writer (write.ts) imports this table and no import runs in a circle.
export const RECORD_HOOKS: Record<RecordType, RecordHooks> = {
  accounts: {},
  contacts: {},
  leads: leadHooks,
  deals: dealHooks,
  tasks: taskHooks,
  tickets: ticketHooks,
}

import type { RecordScope } from '#shared/records'

/** How the role editor and the roles list name each record scope. */
export const RECORD_SCOPE_LABELS: Record<RecordScope, string> = { all: 'All records', team: 'Their teams\' records', own: 'Their own records' }
export const RECORD_SCOPE_HINTS: Record<RecordScope, string> = {
  all: 'Every record of the workspace.',
  team: 'Records owned by them or by anyone in one of their teams.',
  own: 'Only records they own or are assigned.',
}

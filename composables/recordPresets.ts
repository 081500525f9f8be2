import type { RecordType } from '#shared/records'

/** Built-in views of some lists (also the targets of the navigation's "My tasks"). */
export const RECORD_PRESETS: Partial<Record<RecordType, { name: string, icon: string, query: Record<string, string> }[]>> = {
  tasks: [{ name: 'My tasks', icon: 'i-lucide-user-check', query: { ownerId: 'me', status: 'open', sort: 'dueAt' } }],
  tickets: [
    { name: 'Breached', icon: 'i-lucide-siren', query: { breached: 'true' } },
    { name: 'My open tickets', icon: 'i-lucide-user-check', query: { ownerId: 'me', status: 'new,open,pending' } },
  ],
  deals: [{ name: 'My open deals', icon: 'i-lucide-user-check', query: { ownerId: 'me', status: 'open' } }],
  leads: [{ name: 'New leads', icon: 'i-lucide-sparkles', query: { status: 'new' } }],
}

import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import { accounts, contacts, deals, leads, tasks, tickets } from '#drizzle/schema'
import type { RecordType } from '#shared/records'
import type { TenantScope } from '#server/utils/tenant-db'
import type { RecordActor } from './visibility'

/** The columns every record table has (drizzle/schema/records.ts `recordColumns`). */
export type RecordTable = PgTable & {
  tenantId: PgColumn
  id: PgColumn
  ownerId: PgColumn
  custom: PgColumn
  version: PgColumn
  deletedAt: PgColumn
  createdBy: PgColumn
  createdAt: PgColumn
  updatedAt: PgColumn
}

export type Row = Record<string, unknown> & { id: string, version: number, ownerId: string | null, custom: Record<string, string | number | null>, deletedAt: Date | null }

export interface HookContext {
  scope: TenantScope
  actor: RecordActor
}

/**
 * What a record type adds to the generic engine. Hooks run inside the write's transaction and
 * may refuse with a 4xx (nothing is written then); `values`/`patch` may be completed in place.
 */
export interface RecordHooks {
  beforeCreate?: (ctx: HookContext, values: Record<string, unknown>) => Promise<void>
  beforeUpdate?: (ctx: HookContext, before: Row, patch: Record<string, unknown>) => Promise<void>
  afterWrite?: (ctx: HookContext, before: Row | null, after: Row) => Promise<void>
}

export const RECORD_TABLES = {
  accounts: accounts as unknown as RecordTable,
  contacts: contacts as unknown as RecordTable,
  leads: leads as unknown as RecordTable,
  deals: deals as unknown as RecordTable,
  tasks: tasks as unknown as RecordTable,
  tickets: tickets as unknown as RecordTable,
} satisfies Record<RecordType, RecordTable>

/** A column of a record table by its catalogue key (the Drizzle property name). */
export function column(type: RecordType, key: string): PgColumn {
  const col = (RECORD_TABLES[type] as unknown as Record<string, PgColumn>)[key]
  if (!col) throw new Error(`No column ${key} on ${type}`)
  return col
}

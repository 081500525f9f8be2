import { isNull, sql } from 'drizzle-orm'
import { RECORD_TYPES } from '#shared/records'
import type { TenantScope } from '#server/utils/tenant-db'
import { RECORD_TABLES } from './registry'

/** Live (not deleted) records of every type: what the plan's record limit counts. */
export async function countLiveRecords(scope: TenantScope): Promise<number> {
  let total = 0
  for (const type of RECORD_TYPES) {
    const table = RECORD_TABLES[type]
    const [row] = await scope.tx.select({ n: sql<number>`count(*)::int` }).from(table).where(scope.where(table, isNull(table.deletedAt)))
    total += row?.n ?? 0
  }
  return total
}

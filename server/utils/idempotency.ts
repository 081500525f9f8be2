import { createHash } from 'node:crypto'
import { and, eq, lt, sql } from 'drizzle-orm'
import { idempotencyKeys } from '#drizzle/schema'
import { rowsOf } from '#server/database/connect'

/** How long a key's first answer is kept and replayed. */
export const IDEMPOTENCY_HOURS = 24
/** A claim still running after this long is taken to be lost (its instance stopped) and may be taken over. */
const ABANDONED_SECONDS = 120

export type Claim
  = | { kind: 'new' }
    | { kind: 'replay', status: number, contentType: string | null, body: string }
    | { kind: 'mismatch' }
    | { kind: 'running' }

/** What identifies a request for its key: method, path and the raw body. */
export function requestHash(method: string, path: string, body: Buffer | string | undefined): string {
  return createHash('sha256').update(`${method} ${path}\n`).update(body ?? '').digest('base64url')
}

/**
 * Claims `key` for this workspace: `new` when this request is the first (or the key's answer has
 * expired, or an earlier claim was abandoned), else what the first one left — its answer to replay,
 * `running` while it is still being answered, `mismatch` when it was made for another request.
 * One statement decides, so two requests racing with the same key cannot both be `new`.
 */
export async function claimIdempotencyKey(tenantId: string, key: string, hash: string): Promise<Claim> {
  return runInTenant(tenantId, async (scope) => {
    const taken = await scope.tx.execute(sql`
      insert into idempotency_keys (tenant_id, key, request_hash) values (${tenantId}, ${key}, ${hash})
      on conflict (tenant_id, key) do update set request_hash = excluded.request_hash, status = 0, content_type = null, body = null, created_at = now()
        where idempotency_keys.created_at < now() - make_interval(hours => ${IDEMPOTENCY_HOURS})
           or (idempotency_keys.status = 0 and idempotency_keys.created_at < now() - make_interval(secs => ${ABANDONED_SECONDS}))
      returning key`)
    if (rowsOf(taken).length) {
      // Now and then, the workspace's expired keys go.
      if (Math.random() < 0.02) await scope.tx.delete(idempotencyKeys).where(scope.where(idempotencyKeys, lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`)))
      return { kind: 'new' }
    }
    const [row] = await scope.tx.select().from(idempotencyKeys).where(scope.where(idempotencyKeys, eq(idempotencyKeys.key, key))).limit(1)
    if (!row) return { kind: 'running' }
    if (row.requestHash !== hash) return { kind: 'mismatch' }
    if (row.status === 0) return { kind: 'running' }
    return { kind: 'replay', status: row.status, contentType: row.contentType, body: row.body ?? '' }
  })
}

/** Keeps the first answer for replays. */
export async function finishIdempotencyKey(tenantId: string, key: string, hash: string, answer: { status: number, contentType: string | null, body: string }): Promise<void> {
  await runInTenant(tenantId, scope => scope.tx.update(idempotencyKeys).set(answer)
    .where(scope.where(idempotencyKeys, eq(idempotencyKeys.key, key), eq(idempotencyKeys.requestHash, hash), eq(idempotencyKeys.status, 0))))
}

/** Lets a key go (the request failed on the server's side): a retry runs again. */
export async function releaseIdempotencyKey(tenantId: string, key: string, hash: string): Promise<void> {
  await runInTenant(tenantId, scope => scope.tx.delete(idempotencyKeys)
    .where(and(scope.where(idempotencyKeys, eq(idempotencyKeys.key, key), eq(idempotencyKeys.requestHash, hash), eq(idempotencyKeys.status, 0)))))
}

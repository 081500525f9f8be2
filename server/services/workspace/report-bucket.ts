import { createHash } from 'node:crypto'
import { AwsV4Signer } from 'aws4fetch'
import { sql } from 'drizzle-orm'
import { reportBuckets } from '#drizzle/schema'
import type { ReportBucket, ReportBucketInput } from '#shared/report-schedules'
import type { TenantScope } from '#server/utils/tenant-db'

/**
 * A workspace's own S3-compatible bucket, where report schedules may put their files. Set up by
 * its admins (Settings → Data); the secret key is sealed at rest and never answered. Every request
 * to the store is signed (AWS Signature V4, the payload's hash included) and goes through the
 * platform's outbound guard, so a bucket's address can never reach a private or metadata address.
 */

type Row = typeof reportBuckets.$inferSelect

function present(row: Row): ReportBucket {
  return {
    endpoint: row.endpoint,
    bucket: row.bucket,
    region: row.region,
    prefix: row.prefix,
    accessKeyId: row.accessKeyId,
    checkedAt: row.checkedAt?.toISOString() ?? null,
    lastError: row.lastError,
    updatedAt: row.updatedAt.toISOString(),
  }
}

async function readRow(scope: TenantScope): Promise<Row | undefined> {
  const [row] = await scope.tx.select().from(reportBuckets).where(scope.where(reportBuckets)).limit(1)
  return row
}

/** The workspace's bucket, or null when none is set up. */
export async function getReportBucket(scope: TenantScope): Promise<ReportBucket | null> {
  const row = await readRow(scope)
  return row ? present(row) : null
}

/** Whether the workspace has a bucket (a schedule that puts files there needs one). */
export async function hasReportBucket(scope: TenantScope): Promise<boolean> {
  return !!(await readRow(scope))
}

/** Sets the bucket up or changes it; a change without a secret keeps the stored one. Audited without the secret. */
export async function saveReportBucket(scope: TenantScope, input: ReportBucketInput): Promise<ReportBucket> {
  await refuseUnreachableUrl(input.endpoint, 'endpoint')
  const current = await readRow(scope)
  if (!current && !input.secretAccessKey) throw apiError(400, 'VALIDATION_FAILED', 'The secret access key is required to set the bucket up', [{ path: 'secretAccessKey', message: 'is required' }])
  const { secretAccessKey, ...fields } = input
  const values = { ...fields, secretEnc: secretAccessKey ? sealSecret(secretAccessKey) : current!.secretEnc, checkedAt: null, lastError: null, updatedAt: sql`now()` }
  const [row] = await scope.tx.insert(reportBuckets).values(scope.values(reportBuckets, [values]))
    .onConflictDoUpdate({ target: reportBuckets.tenantId, set: values })
    .returning()
  await scope.audit({
    action: 'report.bucket_updated', entityType: 'report_bucket', entityId: scope.tenantId,
    before: current ? { endpoint: current.endpoint, bucket: current.bucket, prefix: current.prefix, accessKeyId: current.accessKeyId } : null,
    after: { endpoint: fields.endpoint, bucket: fields.bucket, prefix: fields.prefix, accessKeyId: fields.accessKeyId, secretChanged: !!secretAccessKey },
  })
  return present(row!)
}

/** Removes the bucket; schedules that put files there fail (and say why) until one is set up again. */
export async function deleteReportBucket(scope: TenantScope): Promise<void> {
  const current = await readRow(scope)
  if (!current) throw notFound('No bucket is set up')
  await scope.tx.delete(reportBuckets).where(scope.where(reportBuckets))
  await scope.audit({ action: 'report.bucket_removed', entityType: 'report_bucket', entityId: scope.tenantId, before: { endpoint: current.endpoint, bucket: current.bucket } })
}

/** A file's key in the bucket: `<prefix>/<report>/<YYYY-MM-DD-HHmm>-<run>.<ext>` (the time in UTC). */
export function bucketKey(prefix: string, reportName: string, runId: string, at: Date, ext: string): string {
  const slug = reportName.toLowerCase().normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/[\s_-]+/g, '-').slice(0, 60) || 'report'
  const stamp = at.toISOString().slice(0, 16).replace('T', '-').replace(':', '')
  return [prefix, slug, `${stamp}-${runId.slice(0, 8)}.${ext}`].filter(Boolean).join('/')
}

/** What the store answered: its S3 error code and message when it refused. */
function refusal(status: number, body: string): string {
  const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1]
  const message = /<Message>([^<]+)<\/Message>/.exec(body)?.[1]
  return `the bucket answered ${status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`
}

/**
 * Puts one object into the bucket, signed, through the outbound guard, and records the outcome on
 * the bucket's row. Answers null when the store answered 2xx, else what it answered (or why it
 * could not be reached): the caller decides, after its transaction has kept that record.
 */
async function putObject(scope: TenantScope, row: Row, key: string, bytes: Uint8Array, contentType: string): Promise<string | null> {
  let failure: string | null = null
  try {
    const url = `${row.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(row.bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`
    const signer = new AwsV4Signer({
      method: 'PUT', url, service: 's3', region: row.region, accessKeyId: row.accessKeyId, secretAccessKey: openSecret(row.secretEnc),
      headers: { 'content-type': contentType, 'x-amz-content-sha256': createHash('sha256').update(bytes).digest('hex') },
    })
    const signed = await signer.sign()
    const answer = await outboundRequest(signed.url.toString(), { method: 'PUT', headers: Object.fromEntries(signed.headers.entries()), body: bytes, timeoutMs: 60_000 })
    if (answer.status < 200 || answer.status >= 300) failure = refusal(answer.status, answer.body)
  }
  catch (error) {
    failure = error instanceof OutboundRefused ? `its address ${error.message}` : `it could not be reached (${(error as Error).message})`
  }
  await scope.tx.update(reportBuckets).set({ checkedAt: sql`now()`, lastError: failure }).where(scope.where(reportBuckets))
  return failure ? `The workspace's bucket did not take the file: ${failure}` : null
}

/**
 * Puts a report file into the workspace's bucket, under its prefix. Answers the bucket's name and
 * the key, and `failure` (why the store did not take it, or that no bucket is set up) or null.
 */
export async function putReportFile(scope: TenantScope, file: { reportName: string, runId: string, at: Date, ext: string, bytes: Uint8Array, contentType: string }): Promise<{ bucket: string, key: string, failure: string | null }> {
  const row = await readRow(scope)
  if (!row) return { bucket: '', key: '', failure: 'No bucket is set up for this workspace (Settings → Data → Report bucket)' }
  const key = bucketKey(row.prefix, file.reportName, file.runId, file.at, file.ext)
  return { bucket: row.bucket, key, failure: await putObject(scope, row, key, file.bytes, file.contentType) }
}

/** Writes a small test file, so an admin knows the address, name and keys work before a schedule relies on them. */
export async function testReportBucket(scope: TenantScope): Promise<{ ok: boolean, key: string, message: string }> {
  const row = await readRow(scope)
  if (!row) throw notFound('No bucket is set up')
  const key = [row.prefix, 'atrium-test.txt'].filter(Boolean).join('/')
  const failure = await putObject(scope, row, key, Buffer.from(`Atrium can write here (${new Date().toISOString()}).\n`), 'text/plain; charset=utf-8')
  await scope.audit({ action: 'report.bucket_tested', entityType: 'report_bucket', entityId: scope.tenantId, after: { ok: !failure, key, ...(failure ? { error: failure } : {}) } })
  return failure ? { ok: false, key, message: failure } : { ok: true, key, message: `Wrote ${key} to ${row.bucket}` }
}

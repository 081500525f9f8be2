import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm'
import { reportRuns, reportSchedules, roles, users } from '#drizzle/schema'
import type { Permission } from '#shared/permissions'
import type { RecordScope } from '#shared/records'
import { MAIL_ATTACHMENT_MAX_BYTES, REPORT_FILE_DAYS, describeCadence } from '#shared/report-schedules'
import { brandedNotice } from '#server/utils/mail-templates'
import { reportUserOf } from '#server/utils/report-access'
import type { ReportUser } from '#server/utils/report-access'
import { activeTenantsWhere } from '#server/utils/tenant-scan'
import type { TenantContext } from '#server/utils/tenant'
import type { TenantScope } from '#server/utils/tenant-db'
import { notify } from '#server/services/notifications/notifications'
import { putReportFile } from '#server/services/workspace/report-bucket'
import { REPORT_CONTENT_TYPES, reportFileName, reportRowLimit } from './files'
import { getReport, reportFile, writeReportOutput } from './reports'
import { nextRun } from './schedules'

/**
 * Scheduled reports run by one job per tenant (`reports-run`), queued by a sweep every minute for
 * tenants with a schedule due or a run waiting, and by "send now":
 * 1. due schedules are claimed (locked, skipping any another instance holds); each gets a queued
 *    run keyed by the time it was due — (schedule, due time) is unique, so a retried job or a
 *    second instance adds nothing — and its next time is counted from now, so a schedule whose
 *    times passed while the server was down runs once, not once per missed time;
 * 2. queued runs are claimed and made one at a time: the report runs as the schedule's maker
 *    (their rows, their columns) in the schedule's time zone, its file is written whole into the
 *    report store, then mailed (attached, or a link when large) and announced as
 *    `report.delivered`. A report past the row limit, a maker who left, or a mail server that
 *    refuses fails the run with its reason, stores no file, and tells the maker.
 */

type RunRow = typeof reportRuns.$inferSelect

const CLAIM_BATCH = 20
/** Due schedules claimed per transaction (a workspace with more claims again at once). */
const DUE_BATCH = 200
/** A run still `running` this long after it started was cut short (the process stopped): it fails. */
const STALE_RUN_MINUTES = 30

const storeKey = (tenantId: string, runId: string) => `reports:${tenantId}:${runId}`

/** Where the job is woken from: the jobs plugin hands over the function that queues a tenant's run. */
let queueRun: ((tenantId: string) => Promise<unknown>) | undefined
export function useReportQueue(fn: (tenantId: string) => Promise<unknown>): void {
  queueRun = fn
}
/** Queues a tenant's report job (after "send now" commits); a lost wake-up is caught by the minute's sweep. */
export async function queueReports(tenantId: string): Promise<void> {
  await queueRun?.(tenantId)
}

/** Queues the job of every tenant with a schedule due, a run waiting, or a run cut short. */
export async function sweepReportSchedules(): Promise<{ tenants: number }> {
  const owed = await activeTenantsWhere(`exists (select 1 from report_schedules where tenant_id = tid and enabled and next_run_at <= now())
    or exists (select 1 from report_runs where tenant_id = tid and (status = 'queued' or (status = 'running' and started_at < now() - interval '${STALE_RUN_MINUTES} minutes')))`)
  for (const tenantId of owed) await queueReports(tenantId)
  return { tenants: owed.length }
}

/** Step 1: a queued run for each due schedule, and each one's next time from now. */
async function claimDueSchedules(scope: TenantScope, tenant: TenantContext, on: boolean): Promise<{ due: number, queued: number }> {
  const due = await scope.tx.select().from(reportSchedules)
    .where(scope.where(reportSchedules, eq(reportSchedules.enabled, true), lte(reportSchedules.nextRunAt, sql`now()`)))
    .orderBy(asc(reportSchedules.nextRunAt)).limit(DUE_BATCH).for('update', { skipLocked: true })
  if (!due.length) return { due: 0, queued: 0 }
  const now = new Date()
  // With the module off, due times pass without a run (as a workflow's events do): nothing is owed when it comes back.
  const queued = !on
    ? []
    : await scope.tx.insert(reportRuns).values(scope.values(reportRuns, due.map(s => ({
        reportId: s.reportId, scheduleId: s.id, dueAt: s.nextRunAt!, format: s.format,
      })))).onConflictDoNothing().returning({ id: reportRuns.id })
  for (const s of due) {
    let next: Date | null
    try {
      next = nextRun(s.cadence, s.timeZone ?? tenant.preferences.timeZone, now)
    }
    catch {
      next = null // a cadence that no longer parses (checked on save): the schedule stops rather than loops
    }
    await scope.tx.update(reportSchedules).set({ nextRunAt: next, enabled: next !== null })
      .where(scope.where(reportSchedules, eq(reportSchedules.id, s.id)))
  }
  return { due: due.length, queued: queued.length }
}

/** Step 2: runs to make now, marked running (a run cut short long ago fails here instead). */
async function claimQueuedRuns(scope: TenantScope): Promise<RunRow[]> {
  await scope.tx.update(reportRuns).set({ status: 'failed', error: 'Interrupted: the server stopped while this run was being made', finishedAt: sql`now()` })
    .where(scope.where(reportRuns, eq(reportRuns.status, 'running'), lt(reportRuns.startedAt, sql`now() - make_interval(mins => ${STALE_RUN_MINUTES})`)))
  const rows = await scope.tx.select().from(reportRuns).where(scope.where(reportRuns, eq(reportRuns.status, 'queued')))
    .orderBy(asc(reportRuns.dueAt)).limit(CLAIM_BATCH).for('update', { skipLocked: true })
  if (!rows.length) return []
  await scope.tx.update(reportRuns).set({ status: 'running', startedAt: sql`now()` }).where(scope.where(reportRuns, inArray(reportRuns.id, rows.map(r => r.id))))
  return rows
}

/** Why a run fails: its message is the run's error, shown in its history and told to the maker. */
class RunFailure extends Error {}

/** The schedule's maker as a report user, in the schedule's zone; a failure when they can no longer make it. */
async function makerOf(scope: TenantScope, tenant: TenantContext, schedule: typeof reportSchedules.$inferSelect) {
  if (!schedule.createdBy) throw new RunFailure('The person who made this schedule has left the workspace: ask someone else to schedule the report')
  const [member] = await scope.tx.select({ id: users.id, status: users.status, permissions: roles.permissions, recordScope: roles.recordScope }).from(users)
    .innerJoin(roles, and(eq(roles.tenantId, users.tenantId), eq(roles.id, users.roleId)))
    .where(scope.where(users, eq(users.id, schedule.createdBy))).limit(1)
  if (!member || member.status !== 'active') throw new RunFailure('The person who made this schedule is no longer an active member: ask someone else to schedule the report')
  const permissions = member.permissions as Permission[]
  if (!permissions.includes('reports:export')) throw new RunFailure('The person who made this schedule may no longer export reports')
  return reportUserOf(tenant, { userId: member.id, recordScope: member.recordScope as RecordScope, permissions }, schedule.timeZone ?? tenant.preferences.timeZone)
}

/** A stream that keeps what is written (a delivery's file goes to the store whole, or not at all). */
function collector(): { out: Writable, bytes: () => Buffer } {
  const chunks: Buffer[] = []
  const out = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
      done()
    },
  })
  return { out, bytes: () => Buffer.concat(chunks) }
}

interface Made {
  skipped: boolean
  rows: number
  report: { id: string, name: string }
  bytes?: Buffer
  fileName?: string
}

/** Makes the run's file as the schedule's maker: the report as they would export it, in the schedule's zone. */
async function makeFile(tenant: TenantContext, run: RunRow): Promise<{ made: Made, schedule: typeof reportSchedules.$inferSelect }> {
  return runInTenant(tenant.id, async (scope) => {
    const [schedule] = run.scheduleId
      ? await scope.tx.select().from(reportSchedules).where(scope.where(reportSchedules, eq(reportSchedules.id, run.scheduleId))).limit(1)
      : []
    if (!schedule) throw new RunFailure('The schedule was deleted before this run was made')
    const user = await makerOf(scope, tenant, schedule)
    let made
    try {
      made = await reportFile(scope, user, run.reportId, run.format, reportRowLimit())
    }
    catch (error) {
      const status = (error as { statusCode?: number }).statusCode
      if (status === 404) throw new RunFailure('The report was deleted, or is no longer shared with the person who scheduled it')
      if (status && status < 500) throw new RunFailure((error as Error).message)
      throw error
    }
    const report = { id: made.report.id, name: made.report.name }
    if (made.rows === 0 && schedule.skipEmpty) return { made: { skipped: true, rows: 0, report }, schedule }
    const sink = collector()
    await writeReportOutput(sink.out, run.format, made, tenant)
    return { made: { skipped: false, rows: made.rows, report, bytes: sink.bytes(), fileName: reportFileName(made.report.name, run.format) }, schedule }
  }, { actor: { type: 'report_schedule', id: run.scheduleId ?? undefined }, tenant })
}

/** Mails the file to each recipient: attached when small enough (and not link-only), else as its link. */
async function mailFile(tenant: TenantContext, schedule: typeof reportSchedules.$inferSelect, made: Made, url: string): Promise<{ label: string | null, failure: string | null }> {
  const attach = !schedule.linkOnly && made.bytes!.length <= MAIL_ATTACHMENT_MAX_BYTES
  const origin = workspaceOrigin(tenant)
  const rows = `${made.rows.toLocaleString('en-US')} row${made.rows === 1 ? '' : 's'}`
  const text = attach
    ? `Your scheduled report "${made.report.name}" (${describeCadence(schedule.cadence).toLowerCase()}) is attached: ${rows}.`
    : `Your scheduled report "${made.report.name}" (${describeCadence(schedule.cadence).toLowerCase()}) is ready: ${rows}. The link below downloads it for ${REPORT_FILE_DAYS} days; anyone with the link can download it.`
  // Each recipient on their own: one refused address does not keep the file from the others.
  const refused: { to: string, cause: string }[] = []
  for (const to of schedule.recipients) {
    const mail = brandedNotice(tenant, origin, {
      to, subject: `${made.report.name} — ${tenant.name}`, text,
      action: attach ? 'Open the report' : 'Download the file', url: attach ? `${origin}/reports/${made.report.id}` : url,
    })
    try {
      await sendMail(null, { ...mail, attachments: attach ? [{ filename: made.fileName!, content: made.bytes!, contentType: REPORT_CONTENT_TYPES[schedule.format] }] : undefined })
    }
    catch (error) {
      refused.push({ to, cause: (error as Error).message })
    }
  }
  const sent = schedule.recipients.length - refused.length
  return {
    label: sent ? `mail to ${sent} ${sent === 1 ? 'person' : 'people'} (${attach ? 'attached' : 'as a link'})` : null,
    failure: refused.length ? `The mail to ${refused.map(r => r.to).join(', ')} could not be sent: ${refused[0]!.cause}` : null,
  }
}

/** Fails a run with its reason and tells the schedule's maker (one transaction). */
async function failRun(tenant: TenantContext, run: RunRow, message: string, started: number, delivered: string[]): Promise<void> {
  await runInTenant(tenant.id, async (scope) => {
    await scope.tx.update(reportRuns).set({ status: 'failed', error: message, delivered, durationMs: Math.round(performance.now() - started), finishedAt: sql`now()` })
      .where(scope.where(reportRuns, eq(reportRuns.id, run.id)))
    const [schedule] = run.scheduleId ? await scope.tx.select({ createdBy: reportSchedules.createdBy }).from(reportSchedules).where(scope.where(reportSchedules, eq(reportSchedules.id, run.scheduleId))) : []
    if (schedule?.createdBy) {
      await notify(scope, { userIds: [schedule.createdBy], kind: 'report', title: 'A scheduled report was not delivered', body: message, link: `/reports/${run.reportId}`, actorId: null })
    }
  })
}

/** Makes and delivers one claimed run; never throws (its outcome is the run's status). */
async function deliverRun(tenant: TenantContext, run: RunRow): Promise<void> {
  const started = performance.now()
  const delivered: string[] = []
  const key = storeKey(tenant.id, run.id)
  let stored = false
  try {
    const { made, schedule } = await makeFile(tenant, run)
    if (made.skipped) {
      await runInTenant(tenant.id, scope => scope.tx.update(reportRuns).set({ status: 'skipped', rows: 0, durationMs: Math.round(performance.now() - started), finishedAt: sql`now()` })
        .where(scope.where(reportRuns, eq(reportRuns.id, run.id))))
      return
    }
    await blobStorage().setItemRaw(key, made.bytes!)
    stored = true
    delivered.push('report store')
    const token = randomBytes(24).toString('base64url')
    const expiresAt = new Date(Date.now() + REPORT_FILE_DAYS * 86_400_000)
    const url = `${workspaceOrigin(tenant)}/api/report-files/${run.id}?token=${token}`
    // The link works from here on (its hash is on the run) even if a mail fails below.
    await runInTenant(tenant.id, scope => scope.tx.update(reportRuns).set({ storageKey: key, fileName: made.fileName, linkTokenHash: hashToken(token), sizeBytes: made.bytes!.length, rows: made.rows })
      .where(scope.where(reportRuns, eq(reportRuns.id, run.id))))
    // The workspace's own bucket first: a bucket that refuses fails the run before anyone is mailed.
    if (schedule.bucket) {
      const put = await runInTenant(tenant.id, scope => putReportFile(scope, {
        reportName: made.report.name, runId: run.id, at: run.dueAt, ext: run.format, bytes: made.bytes!, contentType: REPORT_CONTENT_TYPES[run.format],
      }))
      if (put.failure) throw new RunFailure(put.failure)
      delivered.push(`bucket ${put.bucket}: ${put.key}`)
    }
    const mailed = schedule.recipients.length ? await mailFile(tenant, schedule, made, url) : { label: null, failure: null }
    if (mailed.label) delivered.push(mailed.label)
    const final = schedule.webhook ? [...delivered, 'webhook event'] : [...delivered]
    await runInTenant(tenant.id, async (scope) => {
      if (schedule.webhook) {
        await scope.emit('report.delivered', {
          report: made.report, scheduleId: schedule.id, runId: run.id, format: run.format, rows: made.rows, sizeBytes: made.bytes!.length, url, expiresAt: expiresAt.toISOString(),
        })
      }
      await scope.tx.update(reportRuns).set({ status: 'delivered', delivered: final, durationMs: Math.round(performance.now() - started), finishedAt: sql`now()` })
        .where(scope.where(reportRuns, eq(reportRuns.id, run.id)))
    }, { actor: { type: 'report_schedule', id: schedule.id }, tenant })
    delivered.splice(0, delivered.length, ...final)
    // Refused addresses fail the run (its maker is told) after what did go out is recorded.
    if (mailed.failure) throw new RunFailure(mailed.failure)
  }
  catch (error) {
    const message = error instanceof RunFailure ? error.message : 'The report could not be made; it will run again at its next time'
    if (!(error instanceof RunFailure)) logger().error({ tenantId: tenant.id, runId: run.id, err: error }, 'reports: a scheduled run failed')
    // A run that failed before anything went out keeps no file: nothing is left to be fetched as if complete.
    if (stored && delivered.length <= 1) {
      await blobStorage().removeItem(key).catch(() => {})
      await runInTenant(tenant.id, scope => scope.tx.update(reportRuns).set({ storageKey: null, linkTokenHash: null }).where(scope.where(reportRuns, eq(reportRuns.id, run.id)))).catch(() => {})
      delivered.length = 0
    }
    await failRun(tenant, run, message, started, delivered)
  }
}

/** Frees the store of files older than REPORT_FILE_DAYS (their runs stay, as history). */
async function pruneFiles(tenantId: string): Promise<void> {
  const expired = await runInTenant(tenantId, scope => scope.tx.update(reportRuns).set({ storageKey: null, linkTokenHash: null })
    .where(scope.where(reportRuns, sql`${reportRuns.storageKey} is not null`, lt(reportRuns.startedAt, sql`now() - make_interval(days => ${REPORT_FILE_DAYS})`)))
    .returning({ key: reportRuns.storageKey }))
  for (const row of expired) if (row.key) await blobStorage().removeItem(row.key).catch(() => {})
}

/** The `reports-run` job of one tenant: claims due schedules, then makes queued runs, a batch at a time. */
export async function runReportSchedules(tenantId: string): Promise<{ queued: number, made: number }> {
  const tenant = await tenantById(tenantId)
  if (!tenant) return { queued: 0, made: 0 }
  const on = !!tenant.features.reports
  if (!on) {
    await runInTenant(tenantId, scope => scope.tx.update(reportRuns).set({ status: 'failed', error: 'Not made: the Reports module was turned off', finishedAt: sql`now()` })
      .where(scope.where(reportRuns, eq(reportRuns.status, 'queued'))))
  }
  let queued = 0
  for (;;) {
    const claimed = await runInTenant(tenantId, scope => claimDueSchedules(scope, tenant, on))
    queued += claimed.queued
    if (claimed.due < DUE_BATCH) break
  }
  let made = 0
  for (;;) {
    const runs = await runInTenant(tenantId, claimQueuedRuns)
    for (const run of runs) await deliverRun(tenant, run)
    made += runs.length
    if (runs.length < CLAIM_BATCH) break
  }
  if (made) await pruneFiles(tenantId)
  return { queued, made }
}

/** A run's stored file as a download (audited); 410 once it is no longer kept, or when the run made none. */
async function storedFile(scope: TenantScope, run: RunRow): Promise<{ name: string, contentType: string, bytes: Uint8Array }> {
  const data = run.storageKey ? await blobStorage().getItemRaw<Uint8Array | ArrayBuffer>(run.storageKey) : null
  if (!data) throw apiError(410, 'EXPORT_EXPIRED', run.status === 'delivered' ? `This file is no longer kept (files are kept ${REPORT_FILE_DAYS} days)` : 'This run made no file')
  await scope.audit({ action: 'report.file_downloaded', entityType: 'report', entityId: run.reportId, after: { runId: run.id, bytes: run.sizeBytes } })
  return { name: run.fileName ?? `report.${run.format}`, contentType: REPORT_CONTENT_TYPES[run.format], bytes: new Uint8Array(data) }
}

/** A delivered file by its link (no sign-in: the secret in the link is the key), while it is kept. */
export async function openReportFile(scope: TenantScope, runId: string, token: string) {
  const [run] = await scope.tx.select().from(reportRuns).where(scope.where(reportRuns, eq(reportRuns.id, runId))).limit(1)
  if (!run || !run.linkTokenHash || run.linkTokenHash !== hashToken(token)) throw notFound('No such file: the link is wrong, or the file is no longer kept')
  return storedFile(scope, run)
}

/** A file of a report's run history, for someone who can open the report (the history's download). */
export async function runFile(scope: TenantScope, user: ReportUser, reportId: string, runId: string) {
  await getReport(scope, user, reportId)
  const [run] = await scope.tx.select().from(reportRuns).where(scope.where(reportRuns, eq(reportRuns.id, runId), eq(reportRuns.reportId, reportId))).limit(1)
  if (!run) throw notFound('No such run')
  return storedFile(scope, run)
}

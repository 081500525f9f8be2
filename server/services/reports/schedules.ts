import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm'
import { reportRuns, reportSchedules, users } from '#drizzle/schema'
import type { Cadence, ReportRun, ReportSchedule, ScheduleCreate, SchedulePatch } from '#shared/report-schedules'
import { DEFAULT_SCHEDULE_MINUTES, describeCadence, describeInterval, scheduleCron } from '#shared/report-schedules'
import { keysetCursor, isTimeAndId } from '#server/utils/keyset-cursor'
import { planLimits } from '#server/utils/plan-limits'
import type { ReportUser } from '#server/utils/report-access'
import type { TenantScope } from '#server/utils/tenant-db'
import { cronCheck, nextFires } from '#server/services/automation/definition'
import { hasReportBucket } from '#server/services/workspace/report-bucket'
import { getReport, isReportsAdmin } from './reports'

/**
 * Report schedules and their run history. A schedule belongs to a report its maker can see and
 * runs as its maker (their rows and columns). Its maker or a reports admin changes it; anyone
 * who can open the report sees its schedules and runs. Saving checks the cadence against the
 * plan's shortest interval and the recipients against the workspace's rule (members only,
 * unless an admin allows anyone).
 */

type ScheduleRow = typeof reportSchedules.$inferSelect
type RunRow = typeof reportRuns.$inferSelect

function refuse(path: string, message: string): never {
  throw apiError(422, 'VALIDATION_FAILED', message, [{ path, message }])
}

/** The shortest time the plan allows between two runs of one schedule. */
export async function shortestMinutes(scope: TenantScope): Promise<number> {
  return (await planLimits(scope, scope.tenantId)).reportScheduleMinutes ?? DEFAULT_SCHEDULE_MINUTES
}

/** The next time a cadence fires after `after` in a zone, checked against the plan; refuses a bad cron with its reason. */
export function nextRun(cadence: Cadence, timeZone: string, after = new Date()): Date {
  return nextFires(scheduleCron(cadence), timeZone, 1, after)[0]!
}

async function checkCadence(scope: TenantScope, cadence: Cadence, timeZone: string): Promise<void> {
  const minutes = await shortestMinutes(scope)
  const problem = cronCheck(scheduleCron(cadence), timeZone, minutes, 8)
  if (problem?.kind === 'wrong') refuse('cadence.cron', problem.message)
  if (problem) refuse('cadence', `Your plan runs a report at most ${describeInterval(minutes)}: choose a less frequent schedule`)
}

/** Recipients must be active members, unless the workspace lets reports go to anyone. */
/** A schedule that puts files into the workspace's bucket needs one set up. */
async function checkBucket(scope: TenantScope): Promise<void> {
  if (!(await hasReportBucket(scope))) refuse('bucket', 'Set up the workspace\'s bucket first (Settings → Data → Report bucket)')
}

async function checkRecipients(scope: TenantScope, recipients: string[], anyone: boolean): Promise<void> {
  if (!recipients.length || anyone) return
  const members = await scope.tx.select({ email: users.email }).from(users)
    .where(scope.where(users, inArray(sql`lower(${users.email})`, recipients), eq(users.status, 'active')))
  const known = new Set(members.map(m => m.email.toLowerCase()))
  const outside = recipients.findIndex(r => !known.has(r))
  if (outside >= 0) refuse(`recipients.${outside}`, `${recipients[outside]} is not a member of this workspace; an admin can allow reports to go to other addresses in Settings → General`)
}

/** The workspace's zone and whether reports may be mailed outside it (the request's tenant, or loaded in a job). */
export interface ScheduleContext {
  timeZone: string
  anyoneMayReceive: boolean
}

function runOf(row: RunRow): ReportRun {
  return {
    id: row.id,
    scheduleId: row.scheduleId,
    dueAt: row.dueAt.toISOString(),
    manual: row.manual,
    status: row.status,
    rows: row.rows,
    sizeBytes: row.sizeBytes,
    durationMs: row.durationMs,
    error: row.error,
    delivered: row.delivered,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    downloadable: !!row.storageKey,
  }
}

function scheduleOf(row: ScheduleRow, maker: { id: string, name: string } | null, lastRun: RunRow | undefined, user: ReportUser, ctx: ScheduleContext): ReportSchedule {
  const canEdit = row.createdBy === user.userId || isReportsAdmin(user)
  return {
    id: row.id,
    reportId: row.reportId,
    cadence: row.cadence,
    cron: scheduleCron(row.cadence),
    description: describeCadence(row.cadence),
    timeZone: row.timeZone,
    effectiveTimeZone: row.timeZone ?? ctx.timeZone,
    format: row.format,
    skipEmpty: row.skipEmpty,
    // Who receives it is for those who may change it; others see how many.
    recipients: canEdit ? row.recipients : [],
    recipientCount: row.recipients.length,
    linkOnly: row.linkOnly,
    webhook: row.webhook,
    bucket: row.bucket,
    enabled: row.enabled,
    nextRunAt: row.enabled ? row.nextRunAt?.toISOString() ?? null : null,
    lastRun: lastRun ? runOf(lastRun) : null,
    createdBy: maker,
    canEdit,
  }
}

/** A report's schedules, for anyone who can open the report. */
export async function listSchedules(scope: TenantScope, user: ReportUser, reportId: string, ctx: ScheduleContext): Promise<ReportSchedule[]> {
  await getReport(scope, user, reportId)
  const rows = await scope.tx.select({ schedule: reportSchedules, maker: { id: users.id, name: users.name } }).from(reportSchedules)
    .leftJoin(users, and(eq(users.tenantId, reportSchedules.tenantId), eq(users.id, reportSchedules.createdBy)))
    .where(scope.where(reportSchedules, eq(reportSchedules.reportId, reportId)))
    .orderBy(reportSchedules.createdAt)
  const ids = rows.map(r => r.schedule.id)
  const last = ids.length
    ? await scope.tx.selectDistinctOn([reportRuns.scheduleId]).from(reportRuns)
        .where(scope.where(reportRuns, inArray(reportRuns.scheduleId, ids)))
        .orderBy(reportRuns.scheduleId, desc(reportRuns.startedAt))
    : []
  return rows.map(r => scheduleOf(r.schedule, r.maker?.id ? r.maker : null, last.find(l => l.scheduleId === r.schedule.id), user, ctx))
}

async function oneSchedule(scope: TenantScope, user: ReportUser, reportId: string, id: string, ctx: ScheduleContext): Promise<ReportSchedule> {
  const found = (await listSchedules(scope, user, reportId, ctx)).find(s => s.id === id)
  if (!found) throw notFound('No such schedule')
  return found
}

async function editableSchedule(scope: TenantScope, user: ReportUser, reportId: string, id: string, ctx: ScheduleContext): Promise<ReportSchedule> {
  const current = await oneSchedule(scope, user, reportId, id, ctx)
  if (!current.canEdit) throw apiError(403, 'FORBIDDEN', 'Only the person who made this schedule or a reports admin can change it')
  return current
}

/** Schedules a report the person can open (they need `reports:export`: a schedule makes files). */
export async function createSchedule(scope: TenantScope, user: ReportUser, reportId: string, input: ScheduleCreate, ctx: ScheduleContext): Promise<ReportSchedule> {
  const report = await getReport(scope, user, reportId)
  const zone = input.timeZone ?? ctx.timeZone
  await checkCadence(scope, input.cadence, zone)
  await checkRecipients(scope, input.recipients, ctx.anyoneMayReceive)
  if (input.bucket) await checkBucket(scope)
  const [row] = await scope.tx.insert(reportSchedules).values(scope.values(reportSchedules, [{
    reportId, createdBy: user.userId, cadence: input.cadence, timeZone: input.timeZone, format: input.format, skipEmpty: input.skipEmpty,
    recipients: input.recipients, linkOnly: input.linkOnly, webhook: input.webhook, bucket: input.bucket, enabled: input.enabled,
    nextRunAt: input.enabled ? nextRun(input.cadence, zone) : null,
  }])).returning({ id: reportSchedules.id })
  await scope.audit({ action: 'report.scheduled', entityType: 'report', entityId: reportId, after: {
    report: report.name, scheduleId: row!.id, cadence: describeCadence(input.cadence), timeZone: zone, format: input.format, recipients: input.recipients.length, webhook: input.webhook, bucket: input.bucket,
  } })
  return oneSchedule(scope, user, reportId, row!.id, ctx)
}

export async function updateSchedule(scope: TenantScope, user: ReportUser, reportId: string, id: string, input: SchedulePatch, ctx: ScheduleContext): Promise<ReportSchedule> {
  const current = await editableSchedule(scope, user, reportId, id, ctx)
  const cadence = input.cadence ?? current.cadence
  const timeZone = input.timeZone === undefined ? current.timeZone : input.timeZone
  const zone = timeZone ?? ctx.timeZone
  const enabled = input.enabled ?? current.enabled
  if (input.cadence || input.timeZone !== undefined) await checkCadence(scope, cadence, zone)
  if (input.recipients) await checkRecipients(scope, input.recipients, ctx.anyoneMayReceive)
  const recipients = input.recipients ?? current.recipients
  if (!recipients.length && !(input.webhook ?? current.webhook) && !(input.bucket ?? current.bucket)) refuse('recipients', 'Add a recipient, announce the file to webhooks, or put it into the workspace\'s bucket')
  if (input.bucket) await checkBucket(scope)
  // Any change of when it runs starts the count again from now: a change never owes a past run.
  await scope.tx.update(reportSchedules).set({ ...input, nextRunAt: enabled ? nextRun(cadence, zone) : null, updatedAt: sql`now()` })
    .where(scope.where(reportSchedules, eq(reportSchedules.id, id)))
  await scope.audit({ action: 'report.schedule_updated', entityType: 'report', entityId: reportId, before: { scheduleId: id, cadence: current.description, enabled: current.enabled }, after: { changed: Object.keys(input), cadence: describeCadence(cadence), enabled } })
  return oneSchedule(scope, user, reportId, id, ctx)
}

export async function deleteSchedule(scope: TenantScope, user: ReportUser, reportId: string, id: string, ctx: ScheduleContext): Promise<void> {
  const current = await editableSchedule(scope, user, reportId, id, ctx)
  await scope.tx.delete(reportSchedules).where(scope.where(reportSchedules, eq(reportSchedules.id, id)))
  await scope.audit({ action: 'report.schedule_deleted', entityType: 'report', entityId: reportId, before: { scheduleId: id, cadence: current.description, recipients: current.recipients.length } })
}

/** "Send now": queues a run of the schedule at once (it does not move the next scheduled one). */
export async function queueRunNow(scope: TenantScope, user: ReportUser, reportId: string, id: string, ctx: ScheduleContext): Promise<ReportRun> {
  const current = await editableSchedule(scope, user, reportId, id, ctx)
  const [row] = await scope.tx.insert(reportRuns).values(scope.values(reportRuns, [{
    reportId, scheduleId: id, dueAt: new Date(), manual: true, format: current.format,
  }])).returning()
  await scope.audit({ action: 'report.sent_now', entityType: 'report', entityId: reportId, after: { scheduleId: id, runId: row!.id } })
  return runOf(row!)
}

/** A report's runs, newest first, a page at a time (optionally one schedule's). */
export async function listRuns(scope: TenantScope, user: ReportUser, reportId: string, query: { scheduleId?: string, cursor?: string, limit: number }): Promise<{ items: ReportRun[], nextCursor: string | null }> {
  await getReport(scope, user, reportId)
  const after = query.cursor ? keysetCursor.decode(query.cursor, isTimeAndId) : null
  const rows = await scope.tx.select({ run: reportRuns, at: sql<string>`${reportRuns.startedAt}::text` }).from(reportRuns).where(scope.where(reportRuns,
    eq(reportRuns.reportId, reportId),
    query.scheduleId ? eq(reportRuns.scheduleId, query.scheduleId) : undefined,
    after ? or(lt(reportRuns.startedAt, sql`${after[0]}::timestamptz`), and(eq(reportRuns.startedAt, sql`${after[0]}::timestamptz`), lt(reportRuns.id, after[1]!))) : undefined,
  )).orderBy(desc(reportRuns.startedAt), desc(reportRuns.id)).limit(query.limit + 1)
  const more = rows.length > query.limit
  const items = rows.slice(0, query.limit)
  const last = items.at(-1)
  return { items: items.map(r => runOf(r.run)), nextCursor: more && last ? keysetCursor.encode([last.at, last.run.id]) : null }
}

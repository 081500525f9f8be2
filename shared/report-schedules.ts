import { z } from 'zod'
import { isTimeZone } from './schemas/workspace'
import { REPORT_FORMATS } from './schemas/reports'
import type { ReportFormat } from './schemas/reports'

/**
 * Report schedules: when a saved report runs by itself (daily, weekly, monthly, quarterly, yearly,
 * or a cron expression, in its own time zone), in which format, and where the file goes (mail to
 * people, an event for webhooks; every file is kept in the workspace's report store and listed in
 * the run history). The cadence becomes one cron expression (`scheduleCron`), which the server
 * steps through in the schedule's zone.
 */

export const SCHEDULE_FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'cron'] as const
export type ScheduleFrequency = typeof SCHEDULE_FREQUENCIES[number]

export const FREQUENCY_LABELS: Record<ScheduleFrequency, string> = {
  daily: 'Every day',
  weekly: 'Every week',
  monthly: 'Every month',
  quarterly: 'Every quarter',
  yearly: 'Every year',
  cron: 'Custom (cron)',
}

export const WEEKDAY_LABELS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const
export const MONTH_LABELS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const

/** Plans without their own figure run a schedule at most once a day; an hour is the shortest any plan allows. */
export const DEFAULT_SCHEDULE_MINUTES = 24 * 60
export const MIN_SCHEDULE_MINUTES_ANY_PLAN = 60

/** Files up to this size travel attached to the mail; larger ones as a link. */
export const MAIL_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
/** How long a delivered file (and its signed link) is kept. */
export const REPORT_FILE_DAYS = 30
/** People (or addresses) one schedule mails. */
export const MAX_RECIPIENTS = 50

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/

export const cadenceSchema = z.object({
  frequency: z.enum(SCHEDULE_FREQUENCIES, 'must be daily, weekly, monthly, quarterly, yearly or cron'),
  /** The time of day it runs, in the schedule's zone (not used by `cron`). */
  time: z.string().regex(HHMM, 'must be a time HH:MM').default('08:00'),
  /** Weekly: 0 = Sunday … 6 = Saturday. */
  weekday: z.int('must be a day 0–6').min(0, 'must be a day 0–6').max(6, 'must be a day 0–6').default(1),
  /** Monthly, quarterly and yearly: the day of the month (1–28, so every month has it). */
  day: z.int('must be a day 1–28').min(1, 'must be a day 1–28').max(28, 'must be a day 1–28 (every month has it)').default(1),
  /** Yearly: the month, 1–12. */
  month: z.int('must be a month 1–12').min(1, 'must be a month 1–12').max(12, 'must be a month 1–12').default(1),
  /** Custom: five fields (minute, hour, day of month, month, day of week). */
  cron: z.string().trim().max(100, 'must be at most 100 characters').optional(),
}).strict().superRefine((c, ctx) => {
  if (c.frequency === 'cron' && !c.cron) ctx.addIssue({ code: 'custom', path: ['cron'], message: 'Write a cron expression for a custom schedule' })
})
export type Cadence = z.infer<typeof cadenceSchema>

/** The cron expression a cadence fires on (its zone is the schedule's). */
export function scheduleCron(c: Cadence): string {
  const [hour, minute] = c.time.split(':').map(Number)
  switch (c.frequency) {
    case 'daily': return `${minute} ${hour} * * *`
    case 'weekly': return `${minute} ${hour} * * ${c.weekday}`
    case 'monthly': return `${minute} ${hour} ${c.day} * *`
    case 'quarterly': return `${minute} ${hour} ${c.day} 1,4,7,10 *`
    case 'yearly': return `${minute} ${hour} ${c.day} ${c.month} *`
    case 'cron': return c.cron ?? ''
  }
}

/** How a cadence reads: "Every Monday at 08:00". */
export function describeCadence(c: Cadence): string {
  switch (c.frequency) {
    case 'daily': return `Every day at ${c.time}`
    case 'weekly': return `Every ${WEEKDAY_LABELS[c.weekday]} at ${c.time}`
    case 'monthly': return `On day ${c.day} of every month at ${c.time}`
    case 'quarterly': return `On day ${c.day} of every quarter at ${c.time}`
    case 'yearly': return `Every ${MONTH_LABELS[c.month - 1]} ${c.day} at ${c.time}`
    case 'cron': return `On cron "${c.cron}"`
  }
}

/** A plan's shortest interval as people say it: "once a day", "once an hour", "once every 6 hours". */
export function describeInterval(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? 'once a day' : `once every ${minutes / 1440} days`
  if (minutes % 60 === 0) return minutes === 60 ? 'once an hour' : `once every ${minutes / 60} hours`
  return `once every ${minutes} minutes`
}

const email = z.email('must be an email address').max(254, 'must be at most 254 characters').transform(v => v.toLowerCase())

export const scheduleFields = {
  cadence: cadenceSchema,
  /** The schedule's own zone; null runs in the workspace's. */
  timeZone: z.string().max(64).refine(isTimeZone, 'must be a time zone such as Europe/Berlin').nullable(),
  format: z.enum(REPORT_FORMATS, 'must be csv, xlsx, json or pdf'),
  /** A run with no rows delivers nothing (it is listed as skipped). */
  skipEmpty: z.boolean(),
  /** Mail the file (attached up to MAIL_ATTACHMENT_MAX_BYTES, else a link) to these addresses. */
  recipients: z.array(email).max(MAX_RECIPIENTS, `must be at most ${MAX_RECIPIENTS} addresses`)
    .transform(list => [...new Set(list)]),
  /** Always send a link rather than the file. */
  linkOnly: z.boolean(),
  /** Announce each file as a `report.delivered` event (webhooks), with a signed link. */
  webhook: z.boolean(),
  /** Also put the file into the workspace's own bucket (Settings → Data → Report bucket). */
  bucket: z.boolean(),
  enabled: z.boolean(),
}

export const scheduleCreateSchema = z.object({
  ...scheduleFields,
  timeZone: scheduleFields.timeZone.default(null),
  format: scheduleFields.format.default('pdf'),
  skipEmpty: scheduleFields.skipEmpty.default(false),
  recipients: scheduleFields.recipients.default([]),
  linkOnly: scheduleFields.linkOnly.default(false),
  webhook: scheduleFields.webhook.default(false),
  bucket: scheduleFields.bucket.default(false),
  enabled: scheduleFields.enabled.default(true),
}).strict().refine(s => s.recipients.length > 0 || s.webhook || s.bucket, { path: ['recipients'], message: 'Add a recipient, announce the file to webhooks, or put it into the workspace\'s bucket' })

export const schedulePatchSchema = z.object(scheduleFields).partial().strict()
  .refine(s => Object.keys(s).length > 0, 'Name at least one thing to change')

export const scheduleParamsSchema = z.object({ id: z.uuid('must be a report id'), scheduleId: z.uuid('must be a schedule id') })

export const reportRunsQuerySchema = z.object({
  scheduleId: z.uuid('must be a schedule id').optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
}).strict()

/** The signed link of a delivered file. */
export const reportFileQuerySchema = z.object({
  token: z.string().regex(/^[\w-]{32,64}$/, 'is not a valid link'),
}).strict()
export const reportFileParamsSchema = z.object({ runId: z.uuid('must be a run id') })
export const runParamsSchema = z.object({ id: z.uuid('must be a report id'), runId: z.uuid('must be a run id') })

export type ScheduleCreate = z.infer<typeof scheduleCreateSchema>
export type SchedulePatch = z.infer<typeof schedulePatchSchema>

export const RUN_STATUSES = ['queued', 'running', 'delivered', 'skipped', 'failed'] as const
export type ReportRunStatus = typeof RUN_STATUSES[number]

export interface ReportSchedule {
  id: string
  reportId: string
  cadence: Cadence
  cron: string
  description: string
  timeZone: string | null
  /** The zone it runs in: its own, or the workspace's. */
  effectiveTimeZone: string
  format: ReportFormat
  skipEmpty: boolean
  /** The addresses, for those who may change the schedule (empty for others). */
  recipients: string[]
  recipientCount: number
  linkOnly: boolean
  webhook: boolean
  bucket: boolean
  enabled: boolean
  nextRunAt: string | null
  lastRun: ReportRun | null
  createdBy: { id: string, name: string } | null
  canEdit: boolean
}

export interface ReportRun {
  id: string
  scheduleId: string | null
  /** The time it was due (a manual run: when it was asked for). */
  dueAt: string
  manual: boolean
  status: ReportRunStatus
  rows: number | null
  sizeBytes: number | null
  durationMs: number | null
  error: string | null
  /** What went where: `mail: 3 recipients (attached)`, `webhook event`. */
  delivered: string[]
  startedAt: string
  finishedAt: string | null
  /** Whether its file is still kept (and downloadable). */
  downloadable: boolean
}

/**
 * A workspace's own S3-compatible bucket for scheduled report files: any store that speaks the S3
 * API with signed requests (AWS S3, Cloudflare R2, MinIO, Backblaze B2…). Files go to
 * `<prefix>/<report>/<date>-<run>.<ext>`. The secret key is write-only: it is never shown again.
 */
export const reportBucketSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/, error: 'must be the store\'s address, such as https://s3.eu-west-1.amazonaws.com' }).max(300, 'must be at most 300 characters'),
  bucket: z.string().trim().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3–63 lower-case letters, digits, dots and dashes'),
  region: z.string().trim().regex(/^[a-z0-9-]{2,40}$/, 'must be a region such as eu-west-1 (or auto)').default('us-east-1'),
  prefix: z.string().trim().max(200, 'must be at most 200 characters').regex(/^[\w\-./]*$/, 'may hold letters, digits, dashes, dots, underscores and /')
    .transform(p => p.replace(/^\/+|\/+$/g, '')).default(''),
  accessKeyId: z.string().trim().min(1, 'is required').max(128, 'must be at most 128 characters'),
  /** Needed when the bucket is first set up; left out of a change, the stored one stays. */
  secretAccessKey: z.string().min(1, 'is required').max(256, 'must be at most 256 characters').optional(),
}).strict()
export type ReportBucketInput = z.infer<typeof reportBucketSchema>

/** The workspace's bucket as its admins see it (never the secret). */
export interface ReportBucket {
  endpoint: string
  bucket: string
  region: string
  prefix: string
  accessKeyId: string
  /** The last test or upload that reached it: when it worked, or what it answered. */
  checkedAt: string | null
  lastError: string | null
  updatedAt: string
}

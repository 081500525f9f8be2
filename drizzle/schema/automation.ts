import { sql } from 'drizzle-orm'
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import type { WorkflowDefinition } from '../../shared/workflows'
import { tenantId, tenantRowId } from './columns'
import { tenants } from './platform'

// Workflow automation (shared/workflows.ts, server/services/automation/). Tenant tables (RLS).

/**
 * A workflow: its name, whether it runs, and which version is current. Each save writes a new
 * version; a run keeps the one it started on. `trigger_kind` and `trigger_event` repeat the
 * current version's trigger so the fan-out finds the workflows an event starts with one indexed
 * read; `next_fire_at` is a scheduled workflow's next time.
 */
export const workflows = pgTable('workflows', {
  tenantId: tenantId().references(() => tenants.id, { onDelete: 'cascade' }),
  id: tenantRowId(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  enabled: boolean('enabled').notNull().default(false),
  /** When it was last switched on: it starts on events from then on, not on older ones. */
  enabledAt: timestamp('enabled_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  triggerKind: text('trigger_kind').notNull(),
  triggerEvent: text('trigger_event'),
  nextFireAt: timestamp('next_fire_at', { withTimezone: true }),
  /** Whose name a run's record writes carry (the last person to save it). */
  actingUserId: uuid('acting_user_id'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  index('workflows_event_idx').on(t.tenantId, t.triggerEvent).where(sql`enabled`),
  index('workflows_schedule_due_idx').on(t.nextFireAt).where(sql`enabled and next_fire_at is not null`),
])

/** Every saved version of a workflow's definition, kept while runs may refer to it. */
export const workflowVersions = pgTable('workflow_versions', {
  tenantId: tenantId(),
  workflowId: uuid('workflow_id').notNull(),
  version: integer('version').notNull(),
  definition: jsonb('definition').$type<WorkflowDefinition>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.workflowId, t.version] }),
  foreignKey({ columns: [t.tenantId, t.workflowId], foreignColumns: [workflows.tenantId, workflows.id] }).onDelete('cascade'),
])

/**
 * One run per trigger occurrence: `trigger_key` (the event, the schedule's time, the manual
 * request and record) is unique per workflow, so a replayed fan-out starts nothing twice. The run
 * moves step by step: `current_step` is the next to run, `resume_at` when (a delay, a retry),
 * `lease_until` keeps two workers off the same run. `vars` holds what templates read (the trigger,
 * the record as it was, each step's output).
 */
export const workflowRuns = pgTable('workflow_runs', {
  tenantId: tenantId(),
  id: tenantRowId(),
  workflowId: uuid('workflow_id').notNull(),
  version: integer('version').notNull(),
  status: text('status').notNull(),
  triggerKind: text('trigger_kind').notNull(),
  triggerKey: text('trigger_key').notNull(),
  recordType: text('record_type'),
  recordId: uuid('record_id'),
  /** How many workflow runs led to this one (the loop guard). */
  depth: integer('depth').notNull().default(0),
  currentStep: text('current_step'),
  attempt: integer('attempt').notNull().default(0),
  vars: jsonb('vars').$type<Record<string, unknown>>().notNull(),
  error: text('error'),
  resumeAt: timestamp('resume_at', { withTimezone: true }),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId, t.workflowId], foreignColumns: [workflows.tenantId, workflows.id] }).onDelete('cascade'),
  uniqueIndex('workflow_runs_trigger_uq').on(t.tenantId, t.workflowId, t.triggerKey),
  index('workflow_runs_due_idx').on(t.tenantId, t.resumeAt).where(sql`status in ('queued', 'running', 'waiting')`),
  index('workflow_runs_started_idx').on(t.tenantId, t.startedAt),
  index('workflow_runs_workflow_idx').on(t.tenantId, t.workflowId, t.startedAt),
  index('workflow_runs_record_idx').on(t.tenantId, t.recordId, t.startedAt),
])

/**
 * Each step a run took: unique per run and step, so an effect recorded with its step is never done
 * twice, and `<run>:<step>` is the idempotency key sent with outside calls.
 */
export const workflowRunSteps = pgTable('workflow_run_steps', {
  tenantId: tenantId(),
  runId: uuid('run_id').notNull(),
  stepId: text('step_id').notNull(),
  type: text('type').notNull(),
  status: text('status').notNull(),
  input: jsonb('input'),
  output: jsonb('output'),
  error: text('error'),
  attempts: integer('attempts').notNull().default(1),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  durationMs: integer('duration_ms').notNull().default(0),
}, t => [
  primaryKey({ columns: [t.tenantId, t.runId, t.stepId] }),
  foreignKey({ columns: [t.tenantId, t.runId], foreignColumns: [workflowRuns.tenantId, workflowRuns.id] }).onDelete('cascade'),
])

/** Where each round-robin stands: the last member a workflow's assign step gave a record to, per team. */
export const workflowRoundRobin = pgTable('workflow_round_robin', {
  tenantId: tenantId(),
  workflowId: uuid('workflow_id').notNull(),
  teamId: uuid('team_id').notNull(),
  lastUserId: uuid('last_user_id'),
}, t => [
  primaryKey({ columns: [t.tenantId, t.workflowId, t.teamId] }),
  foreignKey({ columns: [t.tenantId, t.workflowId], foreignColumns: [workflows.tenantId, workflows.id] }).onDelete('cascade'),
])

/** One level of an approval as it was resolved when the request opened: who may decide and how many must approve. */
export interface ApprovalLevelState {
  name: string
  /** Approvals needed. */
  needed: number
  approverIds: string[]
  /** delegate id → the approver they stand in for. */
  onBehalfOf: Record<string, string>
  /** Members added when the request passed its due time. */
  escalatedIds: string[]
  status: 'waiting' | 'open' | 'approved' | 'rejected'
}

/**
 * An approval a run waits for (its `approval` step): the levels resolved to members when it
 * opened, the one who asked (who may not approve their own unless the step allows it), and the
 * outcome. Unique per run and step: a step taken again finds its request.
 */
export const approvalRequests = pgTable('approval_requests', {
  tenantId: tenantId(),
  id: tenantRowId(),
  runId: uuid('run_id').notNull(),
  stepId: text('step_id').notNull(),
  workflowId: uuid('workflow_id').notNull(),
  title: text('title').notNull(),
  recordType: text('record_type'),
  recordId: uuid('record_id'),
  requesterId: uuid('requester_id'),
  mode: text('mode').notNull(),
  allowSelfApproval: boolean('allow_self_approval').notNull().default(false),
  levels: jsonb('levels').$type<ApprovalLevelState[]>().notNull(),
  status: text('status').notNull().default('pending'),
  dueAt: timestamp('due_at', { withTimezone: true }),
  escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
}, t => [
  primaryKey({ columns: [t.tenantId, t.id] }),
  foreignKey({ columns: [t.tenantId, t.runId], foreignColumns: [workflowRuns.tenantId, workflowRuns.id] }).onDelete('cascade'),
  uniqueIndex('approval_requests_run_step_uq').on(t.tenantId, t.runId, t.stepId),
  index('approval_requests_record_idx').on(t.tenantId, t.recordId, t.createdAt),
  index('approval_requests_pending_idx').on(t.tenantId, t.createdAt).where(sql`status = 'pending'`),
])

/** Each decision: one per approver and level, so a link or a button used twice decides once. */
export const approvalDecisions = pgTable('approval_decisions', {
  tenantId: tenantId(),
  requestId: uuid('request_id').notNull(),
  level: integer('level').notNull(),
  userId: uuid('user_id').notNull(),
  onBehalfOf: uuid('on_behalf_of'),
  decision: text('decision').notNull(),
  comment: text('comment').notNull().default(''),
  via: text('via').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.requestId, t.level, t.userId] }),
  foreignKey({ columns: [t.tenantId, t.requestId], foreignColumns: [approvalRequests.tenantId, approvalRequests.id] }).onDelete('cascade'),
])

/** The single-use links mailed to approvers: only the hash is kept. */
export const approvalLinks = pgTable('approval_links', {
  tenantId: tenantId(),
  tokenHash: text('token_hash').notNull(),
  requestId: uuid('request_id').notNull(),
  userId: uuid('user_id').notNull(),
  level: integer('level').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
}, t => [
  primaryKey({ columns: [t.tenantId, t.tokenHash] }),
  foreignKey({ columns: [t.tenantId, t.requestId], foreignColumns: [approvalRequests.tenantId, approvalRequests.id] }).onDelete('cascade'),
])

/** A member away: until `until`, approvals that would ask them ask `delegate_id` instead. */
export const approvalDelegations = pgTable('approval_delegations', {
  tenantId: tenantId(),
  userId: uuid('user_id').notNull(),
  delegateId: uuid('delegate_id').notNull(),
  until: timestamp('until', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.tenantId, t.userId] }),
])

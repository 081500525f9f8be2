import { and, count, desc, eq, inArray, sql } from 'drizzle-orm'
import { tenants, webhookReceivers, workflowRuns, workflows, workflowVersions } from '#drizzle/schema'
import type { AutomationAllowance, AutomationSettings, RunStatus, WorkflowDefinition, WorkflowDetail, WorkflowInput, WorkflowList, WorkflowSummary, WorkflowTrigger } from '#shared/workflows'
import { RUN_RETENTION_RANGE } from '#shared/workflows'
import type { TenantScope } from '#server/utils/tenant-db'
import { checkDefinition, definitionRefused, nextFires, scheduleTimeZone } from './definition'
import { forgetEventWorkflows, kickWorkflows } from './queue'
import { activeWorkflowCount, automationLimits, nextMonthStart, runsThisMonth } from './limits'
import { lockPlanLimits } from '#server/utils/plan-limits'

/** Workflows per workspace, at most (the list is one page). */
export const MAX_WORKFLOWS = 200
/** What a sealed header value reads as outside the server. */
export const SEALED_MASK = '••••••••'

type WorkflowRow = typeof workflows.$inferSelect

/**
 * Seals the values of secret headers, keeping those the client sent back masked (unchanged) from
 * the previous version. A definition at rest never holds a secret in the clear.
 */
function sealHeaders(def: WorkflowDefinition, previous: WorkflowDefinition | null): WorkflowDefinition {
  const steps = def.steps.map((s) => {
    if (s.type !== 'http_request') return s
    const before = previous?.steps.find(p => p.id === s.id && p.type === 'http_request')
    const headers = s.headers.map((h) => {
      if (!h.secret) return h
      if (h.value === SEALED_MASK) {
        const kept = before?.type === 'http_request' ? before.headers.find(p => p.name === h.name && p.secret) : undefined
        return { ...h, value: kept?.value ?? sealSecret('') }
      }
      return { ...h, value: sealSecret(h.value) }
    })
    return { ...s, headers }
  })
  return { ...def, steps }
}

/** The definition as people see it: secret header values masked. */
export function maskedDefinition(def: WorkflowDefinition): WorkflowDefinition {
  return { ...def, steps: def.steps.map(s => s.type === 'http_request' ? { ...s, headers: s.headers.map(h => h.secret ? { ...h, value: SEALED_MASK } : h) } : s) }
}

/** The columns that repeat the trigger for the fan-out and the scheduler. */
function triggerColumns(scope: TenantScope, trigger: WorkflowTrigger, enabled: boolean) {
  return {
    triggerKind: trigger.kind,
    triggerEvent: trigger.kind === 'event' ? trigger.event : trigger.kind === 'webhook' ? 'webhook.received' : null,
    nextFireAt: enabled && trigger.kind === 'schedule' ? nextFires(trigger.cron, scheduleTimeZone(scope, trigger.timeZone), 1)[0]! : null,
  }
}

async function currentDefinition(scope: TenantScope, row: WorkflowRow): Promise<WorkflowDefinition> {
  const [v] = await scope.tx.select({ definition: workflowVersions.definition }).from(workflowVersions)
    .where(scope.where(workflowVersions, eq(workflowVersions.workflowId, row.id), eq(workflowVersions.version, row.version)))
  return v!.definition
}

/** A workflow of this workspace, locked for a change when `lock`; 404 otherwise. */
export async function findWorkflow(scope: TenantScope, id: string, lock = false): Promise<WorkflowRow> {
  const q = scope.tx.select().from(workflows).where(scope.where(workflows, eq(workflows.id, id)))
  const [row] = lock ? await q.for('update') : await q
  if (!row) throw notFound('No such workflow')
  return row
}

async function lastRuns(scope: TenantScope, ids: string[]): Promise<Map<string, WorkflowSummary['lastRun']>> {
  if (!ids.length) return new Map()
  const rows = await scope.tx.selectDistinctOn([workflowRuns.workflowId], { workflowId: workflowRuns.workflowId, id: workflowRuns.id, status: workflowRuns.status, startedAt: workflowRuns.startedAt })
    .from(workflowRuns).where(scope.where(workflowRuns, inArray(workflowRuns.workflowId, ids)))
    .orderBy(workflowRuns.workflowId, desc(workflowRuns.startedAt))
  return new Map(rows.map(r => [r.workflowId, { id: r.id, status: r.status as RunStatus, startedAt: r.startedAt.toISOString() }]))
}

function summary(row: WorkflowRow, def: WorkflowDefinition, lastRun: WorkflowSummary['lastRun']): WorkflowSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    enabled: row.enabled,
    version: row.version,
    trigger: def.trigger,
    stepCount: def.steps.length,
    nextRunAt: row.nextFireAt?.toISOString() ?? null,
    lastRun,
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** Every workflow of the workspace, newest change first, with its trigger and last run. */
export async function listWorkflows(scope: TenantScope): Promise<WorkflowList> {
  const rows = await scope.tx.select({ w: workflows, definition: workflowVersions.definition }).from(workflows)
    .innerJoin(workflowVersions, and(eq(workflowVersions.tenantId, workflows.tenantId), eq(workflowVersions.workflowId, workflows.id), eq(workflowVersions.version, workflows.version)))
    .where(scope.where(workflows)).orderBy(desc(workflows.updatedAt)).limit(MAX_WORKFLOWS)
  const last = await lastRuns(scope, rows.map(r => r.w.id))
  const receiverIds = [...new Set(rows.flatMap(r => r.definition.trigger.kind === 'webhook' ? [r.definition.trigger.receiverId] : []))]
  const receivers = receiverIds.length
    ? await scope.tx.select({ id: webhookReceivers.id, name: webhookReceivers.name }).from(webhookReceivers).where(scope.where(webhookReceivers, inArray(webhookReceivers.id, receiverIds)))
    : []
  return { items: rows.map(r => summary(r.w, r.definition, last.get(r.w.id) ?? null)), allowance: await automationAllowance(scope), receivers }
}

/** The plan's automation limits beside what is used of them, and the run retention. */
export async function automationAllowance(scope: TenantScope): Promise<AutomationAllowance> {
  const [limits, active, runs, [tenant]] = await Promise.all([
    automationLimits(scope),
    activeWorkflowCount(scope),
    runsThisMonth(scope),
    scope.tx.select({ days: tenants.workflowRunRetentionDays }).from(tenants).where(eq(tenants.id, scope.tenantId)),
  ])
  return {
    activeWorkflows: { used: active, limit: limits.activeWorkflows },
    runsThisMonth: { used: runs, limit: limits.workflowRunsPerMonth, resetsAt: nextMonthStart().toISOString() },
    runRetentionDays: tenant?.days ?? RUN_RETENTION_RANGE.default,
  }
}

/** Sets how long finished runs are kept; the next engine pass prunes what is now older. Audited. */
export async function setAutomationSettings(scope: TenantScope, input: AutomationSettings): Promise<AutomationAllowance> {
  const [before] = await scope.tx.select({ days: tenants.workflowRunRetentionDays }).from(tenants).where(eq(tenants.id, scope.tenantId)).for('update')
  if (before?.days !== input.runRetentionDays) {
    await scope.tx.update(tenants).set({ workflowRunRetentionDays: input.runRetentionDays }).where(eq(tenants.id, scope.tenantId))
    scope.afterCommit(() => kickWorkflows(scope.tenantId))
    await scope.audit({ action: 'workflow.settings_changed', entityType: 'workspace', entityId: scope.tenantId, before: { runRetentionDays: before?.days }, after: { runRetentionDays: input.runRetentionDays } })
  }
  return automationAllowance(scope)
}

/** One workflow with its current definition (secrets masked) and what is wrong with it now. */
export async function getWorkflow(scope: TenantScope, id: string): Promise<WorkflowDetail> {
  const row = await findWorkflow(scope, id)
  const definition = await currentDefinition(scope, row)
  const last = await lastRuns(scope, [id])
  return { ...summary(row, definition, last.get(id) ?? null), definition: maskedDefinition(definition), problems: await checkDefinition(scope, definition) }
}

/** Saves a new workflow, switched off. 422 with every problem when the definition has any. */
export async function createWorkflow(scope: TenantScope, userId: string, input: WorkflowInput): Promise<WorkflowDetail> {
  const problems = await checkDefinition(scope, input.definition)
  if (problems.length) throw definitionRefused(problems)
  const [{ n }] = await scope.tx.select({ n: count() }).from(workflows).where(scope.where(workflows)) as [{ n: number }]
  if (n >= MAX_WORKFLOWS) throw apiError(409, 'PLAN_LIMIT', `A workspace has at most ${MAX_WORKFLOWS} workflows; remove one first`)
  const definition = sealHeaders(input.definition, null)
  const [row] = await scope.tx.insert(workflows).values(scope.values(workflows, [{
    name: input.name, description: input.description, createdBy: userId, actingUserId: userId, ...triggerColumns(scope, definition.trigger, false),
  }])).returning()
  await scope.tx.insert(workflowVersions).values(scope.values(workflowVersions, [{ workflowId: row!.id, version: 1, definition, createdBy: userId }]))
  await scope.audit({ action: 'workflow.created', entityType: 'workflow', entityId: row!.id, after: { name: input.name, trigger: definition.trigger.kind, steps: definition.steps.length } })
  return getWorkflow(scope, row!.id)
}

/** Saves a new version: runs already started keep theirs. An enabled workflow stays on, so its definition must hold. */
export async function updateWorkflow(scope: TenantScope, userId: string, id: string, input: WorkflowInput): Promise<WorkflowDetail> {
  const row = await findWorkflow(scope, id, true)
  const problems = await checkDefinition(scope, input.definition)
  if (problems.length) throw definitionRefused(problems)
  const previous = await currentDefinition(scope, row)
  const definition = sealHeaders(input.definition, previous)
  const version = row.version + 1
  await scope.tx.insert(workflowVersions).values(scope.values(workflowVersions, [{ workflowId: id, version, definition, createdBy: userId }]))
  await scope.tx.update(workflows).set({
    name: input.name, description: input.description, version, actingUserId: userId, updatedAt: new Date(), ...triggerColumns(scope, definition.trigger, row.enabled),
  }).where(scope.where(workflows, eq(workflows.id, id)))
  await scope.audit({ action: 'workflow.updated', entityType: 'workflow', entityId: id, before: { name: row.name, version: row.version }, after: { name: input.name, version } })
  scope.afterCommit(() => forgetEventWorkflows(scope.tenantId))
  return getWorkflow(scope, id)
}

/** Refuses (409 PLAN_LIMIT) a workflow switched on past the plan's active workflows; two at once queue on the tenant row. */
async function assertWorkflowSlot(scope: TenantScope): Promise<void> {
  const { activeWorkflows: limit } = await lockPlanLimits(scope, scope.tenantId)
  if (limit === null || limit === undefined) return
  const on = await activeWorkflowCount(scope)
  if (on >= limit) {
    throw apiError(409, 'PLAN_LIMIT', `The plan allows ${limit.toLocaleString('en-US')} active workflows and ${on.toLocaleString('en-US')} are on. Switch one off or upgrade the plan.`)
  }
}

/** Switches a workflow on (it starts on what happens from now on) or off (runs under way go on). */
export async function setWorkflowEnabled(scope: TenantScope, userId: string, id: string, enabled: boolean): Promise<WorkflowDetail> {
  const row = await findWorkflow(scope, id, true)
  const definition = await currentDefinition(scope, row)
  if (enabled) {
    const problems = await checkDefinition(scope, definition)
    if (problems.length) throw apiError(422, 'VALIDATION_FAILED', `The workflow cannot be switched on: ${problems[0]!.path} — ${problems[0]!.message}`, problems)
    if (!row.enabled) await assertWorkflowSlot(scope)
  }
  if (row.enabled !== enabled) {
    await scope.tx.update(workflows).set({
      enabled, enabledAt: enabled ? sql`now()` : row.enabledAt, actingUserId: userId, updatedAt: new Date(), ...triggerColumns(scope, definition.trigger, enabled),
    }).where(scope.where(workflows, eq(workflows.id, id)))
    await scope.audit({ action: enabled ? 'workflow.enabled' : 'workflow.disabled', entityType: 'workflow', entityId: id, after: { enabled } })
    scope.afterCommit(() => forgetEventWorkflows(scope.tenantId))
  }
  return getWorkflow(scope, id)
}

/** Removes a workflow with its versions and runs. */
export async function deleteWorkflow(scope: TenantScope, id: string): Promise<void> {
  const row = await findWorkflow(scope, id, true)
  await scope.tx.delete(workflows).where(scope.where(workflows, eq(workflows.id, id)))
  await scope.audit({ action: 'workflow.deleted', entityType: 'workflow', entityId: id, before: { name: row.name } })
}

/** The version of a workflow a run started on. */
export async function definitionAt(scope: TenantScope, workflowId: string, version: number): Promise<WorkflowDefinition | null> {
  const [v] = await scope.tx.select({ definition: workflowVersions.definition }).from(workflowVersions)
    .where(scope.where(workflowVersions, eq(workflowVersions.workflowId, workflowId), eq(workflowVersions.version, version)))
  return v?.definition ?? null
}

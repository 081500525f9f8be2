import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm'
import { domainEvents, tenants, workflowRuns, workflowRunSteps, workflows, workflowVersions } from '#drizzle/schema'
import type { RecordType } from '#shared/records'
import { isRecordType } from '#shared/records'
import type { WorkflowDefinition, WorkflowStep, WorkflowTrigger } from '#shared/workflows'
import { FINISHED, MAX_RUN_DEPTH, MAX_STEP_ATTEMPTS, STEP_RETRY_DELAYS_S, STEP_TYPES, conditionHolds, elseOf } from '#shared/workflows'
import { activeTenantsWhere } from '#server/utils/tenant-scan'
import type { TenantScope } from '#server/utils/tenant-db'
import type { TenantContext } from '#server/utils/tenant'
import { nextFires, scheduleTimeZone } from './definition'
import type { StepResult, StepRun } from './steps'
import { StepFailure, runInsideStep, runOutsideStep } from './steps'
import { approvalStep } from './approvals'
import { kickWorkflows, queueWorkflows } from './queue'
import { automationLimits, countRunsStarted, runsThisMonth, runsUsedMessage } from './limits'

/**
 * The workflow engine, one job per tenant (`workflows-run`), queued when a transaction with events
 * or new runs commits, and by a sweep every minute:
 * 1. events not yet looked at start one run per (workflow, event) whose trigger they match; the
 *    pair is the run's unique trigger key, so a replayed fan-out starts nothing twice, and an event
 *    of a rolled-back write never exists to start anything;
 * 2. scheduled workflows whose time has come start a run keyed by that time;
 * 3. due runs are leased and moved on step by step (steps.ts says which run in the transaction that
 *    records them), PARALLEL runs at a time and at most STEP_BUDGET steps per job: a tenant with more queues itself again
 *    behind the other tenants' jobs, so one tenant's flood does not hold the workers.
 * A run started by another run's change is one deeper; past MAX_RUN_DEPTH it is recorded as
 * stopped by the loop guard instead of running.
 */

const EVENT_BATCH = 200
const STEP_BUDGET = 200
const PARALLEL = 8
const RUN_BUDGET = 25
const LEASE_S = 120

type RunRow = typeof workflowRuns.$inferSelect
type NewRun = Omit<typeof workflowRuns.$inferInsert, 'tenantId'>

/** The record an event is about, from its payload (record events carry the record as the API shows it). */
function eventRecord(data: Record<string, unknown>): { type: RecordType, id: string, record: Record<string, unknown> } | null {
  const type = data.recordType
  const record = data.record as Record<string, unknown> | undefined
  if (typeof type !== 'string' || !isRecordType(type) || !record || typeof record.id !== 'string') return null
  return { type, id: record.id, record }
}

/** The first step of a run, as a new row: queued now. */
function newRun(workflowId: string, version: number, def: WorkflowDefinition, start: { kind: WorkflowTrigger['kind'], key: string, record: { type: RecordType, id: string } | null, vars: Record<string, unknown>, depth: number }): NewRun {
  const guard = start.depth > MAX_RUN_DEPTH
  return {
    workflowId,
    version,
    status: guard ? 'stopped' : 'queued',
    triggerKind: start.kind,
    triggerKey: start.key,
    recordType: start.record?.type ?? null,
    recordId: start.record?.id ?? null,
    depth: start.depth,
    currentStep: guard ? null : def.steps[0]!.id,
    vars: start.vars,
    error: guard ? `Stopped by the loop guard: started by a chain of ${MAX_RUN_DEPTH} workflow runs, each caused by the one before` : null,
    resumeAt: sql`now()` as unknown as Date,
    finishedAt: guard ? sql`now()` as unknown as Date : null,
  }
}

/**
 * Inserts runs (a trigger key already used starts nothing); answers the ids of those started. Runs
 * past the plan's monthly allowance are recorded as not run (`stopped`, with the reason), or, for a
 * start a person asked for (`refuse`), the whole start is refused (409 PLAN_LIMIT). Runs started
 * are counted in the same transaction. Outside the engine's own job (`wake`), the commit wakes it;
 * the job itself moves them on anyway.
 */
export async function insertRuns(scope: TenantScope, runs: NewRun[], wake = true, refuse = false): Promise<string[]> {
  if (!runs.length) return []
  const { workflowRunsPerMonth: limit } = await automationLimits(scope)
  if (limit !== null) {
    const starting = runs.filter(r => r.status === 'queued')
    const left = Math.max(0, limit - await runsThisMonth(scope))
    if (starting.length > left) {
      const message = runsUsedMessage(limit)
      if (refuse) throw apiError(409, 'PLAN_LIMIT', left ? `${message} (${left.toLocaleString('en-US')} left, ${starting.length.toLocaleString('en-US')} asked for)` : message)
      for (const run of starting.slice(left)) Object.assign(run, { status: 'stopped', currentStep: null, error: message, finishedAt: sql`now()` })
    }
  }
  const rows = await scope.tx.insert(workflowRuns).values(scope.values(workflowRuns, runs)).onConflictDoNothing().returning({ id: workflowRuns.id, status: workflowRuns.status })
  await countRunsStarted(scope, rows.filter(r => r.status === 'queued').length)
  if (rows.length && wake) scope.afterCommit(() => kickWorkflows(scope.tenantId))
  return rows.map(r => r.id)
}

/** Enabled workflows with their current definitions, by the event type they start on. */
async function eventWorkflows(scope: TenantScope, types: string[]) {
  if (!types.length) return []
  return scope.tx.select({ id: workflows.id, version: workflows.version, enabledAt: workflows.enabledAt, triggerEvent: workflows.triggerEvent, definition: workflowVersions.definition })
    .from(workflows)
    .innerJoin(workflowVersions, and(eq(workflowVersions.tenantId, workflows.tenantId), eq(workflowVersions.workflowId, workflows.id), eq(workflowVersions.version, workflows.version)))
    .where(scope.where(workflows, eq(workflows.enabled, true), inArray(workflows.triggerEvent, types)))
}

/**
 * Starts the runs that new events trigger, and marks the events looked at (all in one
 * transaction). With the module off, events are only marked: a workflow never starts on what
 * happened while it could not run.
 */
async function startFromEvents(scope: TenantScope, on: boolean): Promise<{ more: boolean, started: number }> {
  const events = await scope.tx.select().from(domainEvents).where(scope.where(domainEvents, isNull(domainEvents.automatedAt)))
    .orderBy(asc(domainEvents.occurredAt)).limit(EVENT_BATCH).for('update', { skipLocked: true })
  if (!events.length) return { more: false, started: 0 }
  const candidates = on ? await eventWorkflows(scope, [...new Set(events.map(e => e.type))]) : []
  const parents = events.filter(e => e.actorType === 'workflow_run' && e.actorId).map(e => e.actorId!)
  const depthOf = new Map(parents.length
    ? (await scope.tx.select({ id: workflowRuns.id, depth: workflowRuns.depth }).from(workflowRuns).where(scope.where(workflowRuns, inArray(workflowRuns.id, [...new Set(parents)])))).map(r => [r.id, r.depth])
    : [])
  const runs: NewRun[] = []
  for (const event of events) {
    const data = event.data as Record<string, unknown>
    const subject = eventRecord(data)
    const vars = { trigger: data, record: subject?.record ?? null, steps: {}, startedBy: event.actorType === 'user' ? event.actorId : null }
    const depth = event.actorType === 'workflow_run' ? (depthOf.get(event.actorId!) ?? 0) + 1 : 0
    for (const wf of candidates) {
      if (wf.triggerEvent !== event.type || !wf.enabledAt || event.occurredAt < wf.enabledAt) continue
      const trigger = wf.definition.trigger
      if (trigger.kind === 'webhook' && data.receiverId !== trigger.receiverId) continue
      const conditions = trigger.kind === 'event' || trigger.kind === 'webhook' ? trigger.conditions : []
      if (!conditions.every(c => conditionHolds(c, vars))) continue
      runs.push(newRun(wf.id, wf.version, wf.definition, { kind: trigger.kind, key: `event:${event.id}`, record: subject && { type: subject.type, id: subject.id }, vars, depth }))
    }
  }
  const started = await insertRuns(scope, runs, false)
  await scope.tx.update(domainEvents).set({ automatedAt: sql`now()` }).where(scope.where(domainEvents, inArray(domainEvents.id, events.map(e => e.id))))
  return { more: events.length === EVENT_BATCH, started: started.length }
}

/** Starts a run of each scheduled workflow whose time has come, keyed by that time, and sets its next. */
async function startScheduled(scope: TenantScope): Promise<number> {
  const due = await scope.tx.select({ id: workflows.id, version: workflows.version, nextFireAt: workflows.nextFireAt, definition: workflowVersions.definition }).from(workflows)
    .innerJoin(workflowVersions, and(eq(workflowVersions.tenantId, workflows.tenantId), eq(workflowVersions.workflowId, workflows.id), eq(workflowVersions.version, workflows.version)))
    .where(scope.where(workflows, eq(workflows.enabled, true), lte(workflows.nextFireAt, sql`now()`)))
    .for('update', { of: workflows, skipLocked: true })
  const runs: NewRun[] = []
  for (const wf of due) {
    const trigger = wf.definition.trigger
    if (trigger.kind !== 'schedule') continue
    const firedAt = wf.nextFireAt!.toISOString()
    runs.push(newRun(wf.id, wf.version, wf.definition, { kind: 'schedule', key: `schedule:${firedAt}`, record: null, vars: { trigger: { firedAt }, record: null, steps: {} }, depth: 0 }))
    const next = nextFires(trigger.cron, scheduleTimeZone(scope, trigger.timeZone), 1)[0]!
    await scope.tx.update(workflows).set({ nextFireAt: next }).where(scope.where(workflows, eq(workflows.id, wf.id)))
  }
  return (await insertRuns(scope, runs, false)).length
}

/** Leases the next due runs: queued or waiting whose time has come, or running under a lease that ran out (its worker stopped). */
async function claimRuns(scope: TenantScope, limit: number): Promise<(RunRow & { actingUserId: string | null })[]> {
  const rows = await scope.tx.select({ run: workflowRuns, actingUserId: workflows.actingUserId }).from(workflowRuns)
    .innerJoin(workflows, and(eq(workflows.tenantId, workflowRuns.tenantId), eq(workflows.id, workflowRuns.workflowId)))
    .where(scope.where(workflowRuns, or(
      and(inArray(workflowRuns.status, ['queued', 'waiting']), lte(workflowRuns.resumeAt, sql`now()`)),
      and(eq(workflowRuns.status, 'running'), lt(workflowRuns.leaseUntil, sql`now()`)),
    )))
    .orderBy(asc(workflowRuns.resumeAt)).limit(limit).for('update', { of: workflowRuns, skipLocked: true })
  if (!rows.length) return []
  await scope.tx.update(workflowRuns).set({ status: 'running', leaseUntil: sql`now() + make_interval(secs => ${LEASE_S})` })
    .where(scope.where(workflowRuns, inArray(workflowRuns.id, rows.map(r => r.run.id))))
  return rows.map(row => ({ ...row.run, actingUserId: row.actingUserId }))
}

/** The variables a step's templates read: the run's, plus the workspace, the run and the time. */
function varsOf(run: RunRow, tenant: TenantContext): Record<string, unknown> {
  return { ...run.vars, workspace: { name: tenant.name }, run: { id: run.id }, now: new Date().toISOString() }
}

/**
 * Writes a step's outcome and moves the run on, in the transaction of the step's effect (inside
 * steps) or right after the call (outside steps). The run row is locked and must still be at this
 * step and running: a run cancelled meanwhile records the step and goes no further.
 */
async function settle(scope: TenantScope, run: RunRow, step: WorkflowStep, started: number, outcome: { result?: StepResult, failure?: StepFailure }): Promise<{ state: 'next' | 'done', run: RunRow | null }> {
  const attempts = run.attempt + 1
  const durationMs = Math.round(performance.now() - started)
  const { result, failure } = outcome
  const retry = failure?.passing && attempts < MAX_STEP_ATTEMPTS
  const stepRow = {
    runId: run.id,
    stepId: step.id,
    type: step.type,
    status: result ? (result.stay ? 'waiting' : 'succeeded') : retry ? 'retrying' : 'failed',
    input: result?.input ?? null,
    output: result?.output ?? failure?.output ?? null,
    error: failure?.message ?? null,
    attempts,
    startedAt: new Date(Date.now() - durationMs),
    durationMs,
  }
  await scope.tx.insert(workflowRunSteps).values(scope.values(workflowRunSteps, [stepRow]))
    .onConflictDoUpdate({ target: [workflowRunSteps.tenantId, workflowRunSteps.runId, workflowRunSteps.stepId], set: stepRow })
  if (failure) {
    await scope.tx.update(workflowRuns).set(retry
      ? { status: 'waiting', attempt: attempts, resumeAt: sql`now() + make_interval(secs => ${STEP_RETRY_DELAYS_S[attempts]!})`, leaseUntil: null, error: failure.message }
      : { status: 'failed', attempt: attempts, leaseUntil: null, error: failure.message, finishedAt: sql`now()` })
      .where(scope.where(workflowRuns, eq(workflowRuns.id, run.id)))
    return { state: 'done', run: null }
  }
  if (result!.stay) {
    // The step waits where it is (an approval undecided): looked at again at `stay`, or when decided.
    await scope.tx.update(workflowRuns).set({ status: 'waiting', attempt: 0, leaseUntil: null, resumeAt: result!.stay })
      .where(scope.where(workflowRuns, eq(workflowRuns.id, run.id)))
    return { state: 'done', run: null }
  }
  const next = result!.branch === 'no' ? elseOf(step) ?? null : step.next ?? null
  const vars = { ...run.vars, steps: { ...(run.vars.steps as Record<string, unknown> ?? {}), [step.id]: result!.output } }
  const finished = next === null
  const waiting = !finished && result!.waitUntil && result!.waitUntil.getTime() > Date.now()
  const [moved] = await scope.tx.update(workflowRuns).set({
    vars,
    currentStep: next,
    attempt: 0,
    error: null,
    leaseUntil: waiting || finished ? null : sql`now() + make_interval(secs => ${LEASE_S})`,
    status: finished ? 'succeeded' : waiting ? 'waiting' : 'running',
    resumeAt: waiting ? result!.waitUntil! : sql`now()`,
    finishedAt: finished ? sql`now()` : null,
  }).where(scope.where(workflowRuns, eq(workflowRuns.id, run.id))).returning()
  return finished || waiting ? { state: 'done', run: null } : { state: 'next', run: moved! }
}

/** The run, locked, if it is still running at `stepId` (not cancelled, not taken over). */
async function stillAt(scope: TenantScope, runId: string, stepId: string): Promise<RunRow | null> {
  const [row] = await scope.tx.select().from(workflowRuns).where(scope.where(workflowRuns, eq(workflowRuns.id, runId))).for('update')
  return row && row.status === 'running' && row.currentStep === stepId ? row : null
}

/**
 * Moves one leased run on, step after step, until it waits, ends, or the budget is spent. Answers
 * the steps taken.
 */
async function advance(tenant: TenantContext, claimed: RunRow & { actingUserId: string | null }, budget: number, definitions: Map<string, WorkflowDefinition | null>): Promise<number> {
  const tenantId = tenant.id
  const facts = { actor: { type: 'workflow_run', id: claimed.id }, tenant }
  const key = `${claimed.workflowId}@${claimed.version}`
  if (!definitions.has(key)) {
    definitions.set(key, await runInTenant(tenantId, async scope => (await scope.tx.select({ d: workflowVersions.definition }).from(workflowVersions)
      .where(scope.where(workflowVersions, eq(workflowVersions.workflowId, claimed.workflowId), eq(workflowVersions.version, claimed.version))))[0]?.d ?? null))
  }
  const def = definitions.get(key)
  let run: RunRow = claimed
  let taken = 0
  const fail = (message: string) => runInTenant(tenantId, scope => scope.tx.update(workflowRuns)
    .set({ status: 'failed', error: message, leaseUntil: null, finishedAt: sql`now()` }).where(scope.where(workflowRuns, eq(workflowRuns.id, run.id))))
  if (!def) {
    await fail('The workflow version this run started on is gone')
    return 1
  }
  const actor = claimed.actingUserId ? { userId: claimed.actingUserId, recordScope: 'all' as const } : null
  while (taken < budget) {
    const step = def.steps.find(s => s.id === run.currentStep)
    if (!step) {
      await fail(`The run is at a step (${run.currentStep}) its version does not have`)
      return taken + 1
    }
    taken++
    const stepRun: StepRun = { id: run.id, workflowId: run.workflowId, recordType: run.recordType as RecordType | null, recordId: run.recordId, vars: run.vars, actor }
    const started = performance.now()
    const vars = varsOf(run, tenant)
    let moved: { state: 'next' | 'done', run: RunRow | null }
    if (STEP_TYPES[step.type].outside) {
      let outcome: { result?: StepResult, failure?: StepFailure }
      try {
        outcome = { result: await runOutsideStep(tenant, step, vars, `${run.id}:${step.id}`) }
      }
      catch (error) {
        if (!(error instanceof StepFailure)) throw error
        outcome = { failure: error }
      }
      moved = await runInTenant(tenantId, async (scope) => {
        const current = await stillAt(scope, run.id, step.id)
        if (!current) return { state: 'done' as const, run: null }
        return settle(scope, current, step, started, outcome)
      }, facts)
    }
    else {
      try {
        moved = await runInTenant(tenantId, async (scope) => {
          const current = await stillAt(scope, run.id, step.id)
          if (!current) return { state: 'done' as const, run: null }
          const result = step.type === 'approval' ? await approvalStep(scope, tenant, stepRun, step, vars) : await runInsideStep(scope, stepRun, step, vars)
          return settle(scope, current, step, started, { result })
        }, facts)
      }
      catch (error) {
        if (!(error instanceof StepFailure)) throw error
        // The effect rolled back with its transaction; the failure is written in a new one.
        moved = await runInTenant(tenantId, async (scope) => {
          const current = await stillAt(scope, run.id, step.id)
          if (!current) return { state: 'done' as const, run: null }
          return settle(scope, current, step, started, { failure: error })
        }, facts)
      }
    }
    if (moved.state === 'done' || !moved.run) return taken
    run = moved.run
  }
  // The budget ran out mid-run: hand it back at once (not when its lease runs out) for the next job.
  await runInTenant(tenantId, scope => scope.tx.update(workflowRuns).set({ status: 'queued', leaseUntil: null, resumeAt: sql`now()` })
    .where(scope.where(workflowRuns, eq(workflowRuns.id, run.id), eq(workflowRuns.status, 'running'))))
  return taken
}

export interface WorkflowRunSummary {
  started: number
  steps: number
}

/** One tenant's job: start what events and schedules trigger, then move due runs on. */
export async function runWorkflows(tenantId: string): Promise<WorkflowRunSummary> {
  const summary: WorkflowRunSummary = { started: 0, steps: 0 }
  const tenant = await tenantById(tenantId)
  if (!tenant) return summary
  const on = !!tenant.features.automation && tenant.status === 'active'
  const fanOut = async () => {
    for (;;) {
      const { more, started } = await runInTenant(tenantId, scope => startFromEvents(scope, on))
      summary.started += started
      if (!more) break
    }
  }
  await fanOut()
  if (!on) return summary
  summary.started += await runInTenant(tenantId, startScheduled, { tenant })
  const definitions = new Map<string, WorkflowDefinition | null>()
  // PARALLEL runs at a time (their outside calls overlap, their transactions queue for connections),
  // each for at most RUN_BUDGET steps before it goes back in line; between rounds, events that came
  // meanwhile start their runs, so under a steady stream the job keeps up without waiting for the next.
  while (summary.steps < STEP_BUDGET) {
    const claimed = await runInTenant(tenantId, scope => claimRuns(scope, PARALLEL))
    if (!claimed.length) break
    const taken = await Promise.all(claimed.map(run => advance(tenant, run, RUN_BUDGET, definitions)))
    summary.steps += taken.reduce((a, b) => a + b, 0)
    await fanOut()
  }
  const [soonest] = await runInTenant(tenantId, scope => scope.tx.select({ s: sql<number>`ceil(extract(epoch from min(${workflowRuns.resumeAt}) - now()))::int` }).from(workflowRuns)
    .where(scope.where(workflowRuns, inArray(workflowRuns.status, ['queued', 'waiting']))))
  // Finished runs older than the workspace's retention (7 to 365 days, 90 unless changed) go with their steps.
  await runInTenant(tenantId, scope => scope.tx.delete(workflowRuns).where(scope.where(workflowRuns,
    inArray(workflowRuns.status, [...FINISHED]), lt(workflowRuns.finishedAt, sql`now() - make_interval(days => (select ${tenants.workflowRunRetentionDays} from ${tenants} where ${tenants.id} = ${tenantId}))`))))
  // More than the budget waiting: queue again, behind the other tenants' jobs. A due time within the
  // hour (a wait, a retry): queue for then. Later ones (an approval's due time, long waits) are left
  // to the minute's sweep, so a tenant's jobs never pile up far in the future.
  if (soonest?.s !== null && soonest?.s !== undefined && (summary.steps >= STEP_BUDGET || soonest.s <= 3600)) {
    await queueWorkflows(tenantId, summary.steps >= STEP_BUDGET ? undefined : Math.max(1, soonest.s))
  }
  return summary
}

/**
 * Every minute: queues a run for each tenant with events not yet looked at after 10 s, a schedule
 * due, or a run due (a delay or retry whose time has come, a lease a stopped instance left).
 */
export async function sweepWorkflows(): Promise<{ tenants: number }> {
  // Events matter only where a switched-on workflow starts on events; elsewhere they are left unmarked
  // (no workflow can start on events older than its switching on) and go with the outbox's retention.
  const owed = await activeTenantsWhere(`(exists (select 1 from domain_events where tenant_id = tid and automated_at is null and occurred_at < now() - interval '10 seconds')
      and exists (select 1 from workflows where tenant_id = tid and enabled and trigger_event is not null))
    or exists (select 1 from workflows where tenant_id = tid and enabled and next_fire_at <= now())
    or exists (select 1 from workflow_runs where tenant_id = tid and ((status in ('queued', 'waiting') and resume_at <= now()) or (status = 'running' and lease_until < now())))`)
  for (const tenantId of owed) await queueWorkflows(tenantId)
  return { tenants: owed.length }
}

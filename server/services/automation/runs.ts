import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { SQL } from 'drizzle-orm'
import { approvalRequests, workflowRuns, workflowRunSteps, workflows } from '#drizzle/schema'
import type { RecordType } from '#shared/records'
import type { DryRunStep, RunDetail, RunRow, RunStatus, RunStepRow, RunsQuery, StepType, TriggerKind, WorkflowDefinition } from '#shared/workflows'
import { conditionHolds, renderTemplate, subjectType } from '#shared/workflows'
import { keysetCursor, isTimeAndId } from '#server/utils/keyset-cursor'
import type { TenantScope } from '#server/utils/tenant-db'
import { readRecord, visibleTitles } from '#server/services/crm/records/read'
import type { RecordActor } from '#server/services/crm/records/visibility'
import { checkDefinition } from './definition'
import { insertRuns } from './engine'
import { kickWorkflows } from './queue'
import { definitionAt, findWorkflow, maskedDefinition } from './workflows'

type Run = typeof workflowRuns.$inferSelect

function runRow(r: Run, workflowName: string, titles?: Map<string, string>): RunRow {
  return {
    id: r.id,
    workflowId: r.workflowId,
    workflowName,
    version: r.version,
    status: r.status as RunStatus,
    triggerKind: r.triggerKind as TriggerKind,
    record: r.recordType && r.recordId ? { type: r.recordType as RecordType, id: r.recordId, title: titles?.get(`${r.recordType}:${r.recordId}`) ?? null } : null,
    depth: r.depth,
    currentStep: r.currentStep,
    error: r.error,
    resumeAt: r.resumeAt?.toISOString() ?? null,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  }
}

/** Runs, newest first, filtered by status, workflow or record; keyset pages. Record titles where the actor sees the record. */
export async function listRuns(scope: TenantScope, actor: RecordActor, query: RunsQuery): Promise<{ items: RunRow[], nextCursor: string | null }> {
  const [at, id] = query.cursor ? keysetCursor.decode(query.cursor, isTimeAndId) : []
  const conditions: (SQL | undefined)[] = [
    query.status ? eq(workflowRuns.status, query.status) : undefined,
    query.workflowId ? eq(workflowRuns.workflowId, query.workflowId) : undefined,
    query.recordType ? eq(workflowRuns.recordType, query.recordType) : undefined,
    query.recordId ? eq(workflowRuns.recordId, query.recordId) : undefined,
    at !== undefined ? sql`(${workflowRuns.startedAt}, ${workflowRuns.id}) < (${at}::timestamptz, ${id}::uuid)` : undefined,
  ]
  const rows = await scope.tx.select({ r: workflowRuns, name: workflows.name, at: sql<string>`${workflowRuns.startedAt}::text` }).from(workflowRuns)
    .innerJoin(workflows, and(eq(workflows.tenantId, workflowRuns.tenantId), eq(workflows.id, workflowRuns.workflowId)))
    .where(scope.where(workflowRuns, ...conditions))
    .orderBy(desc(workflowRuns.startedAt), desc(workflowRuns.id)).limit(query.limit + 1)
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  const titles = await visibleTitles(scope, actor, page.flatMap(({ r }) => r.recordType && r.recordId ? [{ type: r.recordType as RecordType, id: r.recordId }] : []))
  return {
    items: page.map(r => runRow(r.r, r.name, titles)),
    nextCursor: rows.length > query.limit && last ? keysetCursor.encode([last.at, last.r.id]) : null,
  }
}

async function findRun(scope: TenantScope, id: string, lock = false): Promise<{ run: Run, name: string }> {
  const q = scope.tx.select({ run: workflowRuns, name: workflows.name }).from(workflowRuns)
    .innerJoin(workflows, and(eq(workflows.tenantId, workflowRuns.tenantId), eq(workflows.id, workflowRuns.workflowId)))
    .where(scope.where(workflowRuns, eq(workflowRuns.id, id)))
  const [row] = lock ? await q.for('update', { of: workflowRuns }) : await q
  if (!row) throw notFound('No such workflow run')
  return row
}

/** One run with each step it took and the version it ran. */
export async function getRun(scope: TenantScope, actor: RecordActor, id: string): Promise<RunDetail> {
  const { run, name } = await findRun(scope, id)
  const titles = run.recordType && run.recordId ? await visibleTitles(scope, actor, [{ type: run.recordType as RecordType, id: run.recordId }]) : undefined
  const steps = await scope.tx.select().from(workflowRunSteps).where(scope.where(workflowRunSteps, eq(workflowRunSteps.runId, id))).orderBy(asc(workflowRunSteps.startedAt))
  // Versions go only with their workflow, and so do its runs: a run's version is always there.
  const definition = (await definitionAt(scope, run.workflowId, run.version))!
  return {
    ...runRow(run, name, titles),
    definition: maskedDefinition(definition),
    steps: steps.map((s): RunStepRow => ({
      stepId: s.stepId,
      type: s.type as StepType,
      status: s.status as RunStepRow['status'],
      input: s.input,
      output: s.output,
      error: s.error,
      attempts: s.attempts,
      startedAt: s.startedAt.toISOString(),
      durationMs: s.durationMs,
    })),
  }
}

/** Stops a run that has not finished: a step under way finishes, nothing after it runs. */
export async function cancelRun(scope: TenantScope, id: string): Promise<RunRow> {
  const { run, name } = await findRun(scope, id, true)
  if (!['queued', 'running', 'waiting'].includes(run.status)) throw apiError(409, 'CONFLICT', `The run has already ${run.status === 'succeeded' ? 'succeeded' : `ended (${run.status})`}`)
  const [row] = await scope.tx.update(workflowRuns).set({ status: 'cancelled', leaseUntil: null, finishedAt: sql`now()`, error: 'Cancelled' })
    .where(scope.where(workflowRuns, eq(workflowRuns.id, id))).returning()
  // An approval it waits for is withdrawn: its links and buttons decide nothing any more.
  await scope.tx.update(approvalRequests).set({ status: 'cancelled', decidedAt: sql`now()` })
    .where(scope.where(approvalRequests, eq(approvalRequests.runId, id), eq(approvalRequests.status, 'pending')))
  await scope.audit({ action: 'workflow.run_cancelled', entityType: 'workflow_run', entityId: id, before: { status: run.status } })
  return runRow(row!, name)
}

/** Starts a failed run again from the step that failed, on the version it started on. */
export async function retryRun(scope: TenantScope, id: string): Promise<RunRow> {
  const { run, name } = await findRun(scope, id, true)
  if (run.status !== 'failed' || !run.currentStep) throw apiError(409, 'CONFLICT', 'Only a failed run can be retried')
  const [row] = await scope.tx.update(workflowRuns).set({ status: 'queued', attempt: 0, error: null, finishedAt: null, leaseUntil: null, resumeAt: sql`now()` })
    .where(scope.where(workflowRuns, eq(workflowRuns.id, id))).returning()
  await scope.audit({ action: 'workflow.run_retried', entityType: 'workflow_run', entityId: id, after: { fromStep: run.currentStep } })
  scope.afterCommit(() => kickWorkflows(scope.tenantId))
  return runRow(row!, name)
}

/**
 * Starts a manual workflow on records the person chose (and may see): one run per record, keyed by
 * this request, so a retried request starts none twice.
 */
export async function startManualRuns(scope: TenantScope, actor: RecordActor, workflowId: string, recordIds: string[], requestKey: string): Promise<{ runs: { id: string }[] }> {
  const wf = await findWorkflow(scope, workflowId)
  const def = await definitionAt(scope, workflowId, wf.version)
  if (!def || def.trigger.kind !== 'manual') throw apiError(409, 'CONFLICT', 'This workflow starts on its trigger, not by hand')
  if (!wf.enabled) throw apiError(409, 'CONFLICT', 'Switch the workflow on first')
  const type = def.trigger.recordType
  const runs = []
  for (const recordId of [...new Set(recordIds)]) {
    const { presented } = await readRecord(scope, actor, type, recordId)
    runs.push({
      workflowId, version: wf.version, status: 'queued', triggerKind: 'manual', triggerKey: `manual:${requestKey}:${recordId}`, recordType: type, recordId, depth: 0,
      currentStep: def.steps[0]!.id, vars: { trigger: { startedBy: actor.userId }, record: presented, steps: {}, startedBy: actor.userId }, resumeAt: sql`now()` as unknown as Date,
    })
  }
  const ids = await insertRuns(scope, runs, true, true)
  await scope.audit({ action: 'workflow.run_started', entityType: 'workflow', entityId: workflowId, after: { records: recordIds.length } })
  return { runs: ids.map(id => ({ id })) }
}

const WOULD: Record<StepType, (input: Record<string, unknown>) => string> = {
  condition: i => `check ${(i.conditions as unknown[]).length} condition(s): ${i.result ? 'yes' : 'no'}`,
  delay: i => i.seconds ? `wait ${i.seconds} s` : `wait until ${i.until ?? 'the date in the record'}`,
  update_record: () => 'update the record',
  create_record: i => `create a record in ${i.recordType}`,
  assign: i => i.mode === 'user' ? 'make the chosen member the owner' : 'give the record to the next member of the team',
  notify: i => `tell ${i.owner ? 'the record\'s owner' : ''}${i.owner && i.count ? ' and ' : ''}${i.count ? `${i.count} member(s)` : ''} in the app`,
  send_email: i => `mail ${i.to}`,
  http_request: i => `${i.method} ${i.url}`,
  slack: () => 'post to Slack',
  teams: () => 'post to Microsoft Teams',
  webhook_event: () => 'send workflow.message to the webhook endpoints',
  approval: i => `ask for approval: "${i.title}" (${i.levels} level(s)), then go the approved way`,
}

/**
 * A dry run: walks the definition against a record (or none), evaluating conditions and filling
 * templates, and says what each step would do. Nothing is written and nothing is sent; outputs of
 * steps that would write show as placeholders.
 */
export async function dryRun(scope: TenantScope, actor: RecordActor, def: WorkflowDefinition, recordId: string | undefined): Promise<{ steps: DryRunStep[], problems: Awaited<ReturnType<typeof checkDefinition>> }> {
  const problems = await checkDefinition(scope, def)
  const type = def.trigger.kind === 'manual' ? def.trigger.recordType : subjectType(def.trigger)
  let record: Record<string, unknown> | null = null
  if (type && recordId) record = (await readRecord(scope, actor, type, recordId)).presented as unknown as Record<string, unknown>
  const stepsOut: Record<string, Record<string, unknown>> = {}
  const vars = () => ({ trigger: record ? { record, changed: Object.keys(record) } : {}, record, steps: stepsOut, workspace: { name: scope.request.tenant?.name ?? '' }, run: { id: '(dry run)' }, now: new Date().toISOString() })
  const out: DryRunStep[] = []
  let at: string | null | undefined = def.steps[0]?.id
  const seen = new Set<string>()
  while (at && !seen.has(at) && out.length < def.steps.length) {
    seen.add(at)
    const step = def.steps.find(s => s.id === at)
    if (!step) break
    const v = vars()
    const problem = problems.find(p => p.path === `steps.${step.id}` || p.path.startsWith(`steps.${step.id}.`))?.message ?? null
    let input: Record<string, unknown> = {}
    let next: string | null | undefined = step.next
    switch (step.type) {
      case 'condition': {
        const results = step.conditions.map(c => conditionHolds(c, v))
        const result = step.match === 'any' ? results.some(Boolean) : results.every(Boolean)
        input = { conditions: step.conditions, result }
        stepsOut[step.id] = { result }
        next = result ? step.next : step.else
        break
      }
      case 'delay':
        input = { seconds: step.seconds, until: step.untilField ? String(v.record?.[step.untilField.replace(/^record\./, '')] ?? '') || null : null }
        break
      case 'update_record':
      case 'create_record':
        input = { recordType: step.type === 'create_record' ? step.recordType : type, fields: Object.fromEntries(Object.entries(step.fields).map(([k, t]) => [k, renderTemplate(t, v)])) }
        stepsOut[step.id] = { id: '(new record)', version: '(next)' }
        break
      case 'assign':
        input = { mode: step.mode }
        stepsOut[step.id] = { ownerId: step.userId ?? '(next team member)' }
        break
      case 'notify':
        input = { owner: step.recipients.owner, count: step.recipients.userIds.length, title: renderTemplate(step.title, v), body: renderTemplate(step.body, v) }
        break
      case 'send_email':
        input = { to: renderTemplate(step.to, v), subject: renderTemplate(step.subject, v), body: renderTemplate(step.body, v) }
        break
      case 'http_request':
        input = { method: step.method, url: renderTemplate(step.url, v), body: renderTemplate(step.body, v) }
        stepsOut[step.id] = { status: '(status)', body: '(answer)' }
        break
      case 'slack':
        input = { text: renderTemplate(step.text, v) }
        break
      case 'teams':
        input = { title: renderTemplate(step.title, v), text: renderTemplate(step.text, v) }
        break
      case 'webhook_event':
        input = { message: renderTemplate(step.message, v) }
        break
      case 'approval':
        input = { title: renderTemplate(step.title, v), levels: step.levels.length }
        stepsOut[step.id] = { decision: 'approved', comment: '', decidedBy: '(approver)' }
        break
    }
    out.push({ stepId: step.id, type: step.type, would: `Would ${WOULD[step.type](input)}`, input, problem })
    at = next
  }
  return { steps: out, problems }
}
